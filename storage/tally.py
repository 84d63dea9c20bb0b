"""A period's sections across the whole team, counted by the database: how many hold each
section's role, how many closed it (sent or nihil) and how, and, when asked, the first few
names of those who owe it and of those who closed it. The admin's menu and /status read this
instead of every member."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select
from sqlmodel import Session

from storage.enums import CLOSED, Role, SubmissionStatus
from storage.models import Member, MemberRole, Submission


@dataclass(frozen=True)
class SectionTally:
    """One section of one period across the active members."""

    holders: int  # hold the section's role
    admins: int
    closed: int  # sent it or declared it nihil (anyone)
    nihil: int  # of those, declared it nihil
    closed_by_holders: int
    closed_by_admins: int
    owed_names: tuple[str, ...] = ()  # the first few who owe it, by name
    closed_names: tuple[str, ...] = ()  # the first few who closed it, by name


def team_tally(
    session: Session, *, period_id: int, sections: Sequence[tuple[str, Role]], names: int = 0
) -> dict[str, SectionTally]:
    """Every section's tally (three grouped counts; with `names`, two short lists a section)."""
    active = Member.active.is_(True)
    holding = Counter(
        {
            Role(role): count
            for role, count in session.execute(
                select(MemberRole.role, func.count(func.distinct(Member.id)))
                .join(Member, Member.id == MemberRole.member_id)
                .where(active)
                .group_by(MemberRole.role)
            )
        }
    )
    closed_rows = select(Submission.section, Submission.status, func.count()).join(
        Member, Member.id == Submission.member_id
    )
    is_closed = and_(active, Submission.period_id == period_id, Submission.status.in_(CLOSED))
    by_status: Counter[tuple[str, SubmissionStatus]] = Counter()
    for section, status, count in session.execute(
        closed_rows.where(is_closed).group_by(Submission.section, Submission.status)
    ):
        by_status[(section, SubmissionStatus(status))] = count
    by_role: Counter[tuple[str, Role]] = Counter()
    for section, role, count in session.execute(
        select(Submission.section, MemberRole.role, func.count())
        .join(Member, Member.id == Submission.member_id)
        .join(MemberRole, MemberRole.member_id == Submission.member_id)
        .where(is_closed)
        .group_by(Submission.section, MemberRole.role)
    ):
        by_role[(section, Role(role))] = count
    found = {}
    for key, role in sections:
        closed = sum(by_status[(key, status)] for status in CLOSED)
        owers = role if holding[role] else Role.ADMIN
        found[key] = SectionTally(
            holders=holding[role],
            admins=holding[Role.ADMIN],
            closed=closed,
            nihil=by_status[(key, SubmissionStatus.NIHIL)],
            closed_by_holders=by_role[(key, role)],
            closed_by_admins=by_role[(key, Role.ADMIN)],
            owed_names=_owing(session, period_id, key, owers, names) if names else (),
            closed_names=_closing(session, period_id, key, names) if names else (),
        )
    return found


def _owing(
    session: Session, period_id: int, section: str, role: Role, limit: int
) -> tuple[str, ...]:
    sent = exists().where(
        Submission.member_id == Member.id,
        Submission.period_id == period_id,
        Submission.section == section,
        Submission.status.in_(CLOSED),
    )
    rows = session.execute(
        select(Member.name)
        .join(MemberRole, and_(MemberRole.member_id == Member.id, MemberRole.role == role))
        .where(Member.active.is_(True), ~sent)
        .order_by(Member.name, Member.id)
        .limit(limit)
    ).scalars()
    return tuple(rows)


def _closing(session: Session, period_id: int, section: str, limit: int) -> tuple[str, ...]:
    rows = session.execute(
        select(Member.name)
        .join(Submission, Submission.member_id == Member.id)
        .where(
            Member.active.is_(True),
            Submission.period_id == period_id,
            Submission.section == section,
            Submission.status.in_(CLOSED),
        )
        .order_by(Member.name, Member.id)
        .limit(limit)
    ).scalars()
    return tuple(rows)
