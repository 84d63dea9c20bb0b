"""Evidence files as stored: once per content by SHA-256, each attachment with who, how and
when, a removal a mark (the attachment and its bytes kept), on both databases; `lsp-bot backup`
and `lsp-bot restore` bring every file back with the same hash."""

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from storage import evidence, writes
from storage.db import session_scope
from storage.enums import Semester
from storage.evidence import Evidence, EvidenceFile
from tests.test_backup import lsp_bot

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # a JPEG's start, then anything
LETTER = b"%PDF-1.4\n" + b"berita acara verifikasi TUK\n" * 30 + b"%%EOF\n"


def _submission(db: Engine) -> tuple[int, int]:
    """A coordinator's 2.5 of semester II 2026: (submission id, member id)."""
    with session_scope(db) as session:
        member = writes.create_member(session, name="Siti Aminah", now=NOW)
        period = writes.add_period(session, year=2026, semester=Semester.II,
                                   data_deadline=NOW.date(), final_deadline=NOW.date())  # fmt: skip
        session.flush()
        assert period.id is not None
        submission = writes.ensure_submission(session, period_id=period.id, section="2.5",
                                              member_id=member, now=NOW)  # fmt: skip
        session.commit()
    return submission, member


def test_a_file_is_stored_once_and_an_attachment_is_never_deleted(db: Engine) -> None:
    submission, member = _submission(db)
    sent = [  # (entry, bytes, name, kind, pages, channel)
        (1, PHOTO, "ba-verifikasi.jpg", "jpeg", None, "telegram"),
        (2, PHOTO, "foto.jpg", "jpeg", None, "whatsapp"),
        (1, LETTER, "surat.pdf", "pdf", 1, "console"),
    ]
    with session_scope(db) as session:
        first, again, letter = (
            evidence.attach(session, submission_id=submission, entry_no=entry, field="nama",
                            data=data, filename=name, kind=kind, pages=pages, member_id=member,
                            channel=channel, now=NOW)
            for entry, data, name, kind, pages, channel in sent
        )  # fmt: skip
        session.commit()
    with session_scope(db) as session:
        files = session.execute(select(func.count()).select_from(EvidenceFile)).scalar_one()
        assert files == 2  # the photo's bytes once, for both attachments
        assert evidence.remove(session, evidence_id=first, member_id=member, now=NOW)
        assert not evidence.remove(session, evidence_id=first, member_id=member, now=NOW)
        session.commit()
    with session_scope(db) as session:
        live = evidence.attached(session, submission_ids=[submission])
        every = evidence.attached(session, submission_ids=[submission], removed=True)
        stored = evidence.file_bytes(session, digest=hashlib.sha256(PHOTO).hexdigest())
        rows = session.execute(select(func.count()).select_from(Evidence)).scalar_one()
    assert [a.id for a in live] == [again, letter]
    assert [a.id for a in every] == [first, again, letter] and rows == 3
    assert every[0].removed_at is not None and every[0].filename == "ba-verifikasi.jpg"
    assert live[0].channel == "whatsapp" and live[1].pages == 1 and live[1].kind == "pdf"
    assert stored == PHOTO and live[0].sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert live[0].size == len(PHOTO)


@pytest.mark.sqlite_only
def test_backup_and_restore_keep_every_file_with_its_hash(db: Engine, tmp_path: Path) -> None:
    submission, member = _submission(db)
    with session_scope(db) as session:
        for number, data in enumerate((PHOTO, LETTER, PHOTO + b"x")):
            evidence.attach(session, submission_id=submission, entry_no=number, field="nama",
                            data=data, filename=f"bukti-{number}", kind="jpeg", pages=None,
                            member_id=member, channel="telegram", now=NOW)  # fmt: skip
        session.commit()
    copy = tmp_path / "cadangan.db"
    made = lsp_bot(tmp_path, "backup", "--out", str(copy))
    assert made.returncode == 0, made.stderr
    with sqlite3.connect(copy) as connection:
        kept = dict(connection.execute("SELECT sha256, data FROM evidence_file").fetchall())
    assert len(kept) == 3
    assert all(hashlib.sha256(data).hexdigest() == sha for sha, data in kept.items())
    with session_scope(db) as session:  # a file removed by mistake after the backup
        evidence.remove(session, evidence_id=1, member_id=member, now=NOW)
        session.commit()
    db.dispose()
    restored = lsp_bot(tmp_path, "restore", str(copy), "--replace")
    assert restored.returncode == 0, restored.stderr + restored.stdout
    with sqlite3.connect(tmp_path / "lsp-bot.db") as connection:
        back = dict(connection.execute("SELECT sha256, data FROM evidence_file").fetchall())
        rows = connection.execute("SELECT filename, removed_at FROM evidence").fetchall()
    assert back == kept
    assert sorted(rows) == [("bukti-0", None), ("bukti-1", None), ("bukti-2", None)]
