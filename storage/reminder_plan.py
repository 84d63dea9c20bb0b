"""Deadlines set by hand (with who set them and when) and the reminder plan changed in the
chat: reads and writes."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    or_,
    select,
    update,
)
from sqlmodel import Session

from storage.models import (
    FinalReport,
    Member,
    Period,
    ReminderPlan,
)


def set_deadlines(
    session: Session,
    *,
    period_id: int,
    data_deadline: date,
    final_deadline: date,
    member_id: int | None,
    now: datetime,
) -> None:
    """Set a period's deadlines by hand (who and when are kept)."""
    session.execute(
        update(Period)
        .where(Period.id == period_id)
        .values(
            data_deadline=data_deadline,
            final_deadline=final_deadline,
            deadlines_set_by=member_id,
            deadlines_set_at=now,
        )
    )


def follow_default_deadlines(
    session: Session, *, period_id: int, data_deadline: date, final_deadline: date
) -> bool:
    """Give a period the configured default deadlines unless someone set them by hand; whether
    anything changed."""
    result = session.execute(
        update(Period)
        .where(
            Period.id == period_id,
            Period.deadlines_set_by.is_(None),
            Period.deadlines_set_at.is_(None),
            or_(Period.data_deadline != data_deadline, Period.final_deadline != final_deadline),
        )
        .values(data_deadline=data_deadline, final_deadline=final_deadline)
    )
    return bool(result.rowcount)


def deadline_setter(session: Session, *, period_id: int) -> tuple[str, datetime] | None:
    """Who set a period's deadlines by hand, and when (None: they are the defaults)."""
    row = session.execute(
        select(Member.name, Period.deadlines_set_at)
        .join(Member, Member.id == Period.deadlines_set_by)
        .where(Period.id == period_id, Period.deadlines_set_at.is_not(None))
    ).first()
    return None if row is None else (row[0], row[1])


@dataclass(frozen=True)
class PlanOverrides:
    """What the admin changed in the chat; None keeps the configured default."""

    days_before: tuple[int, ...] | None = None
    days_after: int | None = None
    digest_days: int | None = None


def plan_overrides(session: Session) -> PlanOverrides:
    """The admin's changes to the reminder plan."""
    row = session.execute(select(ReminderPlan).order_by(ReminderPlan.id).limit(1)).scalar()
    if row is None:
        return PlanOverrides()
    before = tuple(row.days_before) if row.days_before is not None else None
    return PlanOverrides(before, row.days_after, row.digest_days)


def set_plan(session: Session, *, member_id: int | None, now: datetime, **changes: Any) -> None:
    """Change the reminder plan (days_before, days_after, digest_days)."""
    row = session.execute(select(ReminderPlan).order_by(ReminderPlan.id).limit(1)).scalar()
    if row is None:
        row = ReminderPlan()
    for name, value in changes.items():
        setattr(row, name, list(value) if name == "days_before" else value)
    row.updated_by, row.updated_at = member_id, now
    session.add(row)
    session.flush()


def has_final(session: Session, *, period_id: int) -> bool:
    """Whether any final report of a period exists."""
    found = session.execute(
        select(FinalReport.id).where(FinalReport.period_id == period_id).limit(1)
    ).first()
    return found is not None
