"""Who still owes what in a period: the active members' roles, the closed submissions, the
sections admins settled, and the members who owe, worked out by the database."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    String,
    bindparam,
    column,
    exists,
    select,
    values,
)
from sqlmodel import Session

from storage.enums import CLOSED, Role, SubmissionStatus
from storage.models import (
    Member,
    MemberRole,
    Submission,
)


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


def members_owing(
    session: Session, *, period_id: int, pairs: Sequence[tuple[Role, str]]
) -> list[int]:
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
