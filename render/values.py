"""Stored answers as the report prints them; an odd value is printed as text, never fatal."""

import logging
from datetime import date
from typing import Any

from render import texts
from render.filters import long_date, number
from render.outline import QuestionLike

logger = logging.getLogger(__name__)

TRAIL_VALUE_LIMIT = 120


def display(question: QuestionLike | None, value: Any) -> str:
    """An answer as readable Indonesian text ('—' for a skipped one)."""
    if value is None:
        return texts.EMPTY
    try:
        return _display(question, value)
    except (TypeError, ValueError, AttributeError):
        logger.warning("unexpected stored value for %s", question.key if question else "?")
        return str(value)


def _display(question: QuestionLike | None, value: Any) -> str:
    kind = question.type if question is not None else ""
    if kind == "date":
        return long_date(date.fromisoformat(value))
    if kind == "integer" and not isinstance(value, bool):
        return number(int(value))
    if kind == "yes_no":
        return texts.YES if value else texts.NO
    if question is not None and kind == "choice":
        return question.choice_label(str(value))
    if question is not None and kind == "multi_choice":
        return ", ".join(question.choice_label(str(item)) for item in value)
    return str(value)


def shortened(text: str, limit: int = TRAIL_VALUE_LIMIT) -> str:
    """The text cut to `limit` characters with an ellipsis (for the data trail only)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_paragraph(question: QuestionLike) -> bool:
    """Whether the answer is a paragraph, printed across the table rather than in a column."""
    return question.type == "long_text"


def applies(question: QuestionLike, answers: dict[str, Any]) -> bool:
    """Whether a question applies to an entry, given its other answers."""
    return question.relevant is None or question.relevant.holds(answers)
