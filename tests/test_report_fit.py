"""A realistic semester's final, read back by tools nobody here wrote (poppler, pdfplumber):
exact text, nothing outside its cell, metadata, embedded fonts, no missing glyphs, the
watermark out of the text layer, real signatories."""

import io
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from sqlalchemy import Engine, select

from render.renderer import Renderer
from render.typeface import FONTS
from storage.db import create_all, make_engine, session_scope
from storage.models import FinalReport
from tests.helpers import Chat, Clock
from tests.semester import AFTER, EMAIL, NUMBER, SK, URL, populate, semester_db

WORDS = (
    "Asesmen ulang dilaksanakan di TUK dengan pengawasan asesor kompetensi yang ditunjuk oleh "
    "LSP sesuai jadwal yang disepakati bersama pemegang sertifikat. "
)
LONG_NAME = "Dr. Ir. Hj. Siti Nurhaliza Wahyuningsih Kusumawardhani Rahmawati, S.Pd., M.Pd., M.T."


def paragraph(length: int) -> str:
    """A paragraph of real words, `length` characters long."""
    return (WORDS * (length // len(WORDS) + 1))[:length].rstrip()


STRESS = {
    ("rina", "2.2"): {(0, "komite"): paragraph(4000)},
    ("budi", "2.5"): {
        (2, "nama"): "TUK" + "Soekarno-Hatta" * 6,  # one 87-character word
        (2, "lokasi"): "Jl. Soekarno-Hatta " * 10,
        (2, "jenis"): "mandiri",
        (2, "status_verifikasi"): "belum",
        (2, "ruang_lingkup"): paragraph(4000),
        (2, "jumlah_asesi"): 99999,
        (2, "perkembangan"): "Z" * 4000,  # one 4,000-character word
    },
}


def _final(db: Engine, renderer: Renderer) -> tuple[Chat, bytes]:
    chat = Chat(db, Clock(AFTER), renderer)
    reply = chat.say("admin", "/final")
    assert "versi 1 dibuat" in reply, reply
    return chat, chat.documents[-1].data


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory, renderer: Renderer) -> Iterator[bytes]:
    """The final of the realistic semester."""
    db = semester_db(tmp_path_factory.mktemp("real"))
    yield _final(db, renderer)[1]
    db.dispose()


@pytest.fixture(scope="module")
def stressed(tmp_path_factory: pytest.TempPathFactory, renderer: Renderer) -> Iterator[bytes]:
    """The same semester with long words, a long name and 4,000-character paragraphs."""
    db = make_engine(f"sqlite:///{tmp_path_factory.mktemp('stress') / 'lsp-bot.db'}")
    create_all(db)
    populate(db, extra=STRESS)
    with db.begin() as connection:
        connection.exec_driver_sql("UPDATE member SET name = ? WHERE name LIKE 'Budi%'",
                                   (LONG_NAME,))  # fmt: skip
    yield _final(db, renderer)[1]
    db.dispose()


def poppler(tool: str, data: bytes, *args: str, tmp: Path) -> str:
    """The output of a poppler tool on these PDF bytes (the test is skipped without it)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian package poppler-utils)")
    path = tmp / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def test_identifiers_and_answers_extract_exactly_as_stored(
    realistic: bytes, tmp_path: Path
) -> None:
    # -raw: in drawing order, so a cell's wrapped lines come one after another.
    raw = poppler("pdftotext", realistic, "-raw", "-enc", "UTF-8", tmp=tmp_path)
    cover = raw.split("\f")[0].splitlines()
    assert f"Nomor dokumen {NUMBER}" in [line.strip() for line in cover]  # whole, as stored
    joined = raw.replace("\n", "")
    for value in (NUMBER, SK, EMAIL, URL):
        assert value in joined, value
        assert len(value) >= 20  # long enough that the old code split it with a space
    assert "LSP-SMKN3BIM A" not in raw and "II /2026" not in raw
    assert len(SK) == 60


def test_no_character_is_outside_its_cell_or_on_another(stressed: bytes) -> None:
    with pdfplumber.open(io.BytesIO(stressed)) as pdf:
        width = pdf.pages[0].width
        checked = 0
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip() and c["top"] < page.height - 60]
            borders = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
            for char in chars:
                assert char["x0"] > 55 and char["x1"] < width - 50, (page.page_number, char)
                for border in borders:
                    if border["top"] < char["bottom"] - 1 and border["bottom"] > char["top"] + 1:
                        x = border["x0"]
                        assert not (char["x0"] < x - 0.3 and char["x1"] > x + 0.3), (
                            page.page_number, char["text"], char["x0"], x)  # fmt: skip
            _no_overprint(page.page_number, chars)
            checked += len(chars)
    assert checked > 10_000  # the long paragraphs and words were all looked at


def _no_overprint(page: int, chars: list[dict[str, Any]]) -> None:
    """No two characters drawn over each other on one line (text run into a neighbour)."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        lines.setdefault(round(char["top"]), []).append(char)
    for row in lines.values():
        row.sort(key=lambda c: c["x0"])
        for left, right in itertools.pairwise(row):
            overlap = left["x1"] - right["x0"]
            assert overlap < 0.6, (page, left["text"], right["text"], overlap)


def test_the_stressed_report_keeps_every_long_value(stressed: bytes) -> None:
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(stressed)).pages]
    # a value may continue on the next page: leave the footers out when joining pages
    body = [line for page in pages for line in page.splitlines() if "· Halaman" not in line]
    squeezed = "".join("".join(body).split())
    # the 4,000-character word crosses a page, where the table's header row is repeated
    assert sum(len(run) for run in re.findall("Z{200,}", squeezed)) == 4000
    assert "TUK" + "Soekarno-Hatta" * 6 in squeezed
    assert "".join(paragraph(4000).split()) in squeezed
    assert "".join(LONG_NAME.split()) in squeezed


def test_metadata_any_reader_shows(realistic: bytes, tmp_path: Path) -> None:
    info = poppler("pdfinfo", realistic, tmp=tmp_path)
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    assert fields["Title"] == "Laporan Kegiatan dan Program LSP Semester II Tahun 2026"
    assert fields["Author"] == "LSP-P1 SMK Negeri 3 Kota Bima"
    assert NUMBER in fields["Subject"] and "final versi 1" in fields["Subject"]
    assert fields["Metadata Stream"] == "yes"
    reader = PdfReader(io.BytesIO(realistic))
    assert reader.trailer["/Root"]["/Lang"] == "id"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<rdf:li>id</rdf:li>" in xmp and "LSP-P1 SMK Negeri 3 Kota Bima" in xmp


def test_every_font_is_embedded_with_a_tag_of_its_own(realistic: bytes, tmp_path: Path) -> None:
    listing = poppler("pdffonts", realistic, tmp=tmp_path).splitlines()[2:]
    rows = [line.split() for line in listing]
    assert rows and all(row[-5] == "yes" for row in rows), listing  # emb
    assert not any("Helvetica" in row[0] or "Times" in row[0] for row in rows)
    files: dict[str, set[bytes]] = {}
    for font in _fonts(realistic):
        descriptor = font["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        files.setdefault(str(font["/BaseFont"]), set()).add(data)
    assert all(len(subsets) == 1 for subsets in files.values()), {
        name: len(subsets) for name, subsets in files.items()
    }
    tags = {name.split("+")[0] for name in files}
    assert len(tags) == len(files) and "/AAAAAA" not in tags


def _fonts(data: bytes) -> Iterator[Any]:
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_an_emoji_in_a_name_is_drawn_from_the_fallback_font(realistic: bytes) -> None:
    cmaps = {}
    for face, key in (("DejaVuSans", "regular"), ("DejaVuSans-Bold", "bold"),
                      ("NotoEmoji-Regular", "emoji")):  # fmt: skip
        with TTFont(FONTS[key]) as font:
            cmaps[face] = set(font.getBestCmap())
    seen_emoji = 0
    with pdfplumber.open(io.BytesIO(realistic)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                face = char["fontname"].split("+", 1)[-1]
                # every character has a glyph in the font it is drawn with: no .notdef box
                assert all(ord(ch) in cmaps[face] for ch in char["text"]), (char["text"], face)
                seen_emoji += char["text"] == "🔧"
    assert seen_emoji >= 2  # "Budi Santoso, S.T. 🔧" in the team, the table and the trail
    assert "Budi Santoso, S.T. 🔧" in _text(realistic)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_signatures_chapters_and_parts(realistic: bytes) -> None:
    text = " ".join(_text(realistic).split())
    assert "Disusun oleh Siti Rahmah, S.Pd., Manajer Administrasi" in text  # cover
    assert "Kota Bima, 10 Januari 2027" in text
    assert "Mengetahui, Ketua LSP-P1 SMK Negeri 3 Kota Bima" in text  # "LSP" once
    assert "Disusun oleh, Manajer Administrasi" in text
    assert "Drs. H. Ahmad Yani, M.Pd." in text and "NIP 19700101 199501 1 001" in text
    assert "Siti Rahmah, S.Pd." in text and "NIP 19800202 200501 2 002" in text
    assert "Tanggal terbit (data dibekukan) 10 Januari 2027 pukul 10.00 WITA" in text
    assert re.search(r"\b3\. Distribusi", text) is None  # no chapter 3 that is not clause 3
    assert "Distribusi dan Pengesahan" in text
    assert "Dinyatakan nihil: tidak ada kegiatan untuk dilaporkan pada semester ini" in text


def test_a_part_with_only_a_skipped_optional_field_has_no_table(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path)
    _final(db, renderer)
    with session_scope(db) as session:
        snapshot = session.execute(select(FinalReport.snapshot)).scalar_one()
    tuk = next(ch for ch in snapshot["content"]["chapters"] if ch["clause"] == "2.5")
    assert [(c["name"], c["fields"]) for c in tuk["contributions"]] == [
        ("Budi Santoso, S.T. 🔧", []),
        ("Siti Aminah", []),
    ]
    assert len(tuk["table"]["rows"]) == 3


def test_the_draft_watermark_is_not_in_the_text(tmp_path: Path, renderer: Renderer) -> None:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    chat.say("admin", "/draft")
    draft = chat.documents[-1].data
    for page in PdfReader(io.BytesIO(draft)).pages:
        text = page.extract_text() or ""
        # the footer and the cover say DRAF in words; the watermark is outlines, not text
        assert text.count("DRAF") == text.count("DRAF ·") + text.count("DRAF —"), text
    body = _text(draft)
    assert "Lengkap" not in body and "DRAFT" not in body  # one vocabulary, KBBI's "draf"
    assert "lengkap" in body and "dinyatakan nihil" in body
