"""Disposing of a period's collected records once they are past their keeping: the answers
(every revision), the evidence attached to them (and its bytes, where no other answer keeps
them), the reviews and the parts themselves. Kept: the period, its finals (what the LSP sent,
and what the verification page answers for), the reminders sent and the log of copies given.
Answers and evidence of later periods carried from the removed ones keep their values and
files; only their link back is cleared. The caller owns the transaction (and makes a backup
before it)."""

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, SQLModel


@dataclass(frozen=True)
class Disposed:
    """How many of each were removed."""

    parts: int
    answers: int
    revisions: int
    evidence: int
    files: int
    reviews: int

    def as_dict(self) -> dict[str, int]:
        """For the change log."""
        return dict(self.__dict__)


def _count(session: Session, table: Any, where: Any) -> int:
    return int(session.connection().execute(
        select(func.count()).select_from(table).where(where)).scalar_one())  # fmt: skip


def dispose(session: Session, *, period_id: int) -> Disposed:
    """Remove what a period collected (see the module's note); what was removed."""
    tables = SQLModel.metadata.tables
    submission, event = tables["submission"], tables["submission_event"]
    answer, revision = tables["answer"], tables["answer_revision"]
    evidence, files, review = tables["evidence"], tables["evidence_file"], tables["review"]
    connection = session.connection()
    parts = select(submission.c.id).where(submission.c.period_id == period_id)
    theirs = select(revision.c.id).where(revision.c.submission_id.in_(parts))
    attached = select(evidence.c.id).where(evidence.c.submission_id.in_(parts))
    digests = select(evidence.c.sha256).where(evidence.c.submission_id.in_(parts))
    counted = Disposed(
        parts=_count(session, submission, submission.c.period_id == period_id),
        answers=_count(session, answer, answer.c.submission_id.in_(parts)),
        revisions=_count(session, revision, revision.c.submission_id.in_(parts)),
        evidence=_count(session, evidence, evidence.c.submission_id.in_(parts)),
        files=0,
        reviews=_count(session, review, review.c.submission_id.in_(parts)),
    )
    candidates = {row[0] for row in connection.execute(digests).all()}
    # Later periods' copies keep their values and files; only the link back goes.
    for table in (answer, revision):
        connection.execute(update(table).where(table.c.carried_from.in_(theirs),
                                               table.c.submission_id.not_in(parts))
                           .values(carried_from=None))  # fmt: skip
    connection.execute(update(evidence).where(evidence.c.carried_from.in_(attached),
                                              evidence.c.submission_id.not_in(parts))
                       .values(carried_from=None))  # fmt: skip
    # Within the period, carried links point inside it or to earlier periods: clear them too,
    # so the rows can go in any order.
    connection.execute(update(evidence).where(evidence.c.submission_id.in_(parts))
                       .values(carried_from=None))  # fmt: skip
    for table in (answer, revision):
        connection.execute(update(table).where(table.c.submission_id.in_(parts))
                           .values(carried_from=None))  # fmt: skip
    for table in (review, evidence, answer, revision, event):
        connection.execute(delete(table).where(table.c.submission_id.in_(parts)))
    connection.execute(delete(submission).where(submission.c.period_id == period_id))
    still = select(evidence.c.sha256).where(evidence.c.sha256.in_(candidates))
    kept = {row[0] for row in connection.execute(still).all()}
    gone = candidates - kept
    if gone:
        connection.execute(delete(files).where(files.c.sha256.in_(gone)))
    return replace(counted, files=len(gone))
