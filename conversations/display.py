"""Stored values as people read them: Indonesian dates, numbers with dots, choice labels."""

from datetime import date
from typing import Any

from conversations.schema import Question, QuestionType
from conversations.texts import MONTHS, NO, SKIPPED_VALUE, YES


def format_date(day: date) -> str:
    """24 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_number(number: int) -> str:
    """1.234 (Indonesian thousands separator)."""
    return f"{number:,}".replace(",", ".")


def display_value(question: Question, value: Any) -> str:
    """An answer as text for a summary."""
    if value is None:
        return SKIPPED_VALUE
    match question.type:
        case QuestionType.DATE:
            return format_date(date.fromisoformat(value))
        case QuestionType.INTEGER:
            return format_number(value)
        case QuestionType.YES_NO:
            return YES if value else NO
        case QuestionType.CHOICE:
            return question.choice_label(value)
        case QuestionType.MULTI_CHOICE:
            return ", ".join(question.choice_label(item) for item in value)
        case _:
            return str(value)
