"""Indonesian dates and numbers; the one place UTC becomes WITA for the reports."""

from datetime import date, datetime

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime

from storage.periods import WITA

LOCALE = "id"


def long_date(day: date) -> str:
    """24 November 2026."""
    return babel_date(day, "d MMMM y", locale=LOCALE)


def short_date(day: date) -> str:
    """24-11-2026."""
    return day.strftime("%d-%m-%Y")


def wita_datetime(moment: datetime) -> str:
    """24-11-2026 10.05 WITA, from an aware UTC instant."""
    return babel_datetime(moment, "dd-MM-y HH.mm", tzinfo=WITA, locale=LOCALE) + " WITA"


def wita_long(moment: datetime) -> str:
    """24 November 2026 pukul 10.05 WITA."""
    return babel_datetime(moment, "d MMMM y 'pukul' HH.mm", tzinfo=WITA, locale=LOCALE) + " WITA"


def wita_date(moment: datetime) -> date:
    """The WITA calendar day of an instant."""
    return moment.astimezone(WITA).date()


def number(value: int) -> str:
    """1.234 (Indonesian thousands separator)."""
    return f"{value:,}".replace(",", ".")
