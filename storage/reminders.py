"""Deadlines, the reminder plan, reminder occasions and reminders: reads and writes.

The exactly-once protocol lives here. An occasion's key is unique, so one process plans it and
creates its reminders in the same transaction. A reminder is then:

    PENDING --claim--> CLAIMED --mark_sending--> SENDING --finish--> SENT / PENDING (retry) / ...

Claiming is one conditional UPDATE (with SKIP LOCKED on PostgreSQL), so two senders never hold
the same reminder. A CLAIMED reminder whose lease ran out (its sender died before trying) is
claimed again; a SENDING one whose lease ran out may or may not have reached the person, so it
becomes UNCERTAIN and is never sent again.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    column,
    exists,
    insert,
    or_,
    select,
    update,
    values,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.enums import ReminderKind, ReminderState, Role, SubmissionStatus
from storage.models import (
    FinalReport,
    Identity,
    Member,
    MemberRole,
    Period,
    Reminder,
    ReminderOccasion,
    ReminderPlan,
    Submission,
)

CLOSED = (SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL)


def _table(model: type) -> Table:
    return model.__table__


# ----- deadlines and the plan ---------------------------------------------------------------


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


# ----- who owes what ------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenWork:
    """Everything needed to tell who still owes what in one period, read in three queries."""

    roles: dict[int, set[Role]]  # active member id -> roles
    names: dict[int, str]
    closed: dict[tuple[str, int], SubmissionStatus]  # (section, member id) sent or nihil
    settled: set[str]  # sections an active admin has sent or declared nihil


_ACTIVE_ROLES = (
    select(Member.id, Member.name, MemberRole.role)
    .join(MemberRole, MemberRole.member_id == Member.id)
    .where(Member.active.is_(True))
)
_CLOSED = select(Submission.section, Submission.member_id, Submission.status).where(
    Submission.period_id == bindparam("period_id"),
    Submission.status.in_([str(status) for status in CLOSED]),
)
_SETTLED = (
    select(Submission.section)
    .distinct()
    .join(Member, Member.id == Submission.member_id)
    .join(MemberRole, MemberRole.member_id == Submission.member_id)
    .where(
        Submission.period_id == bindparam("period_id"),
        Submission.status.in_([str(status) for status in CLOSED]),
        Member.active.is_(True),
        MemberRole.role == str(Role.ADMIN),
    )
)


_ROLE_OF = {str(role): role for role in Role}
_STATUS_OF = {str(status): status for status in SubmissionStatus}


def open_work(
    session: Session, *, period_id: int, member_ids: Sequence[int] | None = None
) -> OpenWork:
    """Active members' roles and the closed submissions of a period (of everyone, or of
    these members only), and the sections admins settled."""
    connection = session.connection()
    roles_query, closed_query = _ACTIVE_ROLES, _CLOSED
    if member_ids is not None:
        roles_query = roles_query.where(Member.id.in_(list(member_ids)))
        closed_query = closed_query.where(Submission.member_id.in_(list(member_ids)))
    roles: dict[int, set[Role]] = {}
    names: dict[int, str] = {}
    role_of, status_of = _ROLE_OF, _STATUS_OF  # a dict lookup, not an Enum call, per row
    for member_id, name, role in connection.execute(roles_query).all():
        held = roles.get(member_id)
        if held is None:
            roles[member_id] = {role_of[role]}
            names[member_id] = name
        else:
            held.add(role_of[role])
    params = {"period_id": period_id}
    closed = {
        (section, member_id): status_of[status]
        for section, member_id, status in connection.execute(closed_query, params).all()
    }
    settled = {row[0] for row in connection.execute(_SETTLED, params)}
    return OpenWork(roles, names, closed, settled)


def settled_sections(session: Session, *, period_id: int) -> set[str]:
    """Sections of a period an active admin has sent or declared nihil (nobody owes them)."""
    return {row[0] for row in session.connection().execute(_SETTLED, {"period_id": period_id})}


def owing(session: Session, *, period_id: int, pairs: Sequence[tuple[Role, str]]) -> list[int]:
    """Active members who hold a role of `pairs` ((role, section) the role owes) and have not
    sent or declared nihil that section in this period, by id: one query, worked out by the
    database (at 100,000 members, a fraction of reading everyone into Python)."""
    if not pairs:
        return []
    owed = (
        values(column("role", String), column("section", String), name="owed_pair")
        .data([(str(role), section) for role, section in pairs])
        .cte("owed_pair")  # WITH owed_pair(role, section) AS (VALUES ...): SQLite too
    )
    closed = exists().where(
        Submission.period_id == period_id,
        Submission.member_id == MemberRole.member_id,
        Submission.section == owed.c.section,
        Submission.status.in_([str(status) for status in CLOSED]),
    )
    rows = session.connection().execute(
        select(MemberRole.member_id)
        .distinct()
        .join(Member, Member.id == MemberRole.member_id)
        .join(owed, owed.c.role == MemberRole.role)
        .where(Member.active.is_(True), ~closed)
        .order_by(MemberRole.member_id)
    )
    return [row[0] for row in rows]


def active_holders(session: Session, *, role: Role) -> list[int]:
    """Active members holding a role, by id."""
    rows = session.connection().execute(
        select(Member.id)
        .join(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.active.is_(True), MemberRole.role == str(role))
        .order_by(Member.id)
    )
    return [row[0] for row in rows]


def active_names(session: Session, *, member_ids: Sequence[int]) -> dict[int, str]:
    """Names of those of these members who are active."""
    found: dict[int, str] = {}
    ids = list(member_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Member.id, Member.name).where(
                Member.id.in_(ids[start : start + 500]),
                Member.active.is_(True),
            )
        )
        found.update((row[0], row[1]) for row in rows)
    return found


# ----- identities ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """A channel identity of a member, and whether the channel said it cannot reach it."""

    key: str
    member_id: int
    unreachable_since: datetime | None
    unreachable_reason: str | None


def addresses(
    session: Session, *, member_ids: Iterable[int], channels: Sequence[str]
) -> dict[int, list[Address]]:
    """The identities of these members on these channels ('telegram', 'whatsapp')."""
    ids = list(member_ids)
    found: dict[int, list[Address]] = {}
    if not ids or not channels:
        return found
    prefixes = [Identity.key.startswith(f"{channel}:") for channel in channels]
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                Identity.key,
                Identity.member_id,
                Identity.unreachable_since,
                Identity.unreachable_reason,
            )
            .where(Identity.member_id.in_(ids[start : start + 500]), or_(*prefixes))
            .order_by(Identity.created_at.desc())
        )
        for row in rows:
            found.setdefault(row.member_id, []).append(Address(*row))
    return found


def mark_unreachable(session: Session, *, key: str, reason: str, now: datetime) -> None:
    """The channel refused to deliver to this identity (blocked, account gone)."""
    session.execute(
        update(Identity)
        .where(Identity.key == key, Identity.unreachable_since.is_(None))
        .values(unreachable_since=now, unreachable_reason=reason)
    )


_CLEAR_UNREACHABLE = (
    update(Identity)
    .where(Identity.key == bindparam("identity"), Identity.unreachable_since.is_not(None))
    .values(unreachable_since=None, unreachable_reason=None)
)


def clear_unreachable(session: Session, *, key: str) -> bool:
    """The person wrote again, so the channel reaches them; whether they were marked."""
    return bool(session.connection().execute(_CLEAR_UNREACHABLE, {"identity": key}).rowcount)


@dataclass(frozen=True)
class Unreachable:
    """An active member the bot cannot reach."""

    member_id: int
    name: str
    key: str
    since: datetime
    reason: str


def unreachable(session: Session) -> list[Unreachable]:
    """Active members with an identity marked unreachable, by name."""
    rows = session.execute(
        select(
            Member.id,
            Member.name,
            Identity.key,
            Identity.unreachable_since,
            Identity.unreachable_reason,
        )
        .join(Identity, Identity.member_id == Member.id)
        .where(Member.active.is_(True), Identity.unreachable_since.is_not(None))
        .order_by(Member.name, Identity.key)
    )
    return [Unreachable(r[0], r[1], r[2], r[3], r[4] or "") for r in rows]


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
