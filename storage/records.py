"""What is kept about the records themselves: who took a copy of what (a report, an export, the
evidence, an archive), and the earlier files of a final whose signature was extended (a new
document timestamp is an incremental update, so the earlier file is the first `length` bytes of
the stored one, and a copy of it is still this final)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, func, insert, select, update
from sqlmodel import Field, Session, SQLModel

from storage.types import UTCDateTime, utcnow

# What a copy was of.
FINAL, DRAFT, EXPORT, EVIDENCE, ARCHIVE = "final", "draft", "export", "evidence", "archive"


class Download(SQLModel, table=True):
    """One copy of a record given to someone."""

    __tablename__ = "download"
    __table_args__ = (Index("ix_download_period", "period_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=String(16))
    period_id: int = Field(foreign_key="period.id")
    final_id: int | None = Field(default=None, foreign_key="final_report.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")  # None: at the server
    channel: str  # telegram, whatsapp, console, cli, web
    name: str  # the file's name as given
    sha256: str = Field(sa_type=String(64))
    size: int
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FinalFile(SQLModel, table=True):
    """An earlier file of a final, replaced by one with its signature extended."""

    __tablename__ = "final_file"

    id: int | None = Field(default=None, primary_key=True)
    final_id: int = Field(foreign_key="final_report.id", index=True)
    pdf_sha256: str = Field(sa_type=String(64), unique=True)
    length: int  # the earlier file is the stored file's first `length` bytes
    replaced_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


_DOWNLOAD = Download.__table__
_FILE = FinalFile.__table__


@dataclass(frozen=True)
class DownloadRecord:
    """A copy given, as the records report lists it."""

    kind: str
    period_id: int
    final_id: int | None
    member_id: int | None
    channel: str
    name: str
    sha256: str
    size: int
    at: datetime


def record_download(
    session: Session, *, kind: str, period_id: int, final_id: int | None,
    member_id: int | None, channel: str, name: str, sha256: str, size: int, now: datetime,
) -> None:  # fmt: skip
    """Keep that a copy was given."""
    session.connection().execute(insert(_DOWNLOAD).values(
        kind=kind, period_id=period_id, final_id=final_id, member_id=member_id,
        channel=channel, name=name, sha256=sha256, size=size, at=now))  # fmt: skip


def downloads(session: Session, *, period_id: int | None = None) -> list[DownloadRecord]:
    """Every copy given (of one period's records), oldest first."""
    query = select(_DOWNLOAD.c.kind, _DOWNLOAD.c.period_id, _DOWNLOAD.c.final_id,
                   _DOWNLOAD.c.member_id, _DOWNLOAD.c.channel, _DOWNLOAD.c.name,
                   _DOWNLOAD.c.sha256, _DOWNLOAD.c.size, _DOWNLOAD.c.at)  # fmt: skip
    if period_id is not None:
        query = query.where(_DOWNLOAD.c.period_id == period_id)
    rows = session.connection().execute(query.order_by(_DOWNLOAD.c.at, _DOWNLOAD.c.id)).all()
    return [DownloadRecord(*row) for row in rows]


def replace_final_file(
    session: Session, *, final_id: int, pdf: bytes, sha256: str, previous_sha256: str,
    previous_length: int, now: datetime,
) -> None:  # fmt: skip
    """Store a final's extended file, keeping the earlier one's SHA-256 and length."""
    session.connection().execute(insert(_FILE).values(
        final_id=final_id, pdf_sha256=previous_sha256, length=previous_length,
        replaced_at=now))  # fmt: skip
    final = SQLModel.metadata.tables["final_report"]
    session.connection().execute(
        update(final).where(final.c.id == final_id).values(pdf=pdf, pdf_sha256=sha256)
    )


def earlier_file(session: Session, *, sha256: str) -> tuple[int, int] | None:
    """(final id, length) of an earlier file of a final with this SHA-256."""
    row = (
        session.connection()
        .execute(select(_FILE.c.final_id, _FILE.c.length).where(_FILE.c.pdf_sha256 == sha256))
        .first()
    )
    return (int(row[0]), int(row[1])) if row else None


def earlier_files(session: Session, *, final_id: int) -> list[tuple[str, int, datetime]]:
    """(SHA-256, length, replaced at) of a final's earlier files, oldest first."""
    rows = session.connection().execute(
        select(_FILE.c.pdf_sha256, _FILE.c.length, _FILE.c.replaced_at)
        .where(_FILE.c.final_id == final_id).order_by(_FILE.c.id)
    ).all()  # fmt: skip
    return [(str(r[0]), int(r[1]), r[2]) for r in rows]


@dataclass(frozen=True)
class Holding:
    """What is kept of one period, for the retention report."""

    period_id: int
    year: int
    semester: str
    finals: int
    answers: int
    evidence: int  # files attached (current and replaced)
    evidence_bytes: int
    downloads: int


def holdings(session: Session) -> list[Holding]:
    """Every period with what is kept of it, oldest first."""
    tables = SQLModel.metadata.tables
    period, final = tables["period"], tables["final_report"]
    submission, answer, evidence = tables["submission"], tables["answer"], tables["evidence"]

    def per_period(query: Any) -> dict[int, tuple[int, ...]]:
        return {int(row[0]): tuple(int(v or 0) for v in row[1:])
                for row in session.connection().execute(query).all()}  # fmt: skip

    finals = per_period(select(final.c.period_id, func.count()).group_by(final.c.period_id))
    answers = per_period(
        select(submission.c.period_id, func.count())
        .select_from(answer.join(submission, answer.c.submission_id == submission.c.id))
        .group_by(submission.c.period_id)
    )  # fmt: skip
    files = per_period(
        select(submission.c.period_id, func.count(), func.sum(evidence.c.size))
        .select_from(evidence.join(submission, evidence.c.submission_id == submission.c.id))
        .group_by(submission.c.period_id)
    )  # fmt: skip
    given = per_period(select(_DOWNLOAD.c.period_id, func.count()).group_by(_DOWNLOAD.c.period_id))
    rows = session.connection().execute(
        select(period.c.id, period.c.year, period.c.semester)
        .order_by(period.c.year, period.c.semester)
    ).all()  # fmt: skip
    return [
        Holding(int(pid), int(year), str(semester), finals.get(pid, (0,))[0],
                answers.get(pid, (0,))[0], files.get(pid, (0, 0))[0], files.get(pid, (0, 0))[1],
                given.get(pid, (0,))[0])
        for pid, year, semester in rows
    ]  # fmt: skip
