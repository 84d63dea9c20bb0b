"""Final reports as stored: every version kept, never changed."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from storage import records
from storage.models import FinalReport


@dataclass(frozen=True)
class FinalInfo:
    """A stored final report without its bytes."""

    id: int
    period_id: int
    report: str
    version: int
    document_number: str
    content_sha256: str
    pdf_sha256: str
    created_by: int | None
    channel: str
    created_at: datetime
    verification_code: str | None = None


_INFO = (
    FinalReport.id,
    FinalReport.period_id,
    FinalReport.report,
    FinalReport.version,
    FinalReport.document_number,
    FinalReport.content_sha256,
    FinalReport.pdf_sha256,
    FinalReport.created_by,
    FinalReport.channel,
    FinalReport.created_at,
    FinalReport.verification_code,
)


def finals(session: Session, *, period_id: int, report: str) -> list[FinalInfo]:
    """Every version of a period's final report, oldest first."""
    rows = session.execute(
        select(*_INFO)
        .where(FinalReport.period_id == period_id, FinalReport.report == report)
        .order_by(FinalReport.version)
    ).all()
    return [FinalInfo(*row) for row in rows]


def period_finals(session: Session, *, period_id: int) -> list[FinalInfo]:
    """Every final of a period, of every report and issuance, by report then version."""
    rows = session.execute(
        select(*_INFO)
        .where(FinalReport.period_id == period_id)
        .order_by(FinalReport.report, FinalReport.version)
    ).all()
    return [FinalInfo(*row) for row in rows]


def all_finals(session: Session) -> list[FinalInfo]:
    """Every final stored, oldest first (the signature extension reads each file)."""
    rows = session.execute(select(*_INFO).order_by(FinalReport.id)).all()
    return [FinalInfo(*row) for row in rows]


def final_by_pdf_hash(session: Session, *, sha256: str) -> FinalInfo | None:
    """The final whose stored PDF, or an earlier file of it (before its signature was
    extended), has this SHA-256."""
    row = session.execute(select(*_INFO).where(FinalReport.pdf_sha256 == sha256)).first()
    if row is None:
        earlier = records.earlier_file(session, sha256=sha256)
        if earlier is not None:
            row = session.execute(select(*_INFO).where(FinalReport.id == earlier[0])).first()
    return FinalInfo(*row) if row else None


def final_by_code(session: Session, *, code: str) -> FinalInfo | None:
    """The final whose pages print this verification code (as stored: no dash, upper case)."""
    row = session.execute(select(*_INFO).where(FinalReport.verification_code == code)).first()
    return FinalInfo(*row) if row else None


def final_by_number(session: Session, *, number: str, version: int) -> FinalInfo | None:
    """The final with this document number and version."""
    row = session.execute(
        select(*_INFO).where(FinalReport.document_number == number, FinalReport.version == version)
    ).first()
    return FinalInfo(*row) if row else None


def final_pdf(session: Session, *, final_id: int) -> bytes:
    """The stored PDF of a final, byte for byte."""
    return session.execute(select(FinalReport.pdf).where(FinalReport.id == final_id)).scalar_one()


def final_snapshot(session: Session, *, final_id: int) -> Any:
    """The frozen data a final was built from."""
    return session.execute(
        select(FinalReport.snapshot).where(FinalReport.id == final_id)
    ).scalar_one()


def next_version(session: Session, *, period_id: int, report: str) -> int:
    """The version number the next final of this period gets."""
    latest = session.execute(
        select(func.max(FinalReport.version)).where(
            FinalReport.period_id == period_id, FinalReport.report == report
        )
    ).scalar_one()
    return (latest or 0) + 1


def add_final(
    session: Session,
    *,
    period_id: int,
    report: str,
    version: int,
    document_number: str,
    content_sha256: str,
    pdf_sha256: str,
    snapshot: Any,
    pdf: bytes,
    created_by: int | None,
    channel: str,
    now: datetime,
    verification_code: str | None = None,
) -> FinalInfo:
    """Store a final; (period, report, version) is unique, so a race fails instead of
    overwriting."""
    row = FinalReport(
        period_id=period_id,
        report=report,
        version=version,
        document_number=document_number,
        content_sha256=content_sha256,
        pdf_sha256=pdf_sha256,
        snapshot=snapshot,
        pdf=pdf,
        created_by=created_by,
        channel=channel,
        created_at=now,
        verification_code=verification_code,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return FinalInfo(row.id, period_id, report, version, document_number, content_sha256,
                     pdf_sha256, created_by, channel, now, verification_code)  # fmt: skip
