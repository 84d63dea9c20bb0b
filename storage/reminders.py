"""Deadlines, the reminder plan, reminder occasions and reminders: reads and writes.

The exactly-once protocol lives here. An occasion's key is unique, so one process plans it and
creates its reminders in the same transaction. A reminder is then:

    PENDING --claim--> CLAIMED --mark_sending--> SENDING --finish--> SENT / PENDING (retry) / ...

Claiming is one conditional UPDATE (with SKIP LOCKED on PostgreSQL), so two senders never hold
the same reminder. A CLAIMED reminder whose lease ran out (its sender died before trying) is
claimed again; a SENDING one whose lease ran out may or may not have reached the person, so it
becomes UNCERTAIN and is never sent again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Table,
    and_,
    bindparam,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.enums import ReminderKind, ReminderState
from storage.models import (
    Member,
    Reminder,
    ReminderOccasion,
)


def _table(model: type) -> Table:
    return model.__table__


# ----- occasions ----------------------------------------------------------------------------

_OCCASION = _table(ReminderOccasion)
_ADD_OCCASION = {
    "sqlite": sqlite.insert(_OCCASION).on_conflict_do_nothing().returning(_OCCASION.c.id),
    "postgresql": postgresql.insert(_OCCASION).on_conflict_do_nothing().returning(_OCCASION.c.id),
}


def add_occasion(
    session: Session,
    *,
    key: str,
    period_id: int,
    kind: ReminderKind,
    due_at: datetime,
    useful_until: datetime,
    planned: bool,
    now: datetime,
    section: str | None = None,
    note: str = "",
    created_by: int | None = None,
) -> int | None:
    """Record an occasion; its id, or None if some process recorded it already."""
    values = {
        "key": key,
        "period_id": period_id,
        "kind": str(kind),
        "section": section,
        "due_at": due_at,
        "useful_until": useful_until,
        "state": "planned" if planned else "skipped",
        "note": note,
        "created_by": created_by,
        "created_at": now,
    }
    connection = session.connection()
    statement = _ADD_OCCASION.get(connection.dialect.name)
    if statement is not None:
        row = connection.execute(statement, values).first()
        return None if row is None else int(row[0])
    if connection.execute(select(_OCCASION.c.id).where(_OCCASION.c.key == key)).first():
        return None
    return int(connection.execute(insert(_OCCASION), values).inserted_primary_key[0])


def known_occasions(session: Session, *, keys: Iterable[str]) -> set[str]:
    """Which of these occasion keys are recorded already."""
    wanted = list(keys)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(ReminderOccasion.key).where(
                ReminderOccasion.key.in_(wanted[start : start + 500])
            )
        )
        found.update(row[0] for row in rows)
    return found


_REMINDER = _table(Reminder)


def add_reminders(
    session: Session, *, occasion_id: int, member_ids: Iterable[int], now: datetime
) -> int:
    """One PENDING reminder per member for an occasion; how many."""
    rows = [
        {
            "occasion_id": occasion_id,
            "member_id": member_id,
            "state": str(ReminderState.PENDING),
            "attempts": 0,
            "next_attempt_at": now,
            "updated_at": now,
        }
        for member_id in member_ids
    ]
    if rows:
        session.connection().execute(insert(_REMINDER), rows)
    return len(rows)


# ----- claiming and sending -----------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A reminder one sender now holds, with its occasion."""

    id: int
    member_id: int
    attempts: int
    occasion_key: str
    kind: ReminderKind
    period_id: int
    section: str | None
    due_at: datetime
    useful_until: datetime


_DUE = or_(
    and_(
        _REMINDER.c.state == str(ReminderState.PENDING),
        _REMINDER.c.next_attempt_at <= bindparam("now"),
    ),
    and_(
        _REMINDER.c.state == str(ReminderState.CLAIMED),
        _REMINDER.c.lease_until < bindparam("now"),
    ),
)
_CLAIM = (
    update(_REMINDER)
    .where(
        _REMINDER.c.id.in_(
            select(_REMINDER.c.id)
            .where(_DUE)
            .order_by(_REMINDER.c.id)
            .limit(bindparam("limit"))
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        ),
        _DUE,
    )
    .values(
        state=str(ReminderState.CLAIMED),
        claimed_by=bindparam("claimant"),
        lease_until=bindparam("lease_until"),
        updated_at=bindparam("now"),
    )
    .returning(_REMINDER.c.id)
)
_ABANDONED = (
    update(_REMINDER)
    .where(
        _REMINDER.c.state == str(ReminderState.SENDING),
        _REMINDER.c.lease_until < bindparam("now"),
    )
    .values(state=str(ReminderState.UNCERTAIN), updated_at=bindparam("now"))
    .returning(_REMINDER.c.id, _REMINDER.c.member_id, _REMINDER.c.claimed_by)
)


def abandon_stale_sends(session: Session, *, now: datetime) -> list[tuple[int, int, str]]:
    """SENDING reminders whose sender's lease ran out become UNCERTAIN: (id, member, sender)."""
    rows = session.connection().execute(_ABANDONED, {"now": now})
    return [(row[0], row[1], row[2] or "") for row in rows]


def claim(
    session: Session, *, claimant: str, now: datetime, lease_until: datetime, limit: int
) -> list[Claimed]:
    """Take up to `limit` due reminders for this sender, oldest first."""
    connection = session.connection()
    params = {"now": now, "claimant": claimant, "lease_until": lease_until, "limit": limit}
    ids = [row[0] for row in connection.execute(_CLAIM, params)]
    if not ids:
        return []
    rows = connection.execute(
        select(
            _REMINDER.c.id,
            _REMINDER.c.member_id,
            _REMINDER.c.attempts,
            _OCCASION.c.key,
            _OCCASION.c.kind,
            _OCCASION.c.period_id,
            _OCCASION.c.section,
            _OCCASION.c.due_at,
            _OCCASION.c.useful_until,
        )
        .join(_OCCASION, _OCCASION.c.id == _REMINDER.c.occasion_id)
        .where(_REMINDER.c.id.in_(ids))
        .order_by(_REMINDER.c.id)
    )
    return [
        Claimed(
            row.id,
            row.member_id,
            row.attempts,
            row.key,
            ReminderKind(row.kind),
            row.period_id,
            row.section,
            row.due_at,
            row.useful_until,
        )
        for row in rows
    ]


def mark_sending(
    session: Session, *, reminder_id: int, claimant: str, identity_key: str, now: datetime
) -> int | None:
    """Just before handing it to the channel: the attempt's number, or None if this sender no
    longer holds the reminder."""
    row = session.execute(
        update(_REMINDER)
        .where(
            _REMINDER.c.id == reminder_id,
            _REMINDER.c.claimed_by == claimant,
            _REMINDER.c.state == str(ReminderState.CLAIMED),
        )
        .values(
            state=str(ReminderState.SENDING),
            identity_key=identity_key,
            attempts=_REMINDER.c.attempts + 1,
            updated_at=now,
        )
        .returning(_REMINDER.c.attempts)
    ).first()
    return None if row is None else int(row[0])


def finish(
    session: Session,
    *,
    reminder_id: int,
    claimant: str,
    state: ReminderState,
    now: datetime,
    error: str | None = None,
    retry_at: datetime | None = None,
) -> None:
    """Record how a held reminder ended: SENT, a final state, or PENDING again at `retry_at`."""
    values: dict[str, Any] = {
        "state": str(state),
        "updated_at": now,
        "claimed_by": None,
        "lease_until": None,
    }
    if state is ReminderState.SENT:
        values["sent_at"] = now
    if error is not None:
        values["last_error"] = error[:500]
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    session.execute(
        update(_REMINDER)
        .where(_REMINDER.c.id == reminder_id, _REMINDER.c.claimed_by == claimant)
        .values(**values)
    )


def release(session: Session, *, claimant: str, now: datetime) -> int:
    """Give back what this sender claimed but never tried (it is stopping); how many."""
    result = session.execute(
        update(_REMINDER)
        .where(
            _REMINDER.c.claimed_by == claimant,
            _REMINDER.c.state == str(ReminderState.CLAIMED),
        )
        .values(state=str(ReminderState.PENDING), claimed_by=None, lease_until=None, updated_at=now)
    )
    return int(result.rowcount)


@dataclass(frozen=True)
class ReminderRow:
    """One reminder as operators see it."""

    id: int
    occasion_key: str
    kind: ReminderKind
    member_id: int
    name: str
    state: ReminderState
    attempts: int
    identity_key: str | None
    sent_at: datetime | None
    last_error: str | None


def reminders_of(session: Session, *, occasion_keys: Iterable[str]) -> list[ReminderRow]:
    """The reminders of these occasions, by occasion and member."""
    rows = session.execute(
        select(
            Reminder.id,
            ReminderOccasion.key,
            ReminderOccasion.kind,
            Reminder.member_id,
            Member.name,
            Reminder.state,
            Reminder.attempts,
            Reminder.identity_key,
            Reminder.sent_at,
            Reminder.last_error,
        )
        .join(ReminderOccasion, ReminderOccasion.id == Reminder.occasion_id)
        .join(Member, Member.id == Reminder.member_id)
        .where(ReminderOccasion.key.in_(list(occasion_keys)))
        .order_by(ReminderOccasion.id, Member.name, Reminder.id)
    )
    return [
        ReminderRow(r[0], r[1], ReminderKind(r[2]), r[3], r[4], ReminderState(r[5]), *r[6:])
        for r in rows
    ]
