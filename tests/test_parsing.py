"""Answer parsers: good answers become values, bad ones a reason code."""

from datetime import date

import pytest

from conversations.forms.build import day, integer, long_text, one_of, some_of, text, yes_no
from conversations.parsing import Rejected, parse, parse_date
from conversations.texts import INVALID_MESSAGES, Invalid

CHOICES = {"tempat_kerja": "TUK Tempat Kerja", "sewaktu": "TUK Sewaktu", "mandiri": "TUK Mandiri"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("24-11-2026", date(2026, 11, 24)),
        ("24/11/2026", date(2026, 11, 24)),
        ("24 Nov 2026", date(2026, 11, 24)),
        ("24 November 2026", date(2026, 11, 24)),
        ("31/10/26", date(2026, 10, 31)),
        ("1 Jan 27", date(2027, 1, 1)),
        ("24 november 2026", date(2026, 11, 24)),
        ("2026-11-24", date(2026, 11, 24)),
        ("1 Agt 2026", date(2026, 8, 1)),
        ("5 Mei 2027", date(2027, 5, 5)),
        ("29-02-2028", date(2028, 2, 29)),
    ],
)
def test_dates_in_every_accepted_form(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("31-02-2026", Invalid.DATE_NO_SUCH_DAY),
        ("29-02-2026", Invalid.DATE_NO_SUCH_DAY),
        ("31 April 2026", Invalid.DATE_NO_SUCH_DAY),
        ("24-13-2026", Invalid.DATE_MONTH),
        ("24 Novem 2026", Invalid.DATE_MONTH),
        ("24-11-126", Invalid.DATE_YEAR),
        ("24-11-1800", Invalid.DATE_YEAR),
        ("kemarin", Invalid.DATE_FORMAT),
        ("24112026", Invalid.DATE_FORMAT),
    ],
)
def test_bad_dates_say_why(typed: str, code: Invalid) -> None:
    result = parse(day("d", "Tanggal"), typed)
    assert isinstance(result, Rejected) and result.code is code


def test_impossible_day_message_names_the_month() -> None:
    result = parse_date("31-02-2026")
    assert isinstance(result, Rejected)
    message = INVALID_MESSAGES[result.code].format(**result.params)
    assert message == "Tanggal 31 tidak ada di bulan Februari 2026."


@pytest.mark.parametrize(
    ("question", "typed", "code"),
    [
        (text("t", "Nama"), "   ", Invalid.EMPTY),
        (text("t", "Nama"), "x" * 201, Invalid.TOO_LONG),
        (long_text("t", "Uraian"), "x" * 3001, Invalid.TOO_LONG),
        (integer("n", "Jumlah"), "dua belas", Invalid.NOT_INTEGER),
        (integer("n", "Jumlah"), "12,5", Invalid.NOT_INTEGER),
        (integer("n", "Jumlah"), "1.23", Invalid.NOT_INTEGER),
        (integer("n", "Jumlah"), "-3", Invalid.BELOW_MIN),
        (integer("n", "Jumlah", min_value=1), "0", Invalid.BELOW_MIN),
        (integer("n", "Jumlah", max_value=10), "11", Invalid.ABOVE_MAX),
        (one_of("c", "Jenis", CHOICES), "4", Invalid.NOT_A_CHOICE),
        (one_of("c", "Jenis", CHOICES), "0", Invalid.NOT_A_CHOICE),
        (one_of("c", "Jenis", CHOICES), "pabrik", Invalid.NOT_A_CHOICE),
        (some_of("m", "Jenis", CHOICES), "1,7", Invalid.NOT_A_CHOICE),
        (some_of("m", "Jenis", CHOICES), ",", Invalid.EMPTY),
        (yes_no("y", "Ada?"), "mungkin", Invalid.NOT_YES_NO),
    ],
)
def test_bad_answers_of_every_type(question, typed: str, code: Invalid) -> None:
    result = parse(question, typed)
    assert isinstance(result, Rejected)
    assert result.code is code
    assert INVALID_MESSAGES[code].format(**result.params)


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        (text("t", "Nama"), "  TUK Otomotif  ", "TUK Otomotif"),
        (long_text("t", "Uraian"), "baris 1\nbaris 2", "baris 1\nbaris 2"),
        (integer("n", "Jumlah"), "1.234", 1234),
        (integer("n", "Jumlah"), "12 orang", 12),
        (integer("n", "Jumlah"), "0", 0),
        (one_of("c", "Jenis", CHOICES), "2", "sewaktu"),
        (one_of("c", "Jenis", CHOICES), "tuk mandiri", "mandiri"),
        (one_of("c", "Jenis", CHOICES), "tempat kerja", "tempat_kerja"),
        (some_of("m", "Jenis", CHOICES), "3, 1", ["tempat_kerja", "mandiri"]),
        (some_of("m", "Jenis", CHOICES), "1 dan 2", ["tempat_kerja", "sewaktu"]),
        (yes_no("y", "Ada?"), "Iya", True),
        (yes_no("y", "Ada?"), "tdk", False),
        (yes_no("y", "Ada?"), "2", False),
    ],
)
def test_good_answers_become_values(question, typed: str, value) -> None:
    assert parse(question, typed) == value


def test_every_code_has_a_message() -> None:
    assert set(INVALID_MESSAGES) == set(Invalid)
