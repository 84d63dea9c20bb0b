"""The reporting calendar: semesters, their report months and default deadlines (WITA dates)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from storage.enums import Semester

WITA = ZoneInfo("Asia/Makassar")
DATA_DEADLINE_DAY = 7


def semester_of(day: date) -> tuple[int, Semester]:
    """The semester a day falls in."""
    return day.year, Semester.I if day.month <= 6 else Semester.II


def previous_semester(year: int, semester: Semester) -> tuple[int, Semester]:
    """The semester before the given one."""
    return (year, Semester.I) if semester is Semester.II else (year - 1, Semester.II)


def report_month(year: int, semester: Semester) -> tuple[int, int]:
    """The (year, month) in which a semester is reported: July for I, January after for II."""
    return (year, 7) if semester is Semester.I else (year + 1, 1)


@dataclass(frozen=True)
class DeadlineRule:
    """The days of the report month on which data and the final report are due (a final day
    of 0, or one past the month's end, means its last day)."""

    data_day: int = DATA_DEADLINE_DAY
    final_day: int = 0


DEFAULT_RULE = DeadlineRule()


def default_deadlines(
    year: int, semester: Semester, rule: DeadlineRule = DEFAULT_RULE
) -> tuple[date, date]:
    """By default data is due on the 7th of the report month, the final report on its last
    day."""
    ryear, rmonth = report_month(year, semester)
    last_day = calendar.monthrange(ryear, rmonth)[1]
    final_day = last_day if rule.final_day <= 0 else min(rule.final_day, last_day)
    data_day = max(1, min(rule.data_day, final_day))
    return date(ryear, rmonth, data_day), date(ryear, rmonth, final_day)


def semester_start(year: int, semester: Semester) -> date:
    """The first day of a semester."""
    return date(year, 1, 1) if semester is Semester.I else date(year, 7, 1)


def semester_end(year: int, semester: Semester) -> date:
    """The last day of a semester."""
    return date(year, 6, 30) if semester is Semester.I else date(year, 12, 31)


def semester_label(year: int, semester: Semester | str) -> str:
    """'Semester II Tahun 2026', as every report, chat and export names a semester."""
    return f"Semester {semester} Tahun {year}"


def period_code(year: int, semester: Semester) -> str:
    """'2026-II', as people type it after /draft or /tenggat."""
    return f"{year}-{semester}"


_PERIOD = re.compile(r"^(?:(\d{4})[-/ ]?(I{1,2}|[12])|(I{1,2}|[12])[-/ ]?(\d{4}))$", re.I)


def parse_period(text: str) -> tuple[int, Semester] | None:
    """'2026-II', 'II 2026', '2026 2' -> (2026, II)."""
    match = _PERIOD.match(text.strip())
    if match is None:
        return None
    year = int(match.group(1) or match.group(4))
    semester = (match.group(2) or match.group(3)).upper()
    return year, Semester.II if semester in ("II", "2") else Semester.I
