"""What other members gave for each section of a period, as the admin sees it when she opens a
section or declares one nihil: per section the first few parts by name and how many there are,
and the same of those sent. Read with the database's window functions, so a team of any size
costs a few rows."""

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select
from sqlmodel import Session

from storage.enums import SENT, SubmissionStatus
from storage.models import Answer, Member, Submission
from storage.queries import PartRecord


@dataclass(frozen=True)
class OthersOfSection:
    """Others' parts of one section: the first `shown` by name (drafts with nothing in them
    left out) and how many in all; the same of those sent."""

    parts: tuple[PartRecord, ...]
    count: int
    sent: tuple[PartRecord, ...]
    sent_count: int


def others_of_period(
    session: Session, *, period_id: int, member_id: int, fields: frozenset[str], shown: int
) -> dict[str, OthersOfSection]:
    """Per section, what members other than `member_id` stored for the period: of each part,
    its section-level answers and, of its entries, only the named fields."""
    summary = or_(Answer.entry_no == 0, Answer.field.in_(fields))
    has_answers = exists().where(Answer.submission_id == Submission.id, summary)
    is_sent = case((Submission.status.in_(SENT), 1), else_=0)
    order = (Member.name, Submission.member_id)
    ranked = (
        select(
            Submission.id,
            Submission.section,
            Submission.member_id,
            Member.name,
            Submission.status,
            func.row_number().over(partition_by=Submission.section, order_by=order).label("n"),
            func.count().over(partition_by=Submission.section).label("total"),
            func.row_number()
            .over(partition_by=(Submission.section, is_sent), order_by=order)
            .label("sent_n"),
            func.sum(is_sent).over(partition_by=Submission.section).label("sent_total"),
        )
        .join(Member, Member.id == Submission.member_id)
        .where(
            Submission.period_id == period_id,
            Submission.member_id != member_id,
            or_(Submission.status != SubmissionStatus.DRAFT, has_answers),
        )
        .subquery()
    )
    sent = ranked.c.status.in_(SENT)
    rows = session.execute(
        select(ranked)
        .where(or_(ranked.c.n <= shown, and_(sent, ranked.c.sent_n <= shown)))
        .order_by(ranked.c.section, ranked.c.n)
    ).all()
    answers: dict[int, dict[tuple[int, str], object]] = {row.id: {} for row in rows}
    ids = list(answers)
    for start in range(0, len(ids), 1000):
        for submission_id, entry_no, field, value in session.execute(
            select(Answer.submission_id, Answer.entry_no, Answer.field, Answer.value).where(
                Answer.submission_id.in_(ids[start : start + 1000]), summary
            )
        ):
            answers[submission_id][(entry_no, field)] = value
    found: dict[str, tuple[list[PartRecord], list[PartRecord], int, int]] = {}
    for row in rows:
        part = PartRecord(row.section, row.member_id, row.name, SubmissionStatus(row.status),
                          answers[row.id])  # fmt: skip
        listed, sent_parts, _, _ = found.setdefault(
            row.section, ([], [], int(row.total), int(row.sent_total or 0))
        )
        if row.n <= shown:
            listed.append(part)
        if part.status in SENT and row.sent_n <= shown:
            sent_parts.append(part)
    return {
        key: OthersOfSection(tuple(listed), total, tuple(sent_parts), sent_total)
        for key, (listed, sent_parts, total, sent_total) in found.items()
    }
