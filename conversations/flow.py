"""Walking a section's form over its saved answers: what to ask next and what to review."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from conversations.schema import Question, Repeat, Section

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
    entries: int


Prompt = Ask | AskAnother


def entry_count(section: Section, answers: Answers) -> int:
    """How many repeated entries have at least one answer."""
    return max((entry for entry, _field in answers), default=0) if section.repeat else 0


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
        count = entry_count(section, answers)
        for entry in range(1, count + 1):
            values = entry_answers(answers, entry)
            for question in relevant_questions(item.questions, values):
                if question.key not in values:
                    return Ask(question, entry)
        if count < item.min_entries:
            return Ask(item.questions[0], count + 1)
        if not closed:
            return AskAnother(item, count)
    return None


def _is_relevant(question: Question, values: dict[str, Any]) -> bool:
    return question.relevant is None or question.relevant.holds(values)


@dataclass(frozen=True)
class ReviewLine:
    """One numbered line of the summary: a relevant question and its value (if any)."""

    question: Question
    entry: int
    value: Any
    answered: bool


def review_lines(section: Section, answers: Answers) -> list[ReviewLine]:
    """Every relevant question in form order, with entries expanded."""
    lines: list[ReviewLine] = []
    top = entry_answers(answers, 0)
    for item in section.items:
        if isinstance(item, Question):
            if _is_relevant(item, top):
                lines.append(ReviewLine(item, 0, top.get(item.key), item.key in top))
            continue
        for entry in range(1, entry_count(section, answers) + 1):
            values = entry_answers(answers, entry)
            for question in relevant_questions(item.questions, values):
                answered = question.key in values
                lines.append(ReviewLine(question, entry, values.get(question.key), answered))
    return lines
