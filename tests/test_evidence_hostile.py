"""Hostile files sent as evidence: each is refused by its bytes or kept as it is, and neither the
conversation nor a report fails over it (a PNG that would inflate to gigabytes, a PDF with
JavaScript and an endless object loop, a ZIP renamed .pdf, nothing at all, too many files)."""

import struct
import zlib

from sqlalchemy import func, select

from storage.db import session_scope
from storage.enums import Role
from storage.evidence import Evidence
from tests.helpers import Chat
from tests.reporting import pdf_text
from tests.test_evidence import JPEG
from tests.test_hostile import APOLOGY


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A 50,000 x 50,000 PNG whose pixels are a few kilobytes of zeros compressed: 7.5 GB unpacked.
HEADER = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
PIXELS = zlib.compress(b"\x00" * 2_000_000, 9)
BOMB = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", HEADER) + _chunk(b"IDAT", PIXELS)
        + _chunk(b"IEND", b""))  # fmt: skip
LOOPING_PDF = (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n"
               b"2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"
               b"3 0 obj << /S /JavaScript /JS (app.alert('x')) >> endobj\n"
               b"xref\n0 4\ntrailer << /Root 1 0 R >>\n%%EOF\n")  # fmt: skip
ZIP_AS_PDF = b"PK\x03\x04" + b"\x00" * 200


def test_hostile_files_are_refused_or_kept_and_reports_still_render(chat: Chat) -> None:
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    chat.script("budi", ["/menu", "1", "MET.000.001234 2019", "31-12-2028"])
    replies = {
        "bomb.png": chat.send_file("budi", "bomb.png", BOMB),
        "loop.pdf": chat.send_file("budi", "loop.pdf", LOOPING_PDF),
        "arsip.pdf": chat.send_file("budi", "arsip.pdf", ZIP_AS_PDF),
        "kosong.jpg": chat.send_file("budi", "kosong.jpg", b""),
    }
    assert all(APOLOGY not in reply for reply in replies.values())
    assert "✓ Bukti tersimpan: bomb.png" in replies["bomb.png"]  # kept as bytes, never decoded
    assert "✓ Bukti tersimpan: loop.pdf" in replies["loop.pdf"]
    assert "bukan foto (JPEG/PNG) atau PDF" in replies["arsip.pdf"]
    assert "kosong" in replies["kosong.jpg"]
    many = [  # many files: the answer takes five, then the form goes on
        chat.send_file("budi", f"foto-{number}.jpg", JPEG + bytes([number])) for number in range(10)
    ]
    assert all(APOLOGY not in reply for reply in many)
    assert "Sudah 5 berkas" in many[2] and "Ruang lingkup kompetensi" in many[2]
    assert all("Berkas hanya diterima saat bot meminta bukti." in reply for reply in many[3:])
    with session_scope(chat.db) as session:
        kept = session.execute(select(func.count()).select_from(Evidence)).scalar_one()
    assert kept == 5
    chat.script("budi", ["TKRO", "25", "tidak", "/lewati", "kirim"])
    for command in ("/draft", "/draft sertifikat"):
        assert "Draf" in chat.say("admin", command)
    text = pdf_text(chat.documents[-1].data)
    assert "bomb.png" in text and "loop.pdf" in text
