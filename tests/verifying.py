"""Helpers for the verification tests: published finals (version 1 replaced by version 2,
both signed with a throwaway CA), the public pages served over real HTTP, and files altered
or forged the way someone might."""

import io
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import select

from bot.server.verify_web import RateLimit, VerificationPages
from bot.server.web import build_web
from render.signing import Pkcs12Signer
from storage.db import session_scope
from storage.models import FinalReport
from tests.helpers import SEMESTER_OVER, Chat, complete_profile
from tests.reporting import fill, last_document, nihil
from tests.test_signing import PASSPHRASE, throwaway_ca

PUBLIC_URL = "https://lsp.smkn3bima.sch.id"
LSP_NAME = "LSP P1 SMK Negeri 3 Kota Bima"
# Everyone who gave data or made the report: none of them may appear on a public page.
PEOPLE = ("Siti Aminah", "Rina Komite", "Dedi Surveilan", "Bu Admin")
ANSWERS = ("TUK Otomotif Terpadu", "TUK Bengkel Otomotif")


@dataclass(frozen=True)
class Published:
    """Two finals of 2026-II: `first` (version 1, replaced) and `second` (the latest)."""

    chat: Chat
    first: bytes
    second: bytes
    codes: tuple[str, str]  # as stored
    shas: tuple[str, str]
    ca: bytes


def publish(chat: Chat, folder: Path) -> Published:
    """Sign finals with a throwaway CA, make version 1, change an answer, make version 2."""
    key_file, ca = throwaway_ca(folder)
    chat.desk.signer = Pkcs12Signer(key_file, PASSPHRASE, "Manajer Administrasi", "Kota Bima")
    chat.desk.public_url = PUBLIC_URL
    complete_profile(chat.db, name=LSP_NAME)
    chat.clock.now = SEMESTER_OVER
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.7")
    nihil(chat, "admin", "2.6")
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    first = last_document(chat).data
    chat.script("siti", ["/menu", "1", "2", "1", "TUK Otomotif Terpadu"])
    assert "versi 2 dibuat" in chat.say("admin", "/final")
    second = last_document(chat).data
    with session_scope(chat.db) as session:
        rows = session.execute(select(FinalReport).order_by(FinalReport.version)).scalars().all()
        codes = (rows[0].verification_code or "", rows[1].verification_code or "")
        shas = (rows[0].pdf_sha256, rows[1].pdf_sha256)
    return Published(chat, first, second, codes, shas, ca)


def one_byte_changed(pdf: bytes) -> bytes:
    """The file with one byte inside its signed range flipped."""
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    return bytes(changed)


def resaved(pdf: bytes) -> bytes:
    """The file opened and saved again by another program (pypdf), its title changed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": "Laporan (disunting)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def forged(number: str, version: int, code: str) -> bytes:
    """A one-page PDF made elsewhere that prints a final's footer, number, version and code."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    sheet.drawString(72, 700, "Laporan Kegiatan LSP (dipalsukan)")
    sheet.setFont("Helvetica", 7)
    sheet.drawString(72, 36, f"{number} · Versi {version} · Sidik data 0123456789ab · "
                             "Halaman 1 dari 1")  # fmt: skip
    sheet.drawString(72, 26, f"Periksa keaslian di lsp.smkn3bima.sch.id/verifikasi dengan kode "
                             f"{code[:5]}-{code[5:]} atau pindai kode QR")  # fmt: skip
    sheet.showPage()
    sheet.save()
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(published: Published, limit: RateLimit | None = None) -> Iterator[str]:
    """The public pages (and /healthz) on a real uvicorn server; its base URL."""
    reports = published.chat.dispatcher.reports
    assert reports is not None
    pages = VerificationPages(reports.verifier, https=True, limit=limit)
    app = build_web(telegram=None, healthy=lambda: True, verification=pages)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:  # uvicorn says when it listens
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
