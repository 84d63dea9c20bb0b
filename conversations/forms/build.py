"""Short constructors so each form reads like the procedure it comes from."""

from typing import Any

from conversations.schema import Carry, Choice, Condition, Question, QuestionType

STABLE, SEMESTER = Carry.STABLE, Carry.SEMESTER


def _question(qtype: QuestionType, key: str, label: str, **options: Any) -> Question:
    return Question(key=key, label=label, type=qtype, **options)


def text(key: str, label: str, **options: Any) -> Question:
    """A short free-text answer (a name, a place, a number of a document)."""
    return _question(QuestionType.TEXT, key, label, **options)


def long_text(key: str, label: str, **options: Any) -> Question:
    """A paragraph."""
    return _question(QuestionType.LONG_TEXT, key, label, **options)


def integer(key: str, label: str, *, min_value: int = 0, **options: Any) -> Question:
    """A whole number, zero or more unless told otherwise."""
    return _question(QuestionType.INTEGER, key, label, min_value=min_value, **options)


def day(key: str, label: str, **options: Any) -> Question:
    """A calendar date."""
    return _question(QuestionType.DATE, key, label, **options)


def yes_no(key: str, label: str, **options: Any) -> Question:
    """Ya or tidak."""
    return _question(QuestionType.YES_NO, key, label, **options)


def one_of(key: str, label: str, choices: dict[str, str], **options: Any) -> Question:
    """One option from a list (value -> label)."""
    return _question(QuestionType.CHOICE, key, label, choices=_choices(choices), **options)


def some_of(key: str, label: str, choices: dict[str, str], **options: Any) -> Question:
    """One or more options from a list (value -> label)."""
    return _question(QuestionType.MULTI_CHOICE, key, label, choices=_choices(choices), **options)


def plan(relevant: Condition | None = None) -> Question:
    """The optional 'rencana program' every section may carry for the next semester."""
    return long_text(
        "rencana",
        "Rencana program untuk semester berikutnya",
        heading="Rencana program semester berikutnya",
        required=False,
        relevant=relevant,
        carry=SEMESTER,
    )


def _choices(choices: dict[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in choices.items())
