"""The spreadsheet export: one sheet per section, entries as rows, who/when columns."""

import io
from datetime import date

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
    assert "2.5 Pengembangan dan Verifikasi" in book.sheetnames
    assert "3.2 Perkembangan Asesor dan" in book.sheetnames
    rows = [[cell.value for cell in row] for row in book["2.5 Pengembangan dan Verifikasi"]]
    header = rows[0]
    assert header[:4] == ["Anggota", "Peran", "Status", "Entri"]
    assert header[-4:] == ["Terakhir diisi oleh", "Kanal", "Waktu (WITA)", "Revisi"]
    by_entry = {row[3]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_entry) == {"umum", 1, 2}
    first = by_entry[1]
    assert first["Anggota"] == "Siti Aminah" and first["Status"] == "dikirim"
    assert first["Nama TUK"] == "TUK Bengkel Otomotif"
    assert first["Tanggal verifikasi"].date() == date(2026, 8, 12)
    assert by_entry[2]["Asesi diuji"] == 15
    assert first["Kanal"] == "Konsol" and first["Waktu (WITA)"] == "24-11-2026 10.00 WITA"
    assert by_entry["umum"]["Rencana program semester berikutnya"] == "Menambah 1 TUK"


def test_text_that_looks_like_a_formula_stays_text(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", '=HYPERLINK("http://x","klik")', "@SUM(A1:A9)"])
    chat.say("admin", "/ekspor")
    sheet = load_workbook(io.BytesIO(last_document(chat).data))["2.5 Pengembangan dan Verifikasi"]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert cells['=HYPERLINK("http://x","klik")'] == "s"
    assert cells["@SUM(A1:A9)"] == "s"
