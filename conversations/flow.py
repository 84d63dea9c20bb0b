"""Walking a section's form over its saved answers: what to ask next and what to review."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from conversations.schema import Question, Repeat, Section
from storage.enums import DELETED_ENTRY

Answers = dict[tuple[int, str], Any]


@dataclass(frozen=True)
class Ask:
    """Ask this question for this entry (0: the section itself)."""

    question: Question
    entry: int


@dataclass(frozen=True)
class AskAnother:
    """All entries so far are complete: ask whether to add one more."""

    repeat: Repeat


Prompt = Ask | AskAnother


DELETED = DELETED_ENTRY


def live_entries(section: Section, answers: Answers) -> list[int]:
    """Numbers of the repeated entries that have answers and were not deleted, in order."""
    if section.repeat is None:
        return []
    numbers = {entry for entry, _field in answers if entry}
    return sorted(n for n in numbers if answers.get((n, DELETED)) is not True)


def next_entry_number(answers: Answers) -> int:
    """The number a new entry gets (deleted numbers are never reused)."""
    return max((entry for entry, _field in answers), default=0) + 1


def entry_position(section: Section, answers: Answers, entry: int) -> int:
    """The entry's place among the live ones, as people count (a new entry comes last)."""
    live = live_entries(section, answers)
    return live.index(entry) + 1 if entry in live else len(live) + 1


def entry_answers(answers: Answers, entry: int) -> dict[str, Any]:
    """The answers of one entry keyed by field."""
    return {field: value for (number, field), value in answers.items() if number == entry}


def relevant_questions(
    questions: tuple[Question, ...], answers: dict[str, Any]
) -> Iterator[Question]:
    """The questions whose conditions hold for these answers, in order."""
    for question in questions:
        if question.relevant is None or question.relevant.holds(answers):
            yield question


def next_prompt(section: Section, answers: Answers, *, closed: bool) -> Prompt | None:
    """The first thing still to ask, or None when the section can be reviewed."""
    top = entry_answers(answers, 0)
    for item in section.items:
        if isinstance(item, Question):
            if item.key not in top and _is_relevant(item, top):
                return Ask(item, 0)
            continue
        live = live_entries(section, answers)
        for entry in live:
            values = entry_answers(answers, entry)
            for question in relevant_questions(item.questions, values):
                if question.key not in values:
                    return Ask(question, entry)
        if len(live) < item.min_entries:
            return Ask(item.questions[0], next_entry_number(answers))
        if not closed:
            return AskAnother(item)
    return None


def _is_relevant(question: Question, values: dict[str, Any]) -> bool:
    return question.relevant is None or question.relevant.holds(values)


@dataclass(frozen=True)
class ReviewLine:
    """One numbered line of the summary: a relevant question and its value (if any)."""

    question: Question
    entry: int
    position: int
    value: Any
    answered: bool


def review_lines(section: Section, answers: Answers) -> list[ReviewLine]:
    """Every relevant question in form order, with entries expanded."""
    lines: list[ReviewLine] = []
    top = entry_answers(answers, 0)
    for item in section.items:
        if isinstance(item, Question):
            if _is_relevant(item, top):
                lines.append(ReviewLine(item, 0, 0, top.get(item.key), item.key in top))
            continue
        for position, entry in enumerate(live_entries(section, answers), start=1):
            values = entry_answers(answers, entry)
            for question in relevant_questions(item.questions, values):
                answered = question.key in values
                value = values.get(question.key)
                lines.append(ReviewLine(question, entry, position, value, answered))
    return lines
