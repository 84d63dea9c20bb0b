"""When people are reminded, as pure functions of the calendar, the plan and the instant.

An occasion is one moment at which a group is reminded ("3 days before the data deadline of
2026-II", "the admin's digest of 29 January 2027"). Occasions of one kind for one period form a
series; when several of a series are due at once (the bot was down), only the newest is sent
and the older ones are skipped, so nobody gets three reminders in a row. One that is due but
no longer useful (the deadline it warns about has passed) is skipped too.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from storage.enums import ReminderKind
from storage.periods import WITA

DIGEST_DAYS_OVERDUE = 7
SUPERSEDED = "superseded"  # a newer occasion of the same series is due too
EXPIRED = "expired"  # the deadline it warns about has passed


@dataclass(frozen=True)
class Plan:
    """How far ahead and after the data deadline people are reminded, and when in the day."""

    days_before: tuple[int, ...] = (7, 3, 1)
    days_after: int = 3
    digest_days: int = 3
    send_at: time = time(9, 0)


DEFAULT_PLAN = Plan()


@dataclass(frozen=True)
class Deadlines:
    """A period as reminders see it."""

    period_id: int
    code: str  # "2026-II"
    data_deadline: date
    final_deadline: date
    final_exists: bool


@dataclass(frozen=True)
class Occasion:
    """One moment at which a group is reminded."""

    key: str
    period_id: int
    kind: ReminderKind
    due_at: datetime  # UTC
    useful_until: datetime  # UTC, exclusive

    @property
    def series(self) -> tuple[int, ReminderKind]:
        """Occasions of one series supersede each other."""
        return self.period_id, self.kind


def at(day: date, moment: time) -> datetime:
    """A WITA wall-clock time on a day, as UTC."""
    return datetime.combine(day, moment, WITA).astimezone(UTC)


def end_of(day: date) -> datetime:
    """The first instant after a WITA day, as UTC."""
    return at(day + timedelta(days=1), time(0))


def occasions(period: Deadlines, plan: Plan) -> list[Occasion]:
    """Every scheduled occasion of a period (manual ones are made by /ingatkan)."""
    data, final = period.data_deadline, period.final_deadline
    found: list[Occasion] = []
    for days in sorted(set(plan.days_before), reverse=True):
        found.append(
            Occasion(
                f"{period.code}/before/{data.isoformat()}/{days}",
                period.period_id,
                ReminderKind.BEFORE,
                at(data - timedelta(days=days), plan.send_at),
                end_of(data),
            )
        )
    for days in range(1, plan.days_after + 1):
        day = data + timedelta(days=days)
        if day > final:
            break
        found.append(
            Occasion(
                f"{period.code}/after/{data.isoformat()}/{days}",
                period.period_id,
                ReminderKind.AFTER,
                at(day, plan.send_at),
                end_of(final),
            )
        )
    if not period.final_exists:
        first = final - timedelta(days=plan.digest_days)
        for offset in range((final - first).days + DIGEST_DAYS_OVERDUE + 1):
            day = first + timedelta(days=offset)
            found.append(
                Occasion(
                    f"{period.code}/digest/{day.isoformat()}",
                    period.period_id,
                    ReminderKind.DIGEST,
                    at(day, plan.send_at),
                    end_of(day),
                )
            )
    return found


@dataclass(frozen=True)
class Due:
    """What to do at an instant: occasions to send now, and those to record as skipped."""

    send: tuple[Occasion, ...]
    skip: tuple[tuple[Occasion, str], ...]  # with why: SUPERSEDED or EXPIRED


def due(candidates: list[Occasion], now: datetime, *, known: set[str]) -> Due:
    """Sort the occasions whose time has come and that nobody has recorded yet."""
    newest: dict[tuple[int, ReminderKind], Occasion] = {}
    for occasion in candidates:
        if occasion.due_at > now:
            continue
        best = newest.get(occasion.series)
        if best is None or occasion.due_at > best.due_at:
            newest[occasion.series] = occasion
    send: list[Occasion] = []
    skip: list[tuple[Occasion, str]] = []
    for occasion in candidates:
        if occasion.due_at > now or occasion.key in known:
            continue
        if newest[occasion.series] is not occasion:
            skip.append((occasion, SUPERSEDED))
        elif now >= occasion.useful_until:
            skip.append((occasion, EXPIRED))
        else:
            send.append(occasion)
    return Due(tuple(send), tuple(skip))


def days_until(day: date, today: date) -> int:
    """Whole days from today to a day (negative when it has passed)."""
    return (day - today).days


EXPIRY_CATCH_UP_DAYS = 7  # a monthly list that fell due while the bot was down, still useful


def expiry_occasions(period_id: int, today: date, plan: Plan) -> list[Occasion]:
    """The admin's monthly list of certificates that expire within three months: on the first
    of each month (this month's and last month's, so a late one supersedes)."""
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    return [
        Occasion(
            f"expiring/{first.strftime('%Y-%m')}",
            period_id,
            ReminderKind.EXPIRING,
            at(first, plan.send_at),
            end_of(first + timedelta(days=EXPIRY_CATCH_UP_DAYS - 1)),
        )
        for first in (last_month, this_month)
    ]
