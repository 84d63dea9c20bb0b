"""Reads of everything stored for a period: the raw material of reports and exports."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from storage.enums import SENT, Role, Semester, SubmissionStatus
from storage.models import (
    Answer,
    AnswerRevision,
    Member,
    MemberRole,
    Period,
    Submission,
    SubmissionEvent,
)
from storage.queries import MemberRecord, PeriodRecord


@dataclass(frozen=True)
class Origin:
    """Where a carried answer came from: the semester, who gave it there and when."""

    year: int
    semester: Semester
    given_by: int
    given_at: datetime


@dataclass(frozen=True)
class StoredAnswer:
    """The current value of one field, with who gave it, through which channel, and when
    (`origin`: carried over from an earlier semester, the member here having confirmed it)."""

    section: str
    owner_id: int
    entry_no: int
    field: str
    value: Any
    revision: int
    given_by: int
    channel: str
    given_at: datetime
    origin: Origin | None = None


@dataclass(frozen=True)
class StoredSubmission:
    """One member's submission for a section, with its last status change."""

    section: str
    owner_id: int
    status: SubmissionStatus
    updated_at: datetime
    changed_by: int | None
    channel: str | None
    changed_at: datetime | None
    reviewed_by: int | None = None  # the admin who last accepted or returned it
    reviewed_at: datetime | None = None


def period(session: Session, *, year: int, semester: Semester) -> PeriodRecord | None:
    """A stored period by year and semester."""
    row = session.execute(
        select(Period).where(Period.year == year, Period.semester == semester)
    ).scalar_one_or_none()
    return _period_record(row) if row else None


def period_by_id(session: Session, *, period_id: int) -> PeriodRecord | None:
    """A stored period by id."""
    row = session.get(Period, period_id)
    return _period_record(row) if row else None


def _period_record(row: Period) -> PeriodRecord:
    assert row.id is not None
    return PeriodRecord(
        row.id, row.year, Semester(row.semester), row.data_deadline, row.final_deadline
    )


def answers(session: Session, *, period_id: int) -> list[StoredAnswer]:
    """Every current answer of a period, by section, owner, entry and field (with where a
    carried one came from)."""
    source = aliased(AnswerRevision)
    source_submission = aliased(Submission)
    source_period = aliased(Period)
    rows = session.execute(
        select(
            Submission.section,
            Submission.member_id.label("owner_id"),
            Answer.entry_no,
            Answer.field,
            Answer.value,
            Answer.revision,
            Answer.member_id.label("given_by"),
            Answer.channel,
            Answer.updated_at,
            source_period.year,
            source_period.semester,
            source.member_id,
            source.created_at,
        )
        .join(Submission, Answer.submission_id == Submission.id)
        .outerjoin(source, source.id == Answer.carried_from)
        .outerjoin(source_submission, source_submission.id == source.submission_id)
        .outerjoin(source_period, source_period.id == source_submission.period_id)
        .where(Submission.period_id == period_id)
        .order_by(Submission.section, Submission.member_id, Answer.entry_no, Answer.id)
    ).all()
    return [
        StoredAnswer(
            section, owner, entry, field, value, revision, by, channel, at,
            Origin(year, Semester(semester), source_by, source_at) if year is not None else None,
        )
        for (section, owner, entry, field, value, revision, by, channel, at, year, semester,
             source_by, source_at) in rows
    ]  # fmt: skip


def submissions(session: Session, *, period_id: int) -> list[StoredSubmission]:
    """Every submission of a period with its latest status event of its own (sent, nihil,
    draft) and its latest review (accepted or returned by an admin)."""
    reviewed = (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED)

    def latest(of_review: bool) -> Any:
        kind = SubmissionEvent.status.in_(reviewed)
        return (
            select(SubmissionEvent.submission_id, func.max(SubmissionEvent.id).label("event_id"))
            .where(kind if of_review else ~kind)
            .group_by(SubmissionEvent.submission_id)
            .subquery()
        )

    own, review = latest(False), latest(True)
    review_event = aliased(SubmissionEvent)
    rows = session.execute(
        select(
            Submission.section,
            Submission.member_id,
            Submission.status,
            Submission.updated_at,
            SubmissionEvent.member_id.label("changed_by"),
            SubmissionEvent.channel,
            SubmissionEvent.created_at,
            review_event.member_id,
            review_event.created_at,
        )
        .outerjoin(own, own.c.submission_id == Submission.id)
        .outerjoin(SubmissionEvent, SubmissionEvent.id == own.c.event_id)
        .outerjoin(review, review.c.submission_id == Submission.id)
        .outerjoin(review_event, review_event.id == review.c.event_id)
        .where(Submission.period_id == period_id)
        .order_by(Submission.section, Submission.member_id)
    ).all()
    return [StoredSubmission(row[0], row[1], SubmissionStatus(row[2]), *row[3:]) for row in rows]


def members(session: Session, *, ids: set[int] | None = None) -> dict[int, MemberRecord]:
    """Members (active or not) with their roles; all of them when `ids` is None."""
    query = select(Member.id, Member.name, Member.active, MemberRole.role).outerjoin(
        MemberRole, MemberRole.member_id == Member.id
    )
    if ids is not None:
        query = query.where(Member.id.in_(ids))
    roles: dict[int, set[Role]] = defaultdict(set)
    found: dict[int, tuple[str, bool]] = {}
    for row in session.execute(query):
        found[row.id] = (row.name, row.active)
        if row.role is not None:
            roles[row.id].add(Role(row.role))
    return {
        mid: MemberRecord(mid, name, active, frozenset(roles[mid]))
        for mid, (name, active) in found.items()
    }


@dataclass(frozen=True)
class LatestPart:
    """A member's latest sent part of a section: in which period, and its section-level
    answers."""

    year: int
    semester: Semester
    answers: dict[str, Any]


def latest_parts(
    session: Session, *, section: str, member_ids: set[int], up_to: tuple[int, Semester]
) -> dict[int, LatestPart]:
    """Per member, their latest sent (not nihil) part of a section in a period no later than
    `up_to` (year, semester)."""
    if not member_ids:
        return {}
    year, semester = up_to
    rows = session.execute(
        select(Submission.member_id, Period.year, Period.semester, Answer.field, Answer.value)
        .join(Period, Period.id == Submission.period_id)
        .join(Answer, Answer.submission_id == Submission.id)
        .where(
            Submission.section == section,
            Submission.member_id.in_(member_ids),
            Submission.status.in_(SENT),
            Answer.entry_no == 0,
            (Period.year < year) | ((Period.year == year) & (Period.semester <= semester)),
        )
    ).all()
    latest: dict[int, LatestPart] = {}
    for member_id, row_year, row_semester, field, value in rows:
        key = (row_year, row_semester)
        held = latest.get(member_id)
        if held is None or (held.year, held.semester) < key:
            held = latest[member_id] = LatestPart(row_year, Semester(row_semester), {})
        if (held.year, held.semester) == key:
            held.answers[field] = value
    return latest
