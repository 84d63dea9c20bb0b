"""Answers are text, never markup: nothing in an answer reaches the network or the disk, and
one odd answer never stops a report from rendering."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from sqlalchemy import select

from render.pdf import html_to_pdf
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, Submission
from storage.types import utcnow
from tests.helpers import Chat
from tests.reporting import fill, fonts, last_document, one_line, pdf_text, squeezed


class Recorder(BaseHTTPRequestHandler):
    """Records every request path and answers with an empty body."""

    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server; its base URL. Requests it receives are in Recorder.paths."""
    Recorder.paths = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_markup_and_urls_in_answers_print_as_text(chat: Chat, server: str) -> None:
    img = f'<img src="{server}/img.png">'
    css = f"<style>@import url({server}/a.css);</style><link rel=stylesheet href={server}/b.css>"
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti <b>Aminah</b>")
    chat.script(
        "siti",
        ["/menu", "1", img, "file:///etc/passwd", "1", "belum", "Skema TKR",
         "5", css, "tidak", "/lewati", "1"],
    )  # fmt: skip
    chat.say("admin", "/draft")
    text = squeezed(pdf_text(last_document(chat).data))
    assert squeezed(img) in text
    assert "file:///etc/passwd" in text
    assert squeezed(f"@import url({server}/a.css);") in text
    assert "Siti<b>Aminah</b>" in text
    assert "root:x:0:0" not in text
    assert Recorder.paths == []


def test_raw_html_cannot_fetch_either(server: str) -> None:
    """Second line of defence: even markup that reached xhtml2pdf fetches nothing."""
    html = (
        f'<html><head><link rel="stylesheet" href="{server}/c.css"></head><body>'
        f'<img src="{server}/x.png"><img src="/etc/passwd"><img src="file:///etc/hostname">'
        "<p>Isi</p></body></html>"
    )
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF")
    assert Recorder.paths == []


ODD_VALUES = {
    "nama": "Ł" + "x" * 3000,  # one unbroken word far wider than its column
    "lokasi": "Bima\x00\x07\x1b[31m ☎️ 🏫 مرحبا 漢字",  # control characters, emoji, RTL, CJK
    "jenis": "bukan_pilihan",  # a choice value the form no longer knows
    "status_verifikasi": ["daftar", "bukan", "teks"],
    "tanggal_verifikasi": "31-02-2026",  # not an ISO date
    "jumlah_asesi": "dua belas",  # text in a number field
    "ruang_lingkup": {"a": 1},
    "perkembangan": "Panjang. " * 600,  # ~5,400 characters of paragraph
}


def test_odd_stored_answers_never_stop_a_report(chat: Chat) -> None:
    fill(chat, "2.5")
    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Answer)
            .join(Submission, Submission.id == Answer.submission_id)
            .where(Submission.section == "2.5", Answer.entry_no == 1)
        ).scalars()
        for answer in rows:
            if answer.field in ODD_VALUES:
                answer.value = ODD_VALUES[answer.field]
                answer.updated_at = utcnow()
        session.commit()
    reply = chat.say("admin", "/draft")
    assert "Draf" in reply
    text = one_line(pdf_text(last_document(chat).data))
    assert "[U+0000]" in text and "[U+6F22][U+5B57]" in text  # shown, never a box
    assert "bukan_pilihan" in text
    assert "dua belas" in text
    assert "31-02-2026" in text
    assert "Panjang. Panjang." in text
    assert "TUK Tata Boga" in text  # the next entry is still there


@pytest.mark.parametrize("stored", [1e23, 1e27, float("inf"), 10**400])
def test_numbers_stored_by_older_versions_never_stop_a_report_or_the_export(
    chat: Chat, stored: object, backend: str
) -> None:
    if backend == "postgresql" and stored == float("inf"):
        pytest.skip("PostgreSQL's JSON cannot hold Infinity, so no older version stored it there")
    fill(chat, "2.5")
    with session_scope(chat.db) as session:
        answer = session.execute(
            select(Answer).where(Answer.field == "jumlah_asesi", Answer.entry_no == 2)
        ).scalar_one()
        answer.value = stored
        session.commit()
    assert "Draf" in chat.say("admin", "/draft")
    assert "Excel" in chat.say("admin", "/ekspor")


def test_names_outside_latin_1_render_with_the_embedded_font(chat: Chat) -> None:
    chat.join("lukasz", Role.KOORDINATOR_TUK, "Łukasz Nowak Şahin")
    fill(chat, "2.4")
    chat.say("admin", "/draft")
    data = last_document(chat).data
    assert "Łukasz Nowak Şahin" in one_line(pdf_text(data))
    # Text extracts as "Ł" only when drawn with a font that has the glyph (Helvetica would
    # print a box); reportlab still names Helvetica as each page's initial, unused font.
    used = fonts(data)
    assert any(name.endswith("+DejaVuSans") for name in used), used
    assert any(name.endswith("+DejaVuSans-Bold") for name in used), used
