"""The Manajer Administrasi's review of what members sent: a part accepted, or returned to its
owner with the answers to fix and a note. Every action is kept (who, when, how, the note); a
return stays open until its owner sends the part again."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String, func, insert, select, update
from sqlmodel import Field, Session, SQLModel

from storage.enums import SubmissionStatus
from storage.types import UTCDateTime, utcnow

RETURNED, ACCEPTED = "returned", "accepted"


class Review(SQLModel, table=True):
    """One review action on one member's part of a section."""

    __tablename__ = "review"
    __table_args__ = (Index("ix_review_submission", "submission_id"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id")
    action: str = Field(sa_type=String(16))  # 'returned' or 'accepted'
    fields: Any = Field(default=None, sa_column=Column(JSON, nullable=True))  # [[entry, field]]
    note: str = ""
    member_id: int = Field(foreign_key="member.id")  # the admin
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # sent again


_REVIEW = Review.__table__


def _table(name: str) -> Any:
    """Another table, by name: table modules import no other (storage/tables.py)."""
    return SQLModel.metadata.tables[name]


@dataclass(frozen=True)
class ReviewAction:
    """A review action as the chat and the reports read it."""

    id: int
    submission_id: int
    action: str
    fields: tuple[tuple[int, str], ...]
    note: str
    by_id: int
    by: str
    channel: str
    at: datetime
    answered_at: datetime | None
    section: str = ""  # of the part reviewed
    owner_id: int = 0
    owner_name: str = ""


@dataclass(frozen=True)
class SentPart:
    """A member's part sent and not yet looked at: whose, which section, when it was sent."""

    submission_id: int
    section: str
    member_id: int
    name: str
    sent_at: datetime


def record(
    session: Session, *, submission_id: int, action: str, fields: list[tuple[int, str]],
    note: str, member_id: int, channel: str, now: datetime,
) -> int:  # fmt: skip
    """Keep a review action; its id."""
    done = session.connection().execute(
        insert(_REVIEW).values(submission_id=submission_id, action=action,
                               fields=[list(f) for f in fields] or None, note=note,
                               member_id=member_id, channel=channel, created_at=now)
    )  # fmt: skip
    return int(done.inserted_primary_key[0])


def answer_returns(session: Session, *, submission_id: int, now: datetime) -> int:
    """The owner sent the part again: its open returns are answered; how many were."""
    done = session.connection().execute(
        update(_REVIEW)
        .where(_REVIEW.c.submission_id == submission_id, _REVIEW.c.action == RETURNED,
               _REVIEW.c.answered_at.is_(None))
        .values(answered_at=now)
    )  # fmt: skip
    return int(done.rowcount or 0)


def _actions(session: Session, *conditions: Any) -> list[ReviewAction]:
    member, sub = _table("member"), _table("submission")
    owner = member.alias("owner")
    query = (
        select(
            _REVIEW,
            member.c.name,
            sub.c.section,
            sub.c.member_id.label("owner_id"),
            owner.c.name.label("owner_name"),
        )
        .join(member, member.c.id == _REVIEW.c.member_id)
        .join(sub, sub.c.id == _REVIEW.c.submission_id)
        .join(owner, owner.c.id == sub.c.member_id)
        .where(*conditions)
        .order_by(_REVIEW.c.id)
    )
    return [
        ReviewAction(row.id, row.submission_id, row.action,
                     tuple((int(e), str(f)) for e, f in row.fields or ()), row.note,
                     row.member_id, row.name, row.channel, row.created_at, row.answered_at,
                     row.section, row.owner_id, row.owner_name)
        for row in session.connection().execute(query)
    ]  # fmt: skip


def open_return(session: Session, *, submission_id: int) -> ReviewAction | None:
    """The return of a part still waiting for its owner, if any (the newest)."""
    found = _actions(session, _REVIEW.c.submission_id == submission_id,
                     _REVIEW.c.action == RETURNED, _REVIEW.c.answered_at.is_(None))  # fmt: skip
    return found[-1] if found else None


def of_period(session: Session, *, period_id: int) -> list[ReviewAction]:
    """Every review action on a period's parts, oldest first."""
    submission = _table("submission")
    inside = select(submission.c.id).where(submission.c.period_id == period_id)
    return _actions(session, _REVIEW.c.submission_id.in_(inside))


def to_review(session: Session, *, period_id: int, limit: int = 50) -> list[SentPart]:
    """Parts of a period sent and not looked at since (status 'terkirim'), oldest sent first."""
    sub, member, event = _table("submission"), _table("member"), _table("submission_event")
    sent_at = (
        select(event.c.submission_id, func.max(event.c.created_at).label("at"))
        .where(event.c.status == SubmissionStatus.SUBMITTED)
        .group_by(event.c.submission_id)
        .subquery()
    )
    query = (
        select(sub.c.id, sub.c.section, sub.c.member_id, member.c.name, sent_at.c.at)
        .join(member, member.c.id == sub.c.member_id)
        .join(sent_at, sent_at.c.submission_id == sub.c.id)
        .where(sub.c.period_id == period_id, sub.c.status == SubmissionStatus.SUBMITTED)
        .order_by(sent_at.c.at, sub.c.id)
        .limit(limit)
    )
    return [SentPart(*row) for row in session.execute(query).all()]


def count_to_review(session: Session, *, period_id: int) -> int:
    """How many parts of a period wait for a look."""
    sub = _table("submission")
    query = select(func.count()).where(
        sub.c.period_id == period_id, sub.c.status == SubmissionStatus.SUBMITTED
    )
    return int(session.execute(query).scalar_one())


@dataclass(frozen=True)
class PartRecord:
    """One member's part as an admin opens it: section, status, owner, answers."""

    submission_id: int
    section: str
    status: SubmissionStatus
    name: str
    answers: dict[tuple[int, str], Any]


def part(session: Session, *, submission_id: int, period_id: int) -> PartRecord | None:
    """A part of this period by its submission id (None: none such)."""
    sub, member, answer = _table("submission"), _table("member"), _table("answer")
    found = session.connection().execute(
        select(sub.c.section, sub.c.status, member.c.name)
        .join(member, member.c.id == sub.c.member_id)
        .where(sub.c.id == submission_id, sub.c.period_id == period_id)
    ).first()  # fmt: skip
    if found is None:
        return None
    rows = session.connection().execute(
        select(answer.c.entry_no, answer.c.field, answer.c.value)
        .where(answer.c.submission_id == submission_id)
    )  # fmt: skip
    answers = {(row.entry_no, row.field): row.value for row in rows}
    return PartRecord(submission_id, found.section, SubmissionStatus(found.status), found.name,
                      answers)  # fmt: skip


def action(session: Session, *, action_id: int) -> ReviewAction | None:
    """One review action by its id."""
    found = _actions(session, _REVIEW.c.id == action_id)
    return found[0] if found else None


def open_returns(session: Session, *, period_id: int) -> list[ReviewAction]:
    """A period's returns still waiting for their owners, oldest first."""
    sub = _table("submission")
    returned = select(sub.c.id).where(sub.c.period_id == period_id,
                                      sub.c.status == SubmissionStatus.RETURNED)  # fmt: skip
    return _actions(session, _REVIEW.c.submission_id.in_(returned), _REVIEW.c.action == RETURNED,
                    _REVIEW.c.answered_at.is_(None))  # fmt: skip
