"""Reads: keyword-only functions over a session the caller owns."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, or_, select
from sqlmodel import Session

from storage.enums import Role, Semester, SubmissionStatus
from storage.models import (
    Answer,
    ConversationState,
    Identity,
    Invite,
    LspProfile,
    Member,
    MemberRole,
    OpenPrompt,
    Period,
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
    revisions: dict[tuple[int, str], int]
    carried: set[tuple[int, str]] = field(default_factory=set)  # confirmed from an earlier one


_SENDER = (
    select(
        Member.id,
        Member.name,
        Member.active,
        MemberRole.role,
        ConversationState.data,
        Identity.unreachable_since,
        OpenPrompt.message_ref,
    )
    .select_from(Identity)
    .join(Member, Identity.member_id == Member.id)
    .outerjoin(MemberRole, MemberRole.member_id == Member.id)
    .outerjoin(ConversationState, ConversationState.identity_key == Identity.key)
    .outerjoin(OpenPrompt, OpenPrompt.identity_key == Identity.key)
    .where(Identity.key == bindparam("key"))
)


class Sender(NamedTuple):
    """Who wrote: the member bound to the channel identity (None: nobody), the conversation
    state JSON, whether the identity is marked as unreachable (a reminder failed), and the
    message whose buttons are live for it."""

    member: MemberRecord | None
    state: str | None
    unreachable: bool = False
    prompt: str | None = None


def sender(session: Session, *, key: str) -> Sender:
    """The member bound to a channel identity (with roles), its conversation state and its
    unreachable mark, in one query."""
    rows = session.connection().execute(_SENDER, {"key": key}).all()
    if not rows:
        return Sender(None, None)
    roles = frozenset(Role(row.role) for row in rows if row.role is not None)
    first = rows[0]
    member = MemberRecord(first.id, first.name, first.active, roles)
    return Sender(member, first.data, first.unreachable_since is not None, first.message_ref)


def member_by_identity(session: Session, *, key: str) -> MemberRecord | None:
    """The member bound to a channel identity, with roles."""
    return sender(session, key=key)[0]


def is_active_admin(session: Session, *, key: str) -> bool:
    """Whether a channel identity belongs to an active member holding the admin role."""
    member = sender(session, key=key)[0]
    return member is not None and member.active and Role.ADMIN in member.roles


def active_members(session: Session) -> list[MemberRecord]:
    """Every active member with roles, by name."""
    rows = session.execute(
        select(Member.id, Member.name, MemberRole.role)
        .outerjoin(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.active.is_(True))
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
        .where(Member.active.is_(True), MemberRole.role == Role.ADMIN)
        .limit(1)
    ).first()
    return row is not None


@dataclass(frozen=True)
class PeriodRecord:
    """A reporting period."""

    id: int
    year: int
    semester: Semester
    data_deadline: date
    final_deadline: date


_PERIOD_PAIR = select(
    Period.id, Period.year, Period.semester, Period.data_deadline, Period.final_deadline
).where(
    or_(
        and_(Period.year == bindparam("y1"), Period.semester == bindparam("s1")),
        and_(Period.year == bindparam("y2"), Period.semester == bindparam("s2")),
    )
)


def periods(
    session: Session, *, keys: list[tuple[int, Semester]]
) -> dict[tuple[int, Semester], PeriodRecord]:
    """The stored periods among two (year, semester) keys."""
    (y1, s1), (y2, s2) = keys
    rows = session.connection().execute(
        _PERIOD_PAIR, {"y1": y1, "s1": str(s1), "y2": y2, "s2": str(s2)}
    )
    found = [
        PeriodRecord(r.id, r.year, Semester(r.semester), r.data_deadline, r.final_deadline)
        for r in rows
    ]
    return {(p.year, p.semester): p for p in found}


_MEMBER_SUBMISSIONS = (
    select(
        Submission.id,
        Submission.section,
        Submission.status,
        Answer.entry_no,
        Answer.field,
        Answer.value,
        Answer.revision,
        Answer.carried_from,
    )
    .outerjoin(Answer, Answer.submission_id == Submission.id)
    .where(
        Submission.member_id == bindparam("member_id"),
        Submission.period_id == bindparam("period_id"),
    )
)


def member_submissions(
    session: Session, *, member_id: int, period_id: int
) -> dict[str, SubmissionRecord]:
    """A member's submissions for a period with their answers, in one query."""
    rows = session.connection().execute(
        _MEMBER_SUBMISSIONS, {"member_id": member_id, "period_id": period_id}
    )
    found: dict[str, SubmissionRecord] = {}
    for row in rows:
        record = found.get(row.section)
        if record is None:
            record = SubmissionRecord(row.id, row.section, SubmissionStatus(row.status), {}, {})
            found[row.section] = record
        if row.field is not None:
            record.answers[(row.entry_no, row.field)] = row.value
            record.revisions[(row.entry_no, row.field)] = row.revision
            if row.carried_from is not None:
                record.carried.add((row.entry_no, row.field))
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


def profile(session: Session) -> LspProfile | None:
    """The LSP profile, if set up."""
    return session.execute(select(LspProfile).order_by(LspProfile.id).limit(1)).scalar_one_or_none()


def open_prompt(session: Session, *, key: str) -> str | None:
    """The channel reference of the message whose buttons are live for an identity."""
    return session.execute(
        select(OpenPrompt.message_ref).where(OpenPrompt.identity_key == key)
    ).scalar_one_or_none()


def admin_identities(session: Session, *, channel: str) -> list[str]:
    """Identity keys on one channel ('telegram') of every active admin."""
    rows = session.execute(
        select(Identity.key)
        .join(Member, Member.id == Identity.member_id)
        .join(MemberRole, MemberRole.member_id == Member.id)
        .where(
            Member.active.is_(True),
            MemberRole.role == Role.ADMIN,
            Identity.key.startswith(f"{channel}:"),
        )
        .order_by(Identity.key)
    ).all()
    return [row.key for row in rows]


@dataclass(frozen=True)
class PartRecord:
    """One member's submission for a section with its current answers (for the admin's
    view of what others gave)."""

    section: str
    member_id: int
    name: str
    status: SubmissionStatus
    answers: dict[tuple[int, str], Any]
