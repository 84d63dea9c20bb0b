"""Evidence in the reports: the appendix "Lampiran Bukti" lists every file with its SHA-256 and
a small picture (a photo scaled down, a PDF's first page); a final carries the files themselves
as embedded files, extracted back byte for byte; a file whose picture cannot be made safely
gets none, and the report is made all the same; nothing outside is fetched."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from bot.reports.desk import evidence_files
from conversations.service import Message
from render.html import evidence_html
from render.pdf import html_to_pdf
from storage import queries
from storage.db import session_scope
from storage.enums import Role
from tests.helpers import Chat, complete_profile, semester_over
from tests.reporting import fill, last_document, pdf_text, squeezed
from tests.test_cli import console, run
from tests.test_cli import workdir as workdir
from tests.test_cli_reports import status
from tests.test_evidence_hostile import BOMB, LOOPING_PDF
from tests.test_reports import SEMESTER_OVER
from tests.test_review import REST, TUK


def photo() -> bytes:
    """A real JPEG, as a phone sends one (small, to keep the test quick)."""
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (180, 40, 40)).save(out, "JPEG", quality=85)
    return out.getvalue()


def scan() -> bytes:
    """A real one-page PDF, as a scanner app sends one."""
    return html_to_pdf("<h1>Berita Acara Verifikasi TUK</h1><p>12 Agustus 2026</p>")


def sent_with(chat: Chat, *files: tuple[str, bytes]) -> None:
    """Siti sends 2.5 with one TUK and these files for its verification date."""
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    chat.script("siti", ["/menu", "1", *TUK])
    for name, data in files:
        assert "✓ Bukti tersimpan" in chat.send_file("siti", name, data)
    assert "sudah terkirim" in chat.script("siti", ["selesai", *REST])


def images_on_last_page(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages[-1].images)


def test_the_final_lists_the_files_with_pictures_and_carries_them_embedded(chat: Chat) -> None:
    files = {"berita-acara.jpg": photo(), "berita-acara.pdf": scan()}
    sent_with(chat, *files.items())
    chat.say("admin", "/draft")
    draft = last_document(chat).data
    text = squeezed(pdf_text(draft))
    assert squeezed("Lampiran 2. Bukti") in text
    for name, data in files.items():
        assert squeezed(name) in text
        assert hashlib.sha256(data).hexdigest() in text.replace(" ", "")
    assert images_on_last_page(draft) == 2  # the photo and the scan's first page
    assert PdfReader(io.BytesIO(draft)).attachments == {}  # a draft carries no files

    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.6", "2.7")
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    final = last_document(chat).data
    embedded = PdfReader(io.BytesIO(final)).attachments
    assert sorted(embedded) == [
        "01-berita-acara.jpg",
        "02-berita-acara.pdf",
        "Data-LSP_2026-II.xlsx",
        "data-laporan-A_2026-II.json",
    ]
    for stored_name, (data,) in embedded.items():
        if stored_name[:3] in ("01-", "02-"):
            original = files[stored_name[3:]]
            assert hashlib.sha256(data).hexdigest() == hashlib.sha256(original).hexdigest()
    assert squeezed("berkas aslinya tersimpan utuh di dalam berkas PDF ini") in squeezed(
        pdf_text(final)
    )


@pytest.mark.sqlite_only  # rendering, not storage
def test_a_file_that_cannot_be_pictured_safely_gets_no_picture(chat: Chat) -> None:
    sent_with(chat, ("bomb.png", BOMB), ("loop.pdf", LOOPING_PDF), ("foto.jpg", photo()))
    chat.say("admin", "/draft")
    draft = last_document(chat).data
    text = squeezed(pdf_text(draft))
    assert text.count(squeezed("(pratinjau tidak tersedia)")) == 2
    assert images_on_last_page(draft) == 1  # the real photo's


@pytest.mark.sqlite_only  # rendering, not storage
def test_a_report_without_evidence_has_no_appendix_of_it(chat: Chat) -> None:
    fill(chat, "2.5")
    chat.say("admin", "/draft")
    assert "Lampiran 2. Bukti" not in pdf_text(last_document(chat).data)


@pytest.mark.sqlite_only  # rendering, not storage
def test_pictures_are_data_uris_only(chat: Chat) -> None:
    """The appendix's HTML refers to nothing outside: its only sources are data: URIs made from
    the stored bytes."""
    sent_with(chat, ("foto.jpg", photo()), ("scan.pdf", scan()))
    period = chat.desk.period()
    assert period is not None
    with session_scope(chat.db) as session:
        ctx = chat.desk.context(session, period, kind="draft", prepared_by="Bu Admin")
        files = evidence_files(session, ctx)
    html = evidence_html({**ctx, "files": files})
    sources = [part.split('"', 1)[0] for part in html.split('src="')[1:]]
    assert len(sources) == 2 and all(s.startswith("data:image/jpeg;base64,") for s in sources)


def test_ekspor_bukti_gives_the_files_with_a_manifest_of_their_hashes(chat: Chat) -> None:
    files = {"berita-acara.jpg": photo(), "berita-acara.pdf": scan()}
    sent_with(chat, *files.items())
    reply = chat.say("admin", "/ekspor bukti")
    assert "Semua berkas bukti Semester II Tahun 2026 dalam satu berkas ZIP" in reply
    document = last_document(chat)
    assert document.filename.startswith("Bukti-LSP_2026-II_") and document.filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
        manifest = json.loads(archive.read("MANIFEST.json"))
        readable = archive.read("MANIFEST.txt").decode("utf-8")
        kept = {
            name: archive.read(name) for name in archive.namelist() if name.startswith("bukti/")
        }
    assert sorted(kept) == ["bukti/001-berita-acara.jpg", "bukti/002-berita-acara.pdf"]
    for listed in manifest["files"]:
        data = kept[listed["file"]]
        assert hashlib.sha256(data).hexdigest() == listed["sha256"]
        assert data == files[listed["name"]]
        assert listed["ref"] == "2.5, TUK no. 1" and listed["by"] == "Siti Aminah"
        assert listed["sha256"] in readable
    assert "sha256sum" in readable

    chat.say("admin", "/ekspor")  # the spreadsheet lists the same files
    book = load_workbook(io.BytesIO(last_document(chat).data))
    rows = list(book["Bukti"].iter_rows(values_only=True))
    assert rows[0][:4] == ("No.", "Butir", "Jawaban", "Nama berkas")
    assert {row[7] for row in rows[1:]} == {hashlib.sha256(d).hexdigest() for d in files.values()}


@pytest.mark.sqlite_only  # rendering, not storage
def test_ekspor_bukti_is_for_admins_and_not_on_whatsapp(chat: Chat) -> None:
    sent_with(chat, ("foto.jpg", photo()))
    assert "hanya dapat diminta oleh Manajer Administrasi" in chat.say("siti", "/ekspor bukti")
    assert chat.documents == []
    with session_scope(chat.db) as session:
        admin = queries.member_by_identity(session, key="console:admin")
    assert admin is not None and chat.dispatcher.reports is not None
    on_whatsapp = Message("whatsapp:6281100000001", "/ekspor bukti")
    [reply] = chat.dispatcher.reports.answer("ekspor", "bukti", admin, message=on_whatsapp)
    assert "WhatsApp tidak dapat mengirim berkas ZIP" in reply.text and reply.document is None
    assert "lsp-bot export --evidence --period 2026-II" in reply.text


def test_the_server_exports_the_evidence_too(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in semester_over({}).items():
        monkeypatch.setenv(name, value)
    admin_code = run("init").splitlines()[-1]
    console("admin", f"/start {admin_code}")
    (workdir / "ba.pdf").write_bytes(scan())
    siti = run("invite", "--role", "koordinator_tuk", "--name", "Siti Aminah").splitlines()[-1]
    console("siti", f"/start {siti}", "/menu", "1", *TUK, f"@berkas {workdir / 'ba.pdf'}",
            "selesai", *REST)  # fmt: skip
    code, out = status("export", "--evidence", "--period", "2026-II", "--out", "bukti.zip")
    assert code == 0 and "ZIP" in out
    with zipfile.ZipFile(workdir / "bukti.zip") as archive:
        assert archive.read("bukti/001-ba.pdf") == scan_bytes(workdir)


def scan_bytes(workdir: Path) -> bytes:
    return (workdir / "ba.pdf").read_bytes()


@pytest.mark.sqlite_only  # rendering, not storage
def test_a_final_too_big_for_the_chat_says_where_to_fetch_it(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent_with(chat, ("foto.jpg", photo()))
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.6", "2.7")
    monkeypatch.setattr("bot.reports.commands.CHAT_FILE_LIMIT", 10_000)  # as if 50 MB of photos
    reply = chat.say("admin", "/final")
    assert "versi 1 dibuat" in reply and chat.documents == []
    assert "lebih besar dari yang dapat dikirim lewat chat" in reply
    assert "lsp-bot report get 1 --period 2026-II --out laporan.pdf" in reply
    assert "lsp-bot report get 1 --period 2026-II" in chat.say("admin", "/laporan 1")
    assert chat.documents == []
