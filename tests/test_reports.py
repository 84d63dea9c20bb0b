"""Draft and final reports through the chat, read back from the PDFs the admin receives."""

import hashlib
import re

from sqlalchemy import Engine, select, update

from render.pdf_text import footer_claims
from render.renderer import Renderer
from storage.db import session_scope
from storage.enums import Role
from storage.models import FinalReport
from tests.helpers import SEMESTER_OVER, Chat, Clock, complete_profile
from tests.reporting import (
    fill,
    last_document,
    nihil,
    one_line,
    page_count,
    pdf_pages,
    pdf_text,
    populate,
)
from tests.test_transcripts import CASES

ALL_A = ("2.2", "2.3", "2.4", "2.5", "2.6", "2.7")


def test_draft_has_watermark_completeness_and_answers(chat: Chat) -> None:
    fill(chat, "2.2", "2.5")
    nihil(chat, "admin", "2.7")
    reply = chat.say("admin", "/draft")
    assert "Kelengkapan: 3 dari 6 bagian lengkap atau dinyatakan nihil." in reply
    document = last_document(chat)
    assert document.filename.endswith(".pdf") and "DRAF" in document.filename
    pages = pdf_pages(document.data)
    assert all("DRAF ·" in page for page in pages)
    total = page_count(document.data)
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {total}" in page
    completeness = one_line(pages[1])
    assert completeness.startswith("Kelengkapan Data")
    assert "2.2 Pengembangan Skema Sertifikasi lengkap Rina Komite" in completeness
    assert "2.3 Verifikasi Standar Kompetensi belum lengkap — Rina Komite" in completeness
    assert "2.7 Lembaga Penyedia Uji Profisiensi dinyatakan nihil Bu Admin" in completeness
    text = one_line(pdf_text(document.data))
    assert "LAPORAN KEGIATAN DAN PROGRAM LSP" in text
    assert "Semester II Tahun 2026 (Juli–Desember 2026)" in text
    assert "BELUM LENGKAP — masih ditunggu dari: Rina Komite" in text  # 2.3
    assert "Dinyatakan nihil: tidak ada kegiatan untuk dilaporkan" in text  # 2.7
    assert "TUK Bengkel Otomotif" in text and "12-08-2026" in text  # tables: dd-mm-yyyy
    assert "Teknik Kendaraan Ringan 1.025" in text  # certificates per scheme
    assert "Jumlah 1.025" in text
    assert "Lampiran. Jejak Data" in text
    assert "Siti Aminah (Koordinator TUK)" in text


def test_draft_shows_unsent_answers_and_final_leaves_them_out(chat: Chat) -> None:
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.6", "2.7")
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    chat.script("siti", ["/menu", "1", "TUK Belum Terkirim", "Kampus", "1"])
    chat.say("admin", "/draft")
    draft = one_line(pdf_text(last_document(chat).data))
    assert "Siti Aminah (Koordinator TUK) — belum dikirim" in draft
    assert "TUK Belum Terkirim" in draft
    refusal = chat.say("admin", "/final")
    assert "- 2.5 Pengembangan dan Verifikasi TUK: ditunggu dari Siti Aminah" in refusal
    # The admin settles 2.5 herself; Siti's unsent entry stays out of the final.
    _role, _name, lines, _expected = CASES["2.5"]
    chat.script("admin", ["/menu", "4", *lines[2:]])
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    final = one_line(pdf_text(last_document(chat).data))
    assert "TUK Bengkel Otomotif" in final
    assert "TUK Belum Terkirim" not in final and "belum dikirim" not in final


def test_final_refused_while_missing_lists_who_owes(chat: Chat) -> None:
    chat.clock.now = SEMESTER_OVER
    fill(chat, "2.2", "2.5")
    before = len(chat.documents)
    reply = chat.say("admin", "/final")
    assert "belum dapat dibuat" in reply
    assert "- 2.3 Verifikasi Standar Kompetensi: ditunggu dari Rina Komite" in reply
    assert "- 2.6 Surveilan Pemegang Sertifikat: ditunggu dari Bu Admin" in reply
    assert "- 2.4" in reply and "- 2.7" in reply and "- 2.2" not in reply
    assert len(chat.documents) == before
    with session_scope(chat.db) as session:
        assert session.execute(select(FinalReport.id)).first() is None


def test_final_is_numbered_frozen_and_versioned(chat: Chat) -> None:
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.7")
    nihil(chat, "admin", "2.6")
    reply = chat.say("admin", "/final")
    assert "versi 1 dibuat" in reply
    first = last_document(chat)
    sha = hashlib.sha256(first.data).hexdigest()
    assert f"SHA-256 berkas: {sha}" in reply
    pages = pdf_pages(first.data)
    assert not any("DRAFT" in page for page in pages)
    total = len(pages)
    claims = footer_claims(first.data)
    assert claims is not None and claims["version"] == "1"
    assert claims["number"] == "LSP-SMKN3/LAP-KEG/II/2026"
    for number, page in enumerate(pages, 1):
        assert f"LSP-SMKN3/LAP-KEG/II/2026 · Versi 1 · Sidik data {claims['hash']}" in page
        assert f"Halaman {number} dari {total}" in page
    with session_scope(chat.db) as session:
        row = session.execute(select(FinalReport)).scalar_one()
        assert row.pdf == first.data and row.pdf_sha256 == sha
        assert row.content_sha256.startswith(claims["hash"])
        snapshot = row.snapshot
    assert snapshot["content"]["chapters"][3]["table"]["rows"][0]["cells"][0] == (
        "TUK Bengkel Otomotif"
    )

    again = chat.say("admin", "/final")  # nothing changed: the same document, no version 2
    assert "Data tidak berubah sejak laporan final versi 1" in again
    assert last_document(chat).data == first.data

    chat.script("siti", ["/menu", "1", "2", "1", "TUK Otomotif Terpadu"])
    reply = chat.say("admin", "/final")
    assert "versi 2 dibuat" in reply
    second = last_document(chat)
    assert "TUK Otomotif Terpadu" in one_line(pdf_text(second.data))
    assert "Versi 2" in pdf_pages(second.data)[0]

    listing = chat.say("admin", "/laporan")
    assert "- Versi 1:" in listing and "- Versi 2:" in listing
    chat.say("admin", "/laporan 1")
    assert last_document(chat).data == first.data  # version 1 unchanged, byte for byte
    with session_scope(chat.db) as session:
        rows = session.execute(select(FinalReport).order_by(FinalReport.version)).scalars().all()
        assert [r.version for r in rows] == [1, 2]
        assert rows[0].snapshot == snapshot
    assert "versi 7 tidak ada. Versi yang ada: 1, 2." in chat.say("admin", "/laporan 7")


def test_a_new_final_never_overwrites_an_old_one(chat: Chat) -> None:
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, *ALL_A)
    chat.say("admin", "/final")
    first = last_document(chat).data
    with session_scope(chat.db) as session:
        session.execute(update(FinalReport).values(content_sha256="0" * 64))
        session.commit()
    # The stored fingerprint no longer matches the data: a new version, never an overwrite.
    assert "versi 2 dibuat" in chat.say("admin", "/final")
    with session_scope(chat.db) as session:
        pdfs = session.execute(select(FinalReport.pdf).order_by(FinalReport.version)).scalars()
        assert next(iter(pdfs)) == first


def test_reports_are_for_the_admin_only(chat: Chat) -> None:
    fill(chat, "2.5")
    for command in ("/draft", "/final", "/laporan", "/ekspor"):
        reply = chat.say("siti", command)
        assert "hanya dapat diminta oleh Manajer Administrasi" in reply
    assert chat.documents == []
    assert "belum terdaftar" in chat.say("stranger", "/draft")


def test_a_named_period_and_an_unknown_one(chat: Chat) -> None:
    reply = chat.say("admin", "/draft 2026-I")
    assert "Semester I Tahun 2026" in reply
    assert "Januari–Juni 2026" in one_line(pdf_text(last_document(chat).data))
    assert "tidak dikenal" in chat.say("admin", "/draft 2019-I")


def test_a_redelivered_final_is_answered_once(chat: Chat) -> None:
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, *ALL_A)
    first = chat.say("admin", "/final", message_id="m-1")
    assert "versi 1 dibuat" in first
    assert chat.say("admin", "/final", message_id="m-1") == ""


def test_help_lists_the_report_commands(chat: Chat) -> None:
    help_text = chat.say("admin", "/bantuan")
    for command in ("/draft", "/final", "/laporan", "/ekspor"):
        assert re.search(rf"^{command}\b", help_text, re.M), command


def test_a_deleted_entry_is_left_out_of_the_report(chat: Chat) -> None:
    fill(chat, "2.5")
    chat.script("siti", ["/menu", "1", "4", "2", "ya"])
    chat.say("admin", "/draft")
    text = pdf_text(last_document(chat).data)
    assert "TUK Bengkel Otomotif" in text
    assert "TUK Tata Boga" not in text


def test_tables_that_cross_a_page_repeat_their_header(
    db: Engine, clock: Clock, renderer: Renderer
) -> None:
    populate(db, tuks=60)
    chat = Chat(db, clock, renderer)
    chat.say("admin", "/draft")
    pages = [
        [line for line in page.splitlines() if line.strip()]
        for page in pdf_pages(last_document(chat).data)
    ]
    trail_start = next(i for i, p in enumerate(pages) if p[0] == "Lampiran. Jejak Data")
    tuk_start = next(i for i, p in enumerate(pages) if "Daftar TUK" in p)
    tuk_pages = [page for page in pages[tuk_start:trail_start] if any("Gajah" in x for x in page)]
    assert len(tuk_pages) > 3 and len(pages) - trail_start > 3
    for page in tuk_pages[1:]:
        assert page[:2] == ["No.", "Sumber"], page[:3]
    for page in pages[trail_start + 1 :]:
        assert page[:2] == ["Rujukan", "Butir"], page[:3]
