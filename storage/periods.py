"""The reporting calendar: semesters, their report months and default deadlines (WITA dates)."""

import calendar
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


def default_deadlines(year: int, semester: Semester) -> tuple[date, date]:
    """Data due on the 7th of the report month, the final report on its last day."""
    ryear, rmonth = report_month(year, semester)
    last_day = calendar.monthrange(ryear, rmonth)[1]
    return date(ryear, rmonth, DATA_DEADLINE_DAY), date(ryear, rmonth, last_day)
