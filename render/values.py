"""Stored answers as the report prints them; an odd value is printed as text, never fatal."""

import logging
import re
import unicodedata
from datetime import date
from typing import Any

from render import texts
from render.filters import number, short_date
from render.outline import QuestionLike
from render.typeface import covered as fonts_cover

logger = logging.getLogger(__name__)

TRAIL_VALUE_LIMIT = 120
# What XML 1.0 (so xhtml2pdf and every spreadsheet) cannot carry: C0 controls but tab and
# newlines, noncharacters, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_KEPT = {"\n", "\t", "\r"}
# Invisible format characters that join emoji stay; every other one (bidi overrides and
# marks above all: they would reorder or hide text) is written out as [U+XXXX].
_JOINERS = {"\u200c", "\u200d", "\ufe0e", "\ufe0f"}


def code_point(ch: str) -> str:
    """'[U+0000]': how a character that cannot be shown is written instead."""
    return f"[U+{ord(ch):04X}]"


def safe_text(text: str) -> str:
    """Text with the characters XML cannot carry written as [U+XXXX] (for spreadsheets)."""
    return _UNSAFE.sub(lambda m: code_point(m.group(0)), text)


def printable(text: str, covered: frozenset[int] | None = None) -> str:
    """Text as a page can show it: control and invisible format characters, and characters
    none of the report's fonts can draw, written as [U+XXXX]; everything else as stored."""
    if covered is None:
        covered = fonts_cover()
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _KEPT:
            out.append(ch)
        elif _UNSAFE.match(ch) or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in _JOINERS):
            out.append(code_point(ch))
        elif ord(ch) in covered or ch.isspace():
            out.append(ch)
        else:
            out.append(code_point(ch))
    return "".join(out)


def display(question: QuestionLike | None, value: Any) -> str:
    """An answer as readable Indonesian text ('—' for a skipped one)."""
    if value is None:
        return texts.EMPTY
    try:
        return _display(question, value)
    except (TypeError, ValueError, AttributeError, OverflowError):
        logger.warning("unexpected stored value for %s", question.key if question else "?")
        return str(value)


def _display(question: QuestionLike | None, value: Any) -> str:
    kind = question.type if question is not None else ""
    if kind == "date":
        return short_date(date.fromisoformat(value))  # in a table: 24-11-2026
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
