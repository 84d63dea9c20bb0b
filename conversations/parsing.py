"""Pure answer parsers: the text people type becomes a stored value or a reason it was refused."""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from conversations.schema import Choice, Question, QuestionType
from conversations.texts import MONTHS, NO_WORDS, YES_WORDS, Invalid

MAX_LENGTH = {QuestionType.TEXT: 200, QuestionType.LONG_TEXT: 3000}

_MONTH_WORDS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{name.lower()[:3]: number for number, name in enumerate(MONTHS, start=1)},
    "peb": 2, "pebruari": 2, "agt": 8, "ags": 8, "aug": 8, "august": 8, "sept": 9,
    "oct": 10, "october": 10, "nop": 11, "dec": 12, "december": 12, "may": 5,
    "january": 1, "february": 2, "march": 3, "june": 6, "july": 7,
}  # fmt: skip

_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d+)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORD_DATE = re.compile(r"^(\d{1,2})\s*[-/ ]\s*([a-z]+)\.?\s*[-/ ]\s*(\d+)$")
_INTEGER = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+[a-z]+)?$")
# A whole number is stored exactly; past this many digits it is above any maximum anyway
# (and would not survive every database's JSON as a number).
MAX_DIGITS = 15
DEFAULT_MAX = 1_000_000
_SPLIT = re.compile(r"\s*(?:[,;]|\bdan\b)\s*")


@dataclass(frozen=True)
class Rejected:
    """An answer that was not accepted, with the code of the reason and its details."""

    code: Invalid
    params: dict[str, Any] = field(default_factory=dict)


def parse(question: Question, text: str) -> Any:
    """The stored value for this answer, or a Rejected."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return Rejected(Invalid.EMPTY)
    return _PARSERS[question.type](question, text.strip(), cleaned)


def _parse_text(question: Question, raw: str, _cleaned: str) -> Any:
    limit = MAX_LENGTH[question.type]
    if len(raw) > limit:
        return Rejected(Invalid.TOO_LONG, {"max": limit, "length": len(raw)})
    return raw


def _parse_integer(question: Question, _raw: str, cleaned: str) -> Any:
    match = _INTEGER.match(cleaned.lower())
    if not match:
        return Rejected(Invalid.NOT_INTEGER)
    digits = match.group(2).replace(".", "")
    highest = question.max_value if question.max_value is not None else DEFAULT_MAX
    if len(digits.lstrip("0")) > MAX_DIGITS:
        if match.group(1) == "-":
            return Rejected(Invalid.BELOW_MIN, {"min": _number(question.min_value or 0)})
        return Rejected(Invalid.ABOVE_MAX, {"max": _number(highest)})
    value = int(digits)
    if match.group(1) == "-":
        value = -value
    if question.min_value is not None and value < question.min_value:
        return Rejected(Invalid.BELOW_MIN, {"min": _number(question.min_value)})
    if value > highest:
        return Rejected(Invalid.ABOVE_MAX, {"max": _number(highest)})
    return value


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def parse_date(cleaned: str) -> date | Rejected:
    """A calendar date from 24-11-2026, 24/11/2026, 2026-11-24, 24 Nov 2026 or 24 November 2026."""
    lowered = cleaned.lower()
    if match := _ISO_DATE.match(lowered):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC_DATE.match(lowered):
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        if not 1 <= month <= 12:
            return Rejected(Invalid.DATE_MONTH, {"month": match.group(2)})
        year = _year(year_text)
    elif match := _WORD_DATE.match(lowered):
        day, year = int(match.group(1)), _year(match.group(3))
        month = _MONTH_WORDS.get(match.group(2), 0)
        if not month:
            return Rejected(Invalid.DATE_MONTH, {"month": match.group(2)})
    else:
        return Rejected(Invalid.DATE_FORMAT)
    if not 1990 <= year <= 2100:
        return Rejected(Invalid.DATE_YEAR)
    try:
        return date(year, month, day)
    except ValueError:
        return Rejected(
            Invalid.DATE_NO_SUCH_DAY, {"day": day, "month": MONTHS[month - 1], "year": year}
        )


def _year(text: str) -> int:
    """'2026' and '26' (read as 2026); any other length is not a year."""
    if len(text) == 2:
        return 2000 + int(text)
    return int(text) if len(text) == 4 else 0


def _parse_date(_question: Question, _raw: str, cleaned: str) -> Any:
    parsed = parse_date(cleaned)
    return parsed if isinstance(parsed, Rejected) else parsed.isoformat()


def match_choice(choices: tuple[Choice, ...], given: str) -> Choice | None:
    """The option meant by a number (1-based), a stored value or a label; None if unclear."""
    wanted = given.strip().casefold().rstrip(".")
    if wanted.isdigit():
        index = int(wanted) - 1
        return choices[index] if 0 <= index < len(choices) else None
    for choice in choices:
        value = choice.value.casefold()
        if wanted in (value, value.replace("_", " "), choice.label.casefold()):
            return choice
    starts = [c for c in choices if len(wanted) >= 3 and c.label.casefold().startswith(wanted)]
    return starts[0] if len(starts) == 1 else None


def _parse_choice(question: Question, _raw: str, cleaned: str) -> Any:
    choice = match_choice(question.choices, cleaned)
    if choice is None:
        return Rejected(Invalid.NOT_A_CHOICE, {"given": cleaned, "count": len(question.choices)})
    return choice.value


def _parse_multi(question: Question, _raw: str, cleaned: str) -> Any:
    parts = [part for part in _SPLIT.split(cleaned) if part]
    if len(parts) == 1 and all(token.isdigit() for token in parts[0].split()):
        parts = parts[0].split()
    chosen: set[str] = set()
    for part in parts:
        choice = match_choice(question.choices, part)
        if choice is None:
            return Rejected(Invalid.NOT_A_CHOICE, {"given": part, "count": len(question.choices)})
        chosen.add(choice.value)
    if not chosen:
        return Rejected(Invalid.EMPTY)
    return [choice.value for choice in question.choices if choice.value in chosen]


def parse_yes_no(cleaned: str) -> bool | None:
    """True for ya, False for tidak (and their everyday spellings), None otherwise."""
    word = cleaned.casefold().rstrip(".!")
    if word in YES_WORDS or word == "1":
        return True
    if word in NO_WORDS or word == "2":
        return False
    return None


def _parse_yes_no(_question: Question, _raw: str, cleaned: str) -> Any:
    answer = parse_yes_no(cleaned)
    return Rejected(Invalid.NOT_YES_NO) if answer is None else answer


_PARSERS = {
    QuestionType.TEXT: _parse_text,
    QuestionType.LONG_TEXT: _parse_text,
    QuestionType.INTEGER: _parse_integer,
    QuestionType.DATE: _parse_date,
    QuestionType.CHOICE: _parse_choice,
    QuestionType.MULTI_CHOICE: _parse_multi,
    QuestionType.YES_NO: _parse_yes_no,
}
