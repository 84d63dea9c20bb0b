"""Evidence in the conversation, through the console: once an answer that takes evidence is
given, the bot asks for photos or scans; a file is taken by what its bytes are, never by its
name; what is kept is listed in Jejak Data with its SHA-256; `@berkas PATH` sends a file from
the console; a channel that cannot send files is not asked for any."""

import hashlib
import io
from pathlib import Path

from sqlalchemy import select

from bot.channels.console import run_console
from conversations.files import MAX_BYTES
from storage.db import session_scope
from storage.enums import Role
from storage.evidence import Evidence, EvidenceFile
from tests.helpers import Chat
from tests.reporting import pdf_text, squeezed
from tests.test_carry import NEXT

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 50
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >> endobj\n"
       b"2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type /Page >> endobj\n%%EOF\n")  # fmt: skip
NOT_A_PHOTO = b"MZ\x90\x00" + b"\x00" * 500  # a program, named .jpg
ASKED = "Kirim foto atau pindaian sertifikat asesor Anda sebagai bukti"


def test_an_assessor_attaches_a_photo_and_a_pdf_and_bad_files_are_refused(chat: Chat) -> None:
    chat.files = True
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    asked = chat.script("budi", ["/menu", "1", "MET.000.001234 2019", "31-12-2028"])
    assert ASKED in asked and "/lewati" in asked
    kept = chat.send_file("budi", "sertifikat.jpg", JPEG)
    assert "✓ Bukti tersimpan: sertifikat.jpg (13 KB)." in kept and "ketik selesai" in kept
    refused = chat.send_file("budi", "foto.jpg", NOT_A_PHOTO)
    assert "bukan foto (JPEG/PNG) atau PDF, apa pun namanya" in refused and ASKED in refused
    assert "terlalu besar" in chat.send_file("budi", "besar.pdf", b"%PDF-" + b"0" * MAX_BYTES)
    assert "kosong" in chat.send_file("budi", "kosong.pdf", b"")
    assert "2 halaman" in chat.send_file("budi", "surat.pdf", PDF)
    assert "Kirim berkasnya sebagai foto atau dokumen" in chat.say("budi", "halo")
    assert "Ruang lingkup kompetensi" in chat.say("budi", "selesai")
    assert "sudah terkirim" in chat.script("budi", ["TKRO", "25", "tidak", "/lewati", "kirim"])

    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Evidence.filename, Evidence.kind, Evidence.sha256, Evidence.pages,
                   Evidence.field, Evidence.channel)
        ).all()  # fmt: skip
        files = {sha: bytes(data) for sha, data in session.execute(
            select(EvidenceFile.sha256, EvidenceFile.data))}  # fmt: skip
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in rows] == [
        ("sertifikat.jpg", "jpeg", None, "masa_berlaku", "console"),
        ("surat.pdf", "pdf", 2, "masa_berlaku", "console"),
    ]
    assert {hashlib.sha256(data).hexdigest() for data in files.values()} == set(files)
    assert set(files) == {rows[0][2], rows[1][2]}

    chat.say("admin", "/draft sertifikat")
    text = squeezed(pdf_text(chat.documents[-1].data))
    sha = hashlib.sha256(JPEG).hexdigest()
    size = f"{len(JPEG):,}".replace(",", ".")  # 12.810, as Indonesian numbers print
    assert squeezed(f"sertifikat.jpg · JPEG, {size} bita · SHA-256 {sha}") in text


def test_a_channel_that_cannot_send_files_is_not_asked_for_any(chat: Chat) -> None:
    chat.files = False
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    asked = chat.script("budi", ["/menu", "1", "MET.000.001234 2019", "31-12-2028"])
    assert ASKED not in asked and "Ruang lingkup kompetensi" in asked


def test_a_file_nobody_asked_for_is_not_kept(chat: Chat) -> None:
    chat.files = True
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    chat.script("budi", ["/menu", "1"])
    reply = chat.send_file("budi", "sertifikat.jpg", JPEG)
    assert "Berkas hanya diterima saat bot meminta bukti." in reply
    assert "No. Reg. Met." in reply  # the question on screen, again
    with session_scope(chat.db) as session:
        assert session.execute(select(Evidence.id)).first() is None


def test_the_console_sends_a_file_with_at_berkas(chat: Chat, tmp_path: Path) -> None:
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    photo = tmp_path / "sertifikat asesor.jpg"
    photo.write_bytes(JPEG)
    out = io.StringIO()
    lines = ["/menu", "1", "MET.000.001234 2019", "31-12-2028", f"@berkas {photo}",
             "@berkas /tidak/ada.jpg", "selesai"]  # fmt: skip
    run_console(chat.dispatcher, user="budi", lines=lines, out=out, files=tmp_path)
    printed = out.getvalue()
    assert ASKED in printed
    assert "✓ Bukti tersimpan: sertifikat asesor.jpg" in printed
    assert "Berkas /tidak/ada.jpg tidak dapat dibaca." in printed
    assert "Ruang lingkup kompetensi" in printed


def test_evidence_is_carried_with_the_answer_it_supports(chat: Chat) -> None:
    """The assessor's certificate sent in semester II 2026 stays with the validity date when
    3.2 is confirmed in semester I 2027: not asked for again, listed in that semester's Jejak
    Data as attached then, the same file (one copy of the bytes)."""
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    chat.script("budi", ["/menu", "1", "MET.000.001234 2019", "31-12-2028"])
    chat.send_file("budi", "sertifikat.jpg", JPEG)
    assert "sudah terkirim" in chat.script(
        "budi", ["selesai", "TKRO", "25", "tidak", "/lewati", "kirim"]
    )
    chat.clock.now = NEXT
    offered = chat.script("budi", ["/menu", "1"])
    assert "Masih sama?" in offered
    kept = chat.say("budi", "masih sama")
    assert ASKED not in kept and "Jumlah asesi" in kept
    assert "sudah terkirim" in chat.script("budi", ["30", "tidak", "/lewati", "kirim"])
    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Evidence.id, Evidence.sha256, Evidence.carried_from, Evidence.created_at)
            .order_by(Evidence.id)
        ).all()  # fmt: skip
        stored = session.execute(select(EvidenceFile.sha256)).all()
    assert len(rows) == 2 and len(stored) == 1
    first, copy = rows
    assert copy.carried_from == first.id and copy.sha256 == first.sha256
    assert copy.created_at == first.created_at  # when it was sent, not when it was confirmed
    chat.say("admin", "/draft sertifikat")
    text = squeezed(pdf_text(chat.documents[-1].data))
    assert squeezed("Semester I Tahun 2027") in text
    assert squeezed(f"SHA-256 {first.sha256} · dilampirkan pada semester lalu") in text


def test_a_changed_answer_may_replace_its_evidence_the_old_kept_in_the_history(
    chat: Chat,
) -> None:
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    chat.script("budi", ["/menu", "1", "MET.000.001234 2019", "31-12-2028"])
    chat.send_file("budi", "sertifikat-lama.jpg", JPEG)
    assert "sudah terkirim" in chat.script(
        "budi", ["selesai", "TKRO", "25", "tidak", "/lewati", "kirim"]
    )
    asked = chat.script("budi", ["/menu", "1", "ubah", "2", "31-12-2029"])
    assert "Jawaban diubah." in asked and "berkas baru menggantikan bukti yang ada" in asked
    assert "✓ Bukti tersimpan: sertifikat-baru.pdf" in chat.send_file(
        "budi", "sertifikat-baru.pdf", PDF
    )
    assert "Ringkasan bagian 3.2" in chat.say("budi", "selesai")
    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Evidence.filename, Evidence.removed_at).order_by(Evidence.id)
        ).all()  # fmt: skip
    assert [(name, removed is not None) for name, removed in rows] == [
        ("sertifikat-lama.jpg", True),  # kept, marked replaced
        ("sertifikat-baru.pdf", False),
    ]
    chat.say("admin", "/draft sertifikat")
    text = pdf_text(chat.documents[-1].data)
    assert "sertifikat-baru.pdf" in text and "sertifikat-lama.jpg" not in text

    kept = chat.script("budi", ["/menu", "1", "ubah", "2", "30-12-2029", "/lewati"])
    assert "Ringkasan bagian 3.2" in kept  # /lewati keeps the evidence there is
    with session_scope(chat.db) as session:
        live = session.execute(select(Evidence.filename).where(Evidence.removed_at.is_(None)))
        assert live.scalars().all() == ["sertifikat-baru.pdf"]
