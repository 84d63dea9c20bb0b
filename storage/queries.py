"""Reads: keyword-only functions over a session the caller owns."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from storage.enums import Role, Semester, SubmissionStatus
from storage.models import (
    Answer,
    ConversationState,
    Identity,
    Invite,
    Member,
    MemberRole,
    Period,
    ProcessedMessage,
    Submission,
)


@dataclass(frozen=True)
class MemberRecord:
    """A member with their roles."""

    id: int
    name: str
    active: bool
    roles: frozenset[Role]


@dataclass(frozen=True)
class SubmissionRecord:
    """One member's submission for a section, with its current answers."""

    id: int
    section: str
    status: SubmissionStatus
    answers: dict[tuple[int, str], Any]


def member_by_identity(session: Session, *, key: str) -> MemberRecord | None:
    """The member bound to a channel identity, with roles, in one query."""
    rows = session.execute(
        select(Member.id, Member.name, Member.active, MemberRole.role)
        .join(Identity, Identity.member_id == Member.id)
        .outerjoin(MemberRole, MemberRole.member_id == Member.id)
        .where(Identity.key == key)
    ).all()
    if not rows:
        return None
    roles = frozenset(Role(row.role) for row in rows if row.role is not None)
    return MemberRecord(rows[0].id, rows[0].name, rows[0].active, roles)


def member_by_id(session: Session, *, member_id: int) -> MemberRecord | None:
    """A member with roles."""
    rows = session.execute(
        select(Member.id, Member.name, Member.active, MemberRole.role)
        .outerjoin(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.id == member_id)
    ).all()
    if not rows:
        return None
    roles = frozenset(Role(row.role) for row in rows if row.role is not None)
    return MemberRecord(rows[0].id, rows[0].name, rows[0].active, roles)


def active_members(session: Session) -> list[MemberRecord]:
    """Every active member with roles, by name."""
    rows = session.execute(
        select(Member.id, Member.name, MemberRole.role)
        .outerjoin(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.active.is_(True))  # type: ignore[attr-defined]
        .order_by(Member.name, Member.id)
    ).all()
    roles: dict[int, set[Role]] = defaultdict(set)
    names: dict[int, str] = {}
    for row in rows:
        names[row.id] = row.name
        if row.role is not None:
            roles[row.id].add(Role(row.role))
    return [MemberRecord(mid, name, True, frozenset(roles[mid])) for mid, name in names.items()]


def has_active_admin(session: Session) -> bool:
    """Whether any active member holds the admin role."""
    row = session.execute(
        select(Member.id)
        .join(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.active.is_(True), MemberRole.role == Role.ADMIN)  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    return row is not None


def conversation_state(session: Session, *, key: str) -> str | None:
    """The stored state JSON of an identity."""
    return session.execute(
        select(ConversationState.data).where(ConversationState.identity_key == key)
    ).scalar_one_or_none()


def was_processed(session: Session, *, identity_key: str, message_id: str) -> bool:
    """Whether this message id of this identity was already applied."""
    row = session.execute(
        select(ProcessedMessage.message_id).where(
            ProcessedMessage.identity_key == identity_key,
            ProcessedMessage.message_id == message_id,
        )
    ).first()
    return row is not None


def periods(
    session: Session, *, keys: list[tuple[int, Semester]]
) -> dict[tuple[int, Semester], Period]:
    """The stored periods among these (year, semester) keys."""
    wanted = [and_(Period.year == y, Period.semester == s) for y, s in keys]
    found = session.execute(select(Period).where(or_(*wanted))).scalars().all()
    return {(p.year, Semester(p.semester)): p for p in found}


def member_submissions(
    session: Session, *, member_id: int, period_id: int
) -> dict[str, SubmissionRecord]:
    """A member's submissions for a period with their answers, in one query."""
    rows = session.execute(
        select(
            Submission.id,
            Submission.section,
            Submission.status,
            Answer.entry_no,
            Answer.field,
            Answer.value,
        )
        .outerjoin(Answer, Answer.submission_id == Submission.id)
        .where(Submission.member_id == member_id, Submission.period_id == period_id)
    ).all()
    found: dict[str, SubmissionRecord] = {}
    for row in rows:
        record = found.get(row.section)
        if record is None:
            record = SubmissionRecord(row.id, row.section, SubmissionStatus(row.status), {})
            found[row.section] = record
        if row.field is not None:
            record.answers[(row.entry_no, row.field)] = row.value
    return found


def period_statuses(session: Session, *, period_id: int) -> dict[tuple[str, int], SubmissionStatus]:
    """(section, member id) -> status for every submission of a period."""
    rows = session.execute(
        select(Submission.section, Submission.member_id, Submission.status).where(
            Submission.period_id == period_id
        )
    ).all()
    return {(row.section, row.member_id): SubmissionStatus(row.status) for row in rows}


def invite(session: Session, *, code: str) -> Invite | None:
    """An invite by its code."""
    return session.get(Invite, code)
