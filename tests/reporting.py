"""Helpers for report tests: fill sections the way people do, and read PDFs back."""

import io
from datetime import date
from typing import Any

from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlmodel import Session

from conversations.events import Document
from conversations.service import ensure_periods
from render.pdf_text import page_texts
from storage import queries, writes
from storage.db import create_all, session_scope
from storage.enums import Role, Semester, SubmissionStatus
from tests.helpers import NOW, Chat
from tests.test_transcripts import CASES

USERS = {
    Role.KOMITE_SKEMA: ("rina", "Rina Komite"),
    Role.KOORDINATOR_TUK: ("siti", "Siti Aminah"),
    Role.SURVEILAN: ("dedi", "Dedi Surveilan"),
}


def fill(chat: Chat, *sections: str) -> None:
    """Answer and send these sections as their golden transcripts do (joining as needed); the
    certificates 2.2 counts are then in the register, as they must be for a final."""
    for key in sections:
        role, _name, lines, _expected = CASES[key]
        if role is Role.ADMIN:
            chat.script("admin", lines)
            continue
        user, name = USERS[role]
        if not _joined(chat, user):
            chat.join(user, role, name)
        chat.script(user, lines)
    if "2.2" in sections:
        register_as_typed(chat)


def register_as_typed(chat: Chat) -> None:
    """Import, as the admin, the certificates 2.2 says were issued per scheme (numbers, holders,
    schemes and an issue date in the semester: no TUK or assessor to check)."""
    from storage.models import Answer, Submission

    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Answer.submission_id, Answer.entry_no, Answer.field, Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .where(Submission.section == "2.2", Answer.field.in_(["nama", "jumlah_sertifikat"]))
        ).all()
        admin = queries.member_by_identity(session, key="console:admin")
    entries: dict[tuple[int, int], dict[str, Any]] = {}
    for submission, entry, field, value in rows:
        entries.setdefault((submission, entry), {})[field] = value
    listed = []
    for entry in entries.values():
        for _ in range(int(entry.get("jumlah_sertifikat") or 0)):
            n = len(listed) + 1
            listed.append([f"REG/2026/{n:05d}", f"Pemegang {n}", entry["nama"], date(2026, 11, 2)])
    if listed:
        header = ["Nomor Sertifikat", "Nama Pemegang", "Skema", "Tanggal Terbit"]
        data = sheet(listed, header)
        by = admin.id if admin else None
        outcome = chat.certificates.import_file("register.xlsx", data, by=by, channel="console")
        assert outcome.accepted, outcome.text


def sheet(rows: list[list[Any]], header: list[str]) -> bytes:
    """An XLSX with a header row and these rows."""
    from openpyxl import Workbook

    book = Workbook()
    page = book.active
    assert page is not None
    page.append(header)
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _joined(chat: Chat, user: str) -> bool:
    with session_scope(chat.db) as session:
        return queries.member_by_identity(session, key=f"console:{user}") is not None


def nihil(chat: Chat, user: str, section: str) -> str:
    """Declare a section nihil and confirm."""
    chat.say(user, f"/nihil {section}")
    return chat.say(user, "ya")


def last_document(chat: Chat) -> Document:
    """The newest document the bot sent."""
    assert chat.documents, "no document was sent"
    return chat.documents[-1]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page."""
    return page_texts(data)


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined."""
    return "\n".join(page_texts(data))


def page_count(data: bytes) -> int:
    """Number of pages."""
    return len(PdfReader(io.BytesIO(data)).pages)


def fonts(data: bytes) -> set[str]:
    """Base names of the fonts a PDF uses."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in resources.get_object().get("/Font", {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def one_line(text: str) -> str:
    """Text with every run of whitespace made one space (PDF text wraps anywhere)."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text without any whitespace: long words are split to wrap, so compare without it."""
    return "".join(text.split())


TUK = {
    "nama": "TUK Bengkel Otomotif {n}",
    "lokasi": "Jl. Gajah Mada No. {n}, Kota Bima",
    "jenis": "sewaktu",
    "status_verifikasi": "terverifikasi",
    "tanggal_verifikasi": "2026-08-12",
    "ruang_lingkup": "Skema Teknik Kendaraan Ringan Level II, klaster servis berkala",
    "jumlah_asesi": 24,
    "perkembangan": "Ruang praktik direnovasi dan peralatan uji ditambah sesuai standar.",
}
# One TUK entry: a table row, two paragraph rows, eight trail rows.
ROWS_PER_TUK = 1 + 2 + len(TUK)


def populate(db: Engine, *, tuks: int) -> None:
    """A complete semester II 2026 straight into the database: the admin (identity
    console:admin) sent 2.4 and 2.7 and declared 2.2, 2.3 and 2.6 nihil; ten coordinators sent
    `tuks` TUK entries between them."""
    create_all(db)
    ensure_periods(db, today=NOW.date())
    with session_scope(db) as session:
        period = queries.periods(session, keys=[(2026, Semester.I), (2026, Semester.II)])
        period_id = period[(2026, Semester.II)].id
        admin = writes.create_member(session, name="Bu Admin", now=NOW)
        writes.add_role(session, member_id=admin, role=Role.ADMIN)
        writes.bind_identity(session, key="console:admin", member_id=admin, now=NOW)
        for key in ("2.2", "2.3", "2.6", "2.4", "2.7"):
            sid = writes.ensure_submission(
                session, period_id=period_id, section=key, member_id=admin, now=NOW
            )
            status = SubmissionStatus.NIHIL if key in ("2.2", "2.3", "2.6") else None
            if status is None:
                _answer(session, sid, admin, 0, "rencana", "Program semester depan")
                status = SubmissionStatus.SUBMITTED
            writes.set_status(session, submission_id=sid, status=status, member_id=admin,
                              channel="telegram", now=NOW)  # fmt: skip
        coordinators = [
            writes.create_member(session, name=f"Koordinator {c + 1}", now=NOW) for c in range(10)
        ]
        for n in range(tuks):
            member = coordinators[n % len(coordinators)]
            sid = writes.ensure_submission(
                session, period_id=period_id, section="2.5", member_id=member, now=NOW
            )
            for field, value in TUK.items():
                shown = value.format(n=n + 1) if isinstance(value, str) else value
                _answer(session, sid, member, n // len(coordinators) + 1, field, shown)
        for member in coordinators:
            writes.add_role(session, member_id=member, role=Role.KOORDINATOR_TUK)
            sid = writes.ensure_submission(
                session, period_id=period_id, section="2.5", member_id=member, now=NOW
            )
            writes.set_status(session, submission_id=sid, status=SubmissionStatus.SUBMITTED,
                              member_id=member, channel="whatsapp", now=NOW)  # fmt: skip
            session.commit()


def _answer(session: Session, sid: int, member: int, entry: int, field: str, value: Any) -> None:
    writes.save_answer(session, submission_id=sid, entry_no=entry, field=field, value=value,
                       member_id=member, channel="telegram", now=NOW, current=None)  # fmt: skip
