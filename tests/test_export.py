"""The spreadsheet export: one sheet per section, entries as rows, who/when columns."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from storage.enums import Role
from tests.helpers import Chat
from tests.reporting import fill, last_document


def test_export_has_every_section_with_entries_as_rows(chat: Chat) -> None:
    fill(chat, "2.5", "2.6")
    reply = chat.say("admin", "/ekspor")
    assert "Excel" in reply
    document = last_document(chat)
    assert document.filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(document.data))
    assert book.sheetnames[0] == "Keterangan"
    assert "2.5 Pengembangan dan Verifikasi TUK" not in book.sheetnames  # 35 characters
    assert "2.5 Pengembangan TUK" in book.sheetnames
    assert "3.2 Asesor" in book.sheetnames
    assert "2.2 Pengembangan Skema" in book.sheetnames
    assert len({name.casefold() for name in book.sheetnames}) == len(book.sheetnames)
    sheet = book["2.5 Pengembangan TUK"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    rows = [[cell.value for cell in row] for row in sheet]
    header = rows[0]
    assert header[:5] == ["Anggota", "Peran", "Status", "Tingkat", "No. entri"]
    assert header[-5:] == ["Terakhir diisi oleh", "Kanal", "Waktu (WITA)", "Revisi",
                           "Dikonfirmasi dari semester lalu"]  # fmt: skip
    by_entry = {(row[3], row[4]): dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_entry) == {("bagian", None), ("entri", 1), ("entri", 2)}
    first = by_entry[("entri", 1)]
    assert first["Anggota"] == "Siti Aminah" and first["Status"] == "terkirim"
    assert first["Nama TUK"] == "TUK Bengkel Otomotif"
    assert first["Tanggal verifikasi"].date() == date(2026, 8, 12)
    assert by_entry[("entri", 2)]["Asesi diuji"] == 15
    assert first["Kanal"] == "Konsol"
    assert first["Waktu (WITA)"] == datetime(2026, 11, 24, 10, 0)  # a date-time, in WITA
    assert first["Dikonfirmasi dari semester lalu"] is None  # typed, not carried
    top = by_entry[("bagian", None)]
    assert top["Rencana program semester berikutnya"] == "Menambah 1 TUK"
    assert book.properties.creator == "LSP" and "Semester II Tahun 2026" in (
        book.properties.title or ""
    )


def test_text_that_looks_like_a_formula_stays_text(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", '=HYPERLINK("http://x","klik")', "@SUM(A1:A9)"])
    chat.say("admin", "/ekspor")
    sheet = load_workbook(io.BytesIO(last_document(chat).data))["2.5 Pengembangan TUK"]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert cells['=HYPERLINK("http://x","klik")'] == "s"
    assert cells["@SUM(A1:A9)"] == "s"


def test_a_sheet_of_a_section_nobody_sent_says_whether_it_is_missing_or_nihil(
    chat: Chat,
) -> None:
    chat.say("admin", "/nihil 2.4")
    chat.say("admin", "ya")
    chat.say("admin", "/ekspor")
    book = load_workbook(io.BytesIO(last_document(chat).data))
    assert book["2.6 Surveilan"]["A2"].value == "Bagian ini belum diisi (belum lengkap)."
    assert book["2.4 Cabang LSP"]["C2"].value == "dinyatakan nihil"
    for title in ("Register Sertifikat", "Penerbitan", "Riwayat Register", "Pemeriksaan Silang"):
        assert title in book.sheetnames
    widths = book["Register Sertifikat"].column_dimensions["A"].width
    assert widths >= len("Nomor sertifikat")  # a printed header is not cut
