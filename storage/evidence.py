"""Evidence (bukti): the files attached to answers, kept so that nothing is lost or silently
changed.

The bytes live in the database, once per content, keyed by their SHA-256 (`evidence_file`):
one SQLite file stays the whole record (`lsp-bot backup` copies it, files included), several
instances on one PostgreSQL database share the files with no shared disk, and a file and the
answer it supports are written in one transaction. An attachment (`evidence`) names the file,
the answer (submission, entry, field) it belongs to, who sent it, how and when. Removing one
marks it removed (who, when); replacing one is a removal and a new attachment: no attachment
and no file is ever deleted.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, insert, select, update
from sqlmodel import Field, Session, SQLModel

from storage.types import UTCDateTime, utcnow


class EvidenceFile(SQLModel, table=True):
    """A file's bytes, stored once per content."""

    __tablename__ = "evidence_file"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Evidence(SQLModel, table=True):
    """A file attached to an answer: its name and kind as accepted, who, how and when."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_answer", "submission_id", "entry_no", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id")
    entry_no: int = 0
    field: str
    sha256: str = Field(foreign_key="evidence_file.sha256", max_length=64)
    filename: str
    kind: str  # 'jpeg', 'png', 'pdf': what the bytes are, not what the name says
    size: int
    pages: int | None = None  # a PDF's
    member_id: int = Field(foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    removed_by: int | None = Field(default=None, foreign_key="member.id")
    carried_from: int | None = Field(default=None, foreign_key="evidence.id")


_FILE = EvidenceFile.__table__
_EVIDENCE = Evidence.__table__


@dataclass(frozen=True)
class Attached:
    """An attachment as reports and the chat read it."""

    id: int
    submission_id: int
    entry_no: int
    field: str
    sha256: str
    filename: str
    kind: str
    size: int
    pages: int | None
    member_id: int
    channel: str
    at: datetime
    removed_at: datetime | None
    section: str = ""  # of the submission (filled by `of_period`)
    owner_id: int = 0
    carried_from: int | None = None  # the earlier semester's attachment this one copies


def sha256(data: bytes) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def keep_file(session: Session, *, data: bytes, now: datetime) -> str:
    """Store a file's bytes unless the same content is stored already; its SHA-256."""
    digest = sha256(data)
    connection = session.connection()
    known = connection.execute(select(_FILE.c.sha256).where(_FILE.c.sha256 == digest)).first()
    if known is None:
        connection.execute(
            insert(_FILE), {"sha256": digest, "size": len(data), "data": data, "created_at": now}
        )
    return digest


def attach(
    session: Session, *, submission_id: int, entry_no: int, field: str, data: bytes,
    filename: str, kind: str, pages: int | None, member_id: int, channel: str, now: datetime,
) -> int:  # fmt: skip
    """Keep a file and attach it to an answer; the attachment's id."""
    digest = keep_file(session, data=data, now=now)
    row = {"submission_id": submission_id, "entry_no": entry_no, "field": field,
           "sha256": digest, "filename": filename, "kind": kind, "size": len(data),
           "pages": pages, "member_id": member_id, "channel": channel,
           "created_at": now}  # fmt: skip
    done = session.connection().execute(insert(_EVIDENCE).values(**row))
    return int(done.inserted_primary_key[0])


def carry(
    session: Session, *, revision_id: int, submission_id: int, entry_no: int, field: str
) -> list[int]:
    """Attach to an answer carried from an earlier semester's revision the files that answer
    had, each copy naming the attachment it copies and keeping who sent it, how and when; the
    copies' ids."""
    revisions = SQLModel.metadata.tables["answer_revision"]  # by name, as in `of_period`
    origin = session.connection().execute(
        select(revisions.c.submission_id, revisions.c.entry_no, revisions.c.field)
        .where(revisions.c.id == revision_id)
    ).first()  # fmt: skip
    if origin is None:
        return []
    copied = []
    for old in attached(session, submission_ids=[origin.submission_id]):
        if (old.entry_no, old.field) != (origin.entry_no, origin.field):
            continue
        row = {"submission_id": submission_id, "entry_no": entry_no, "field": field,
               "sha256": old.sha256, "filename": old.filename, "kind": old.kind,
               "size": old.size, "pages": old.pages, "member_id": old.member_id,
               "channel": old.channel, "created_at": old.at, "carried_from": old.id}  # fmt: skip
        done = session.connection().execute(insert(_EVIDENCE).values(**row))
        copied.append(int(done.inserted_primary_key[0]))
    return copied


def remove(session: Session, *, evidence_id: int, member_id: int, now: datetime) -> bool:
    """Mark an attachment removed (it and its file are kept); False if it already was."""
    done = session.connection().execute(
        update(_EVIDENCE)
        .where(_EVIDENCE.c.id == evidence_id, _EVIDENCE.c.removed_at.is_(None))
        .values(removed_at=now, removed_by=member_id)
    )
    return bool(done.rowcount)


def remove_answer(
    session: Session, *, submission_id: int, entry_no: int, field: str, member_id: int,
    now: datetime,
) -> int:  # fmt: skip
    """Mark every live attachment of one answer removed (replaced); how many were."""
    done = session.connection().execute(
        update(_EVIDENCE)
        .where(_EVIDENCE.c.submission_id == submission_id, _EVIDENCE.c.entry_no == entry_no,
               _EVIDENCE.c.field == field, _EVIDENCE.c.removed_at.is_(None))
        .values(removed_at=now, removed_by=member_id)
    )  # fmt: skip
    return int(done.rowcount or 0)


def attached(
    session: Session, *, submission_ids: list[int], removed: bool = False
) -> list[Attached]:
    """The attachments of these submissions, oldest first (`removed`: those removed too)."""
    query = select(
        _EVIDENCE.c.id, _EVIDENCE.c.submission_id, _EVIDENCE.c.entry_no, _EVIDENCE.c.field,
        _EVIDENCE.c.sha256, _EVIDENCE.c.filename, _EVIDENCE.c.kind, _EVIDENCE.c.size,
        _EVIDENCE.c.pages, _EVIDENCE.c.member_id, _EVIDENCE.c.channel, _EVIDENCE.c.created_at,
        _EVIDENCE.c.removed_at,
    ).where(_EVIDENCE.c.submission_id.in_(submission_ids)).order_by(_EVIDENCE.c.id)  # fmt: skip
    if not removed:
        query = query.where(_EVIDENCE.c.removed_at.is_(None))
    return [
        Attached(row.id, row.submission_id, row.entry_no, row.field, row.sha256, row.filename,
                 row.kind, row.size, row.pages, row.member_id, row.channel, row.created_at,
                 row.removed_at)
        for row in session.connection().execute(query)
    ]  # fmt: skip


def file_bytes(session: Session, *, digest: str) -> bytes | None:
    """A stored file's bytes by SHA-256 (None: no such file)."""
    row = session.connection().execute(
        select(_FILE.c.data).where(_FILE.c.sha256 == digest)
    ).first()  # fmt: skip
    return bytes(row[0]) if row is not None else None


def files_bytes(session: Session, *, digests: list[str]) -> dict[str, bytes]:
    """Stored files' bytes by SHA-256, in one query (a digest not stored is left out)."""
    if not digests:
        return {}
    rows = session.connection().execute(
        select(_FILE.c.sha256, _FILE.c.data).where(_FILE.c.sha256.in_(set(digests)))
    )  # fmt: skip
    return {row.sha256: bytes(row.data) for row in rows}


def of_period(session: Session, *, period_id: int) -> list[Attached]:
    """The live attachments of a period's submissions, with their section and owner, oldest
    first (what reports list)."""
    sub = SQLModel.metadata.tables["submission"]  # by name: table modules import no other
    query = (
        select(
            _EVIDENCE.c.id, _EVIDENCE.c.submission_id, _EVIDENCE.c.entry_no, _EVIDENCE.c.field,
            _EVIDENCE.c.sha256, _EVIDENCE.c.filename, _EVIDENCE.c.kind, _EVIDENCE.c.size,
            _EVIDENCE.c.pages, _EVIDENCE.c.member_id, _EVIDENCE.c.channel,
            _EVIDENCE.c.created_at, _EVIDENCE.c.removed_at, sub.c.section, sub.c.member_id,
            _EVIDENCE.c.carried_from,
        )
        .join(sub, sub.c.id == _EVIDENCE.c.submission_id)
        .where(sub.c.period_id == period_id, _EVIDENCE.c.removed_at.is_(None))
        .order_by(_EVIDENCE.c.id)
    )  # fmt: skip
    return [
        Attached(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                 r[12], r[13], r[14], r[15])
        for r in session.connection().execute(query)
    ]  # fmt: skip
