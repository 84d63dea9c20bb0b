"""The register in the chat: a list sent in Telegram, /templat, /sertifikat, /cabut with Ya/Tidak,
/kedaluwarsa; a non-admin's file is not read."""

from datetime import datetime

from openpyxl import load_workbook

from bot.certificates import texts
from storage.enums import Role
from tests.botapi.harness import TelegramBot, texts_of
from tests.botapi.server import Person
from tests.helpers import Chat
from tests.test_certificates_import import HEADER, row, xlsx

ADMIN = Person(7001, "Bu", "Admin")
SITI = Person(7002, "Siti", "Aminah")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_the_admin_sends_a_list_in_telegram_and_others_are_refused(
    telegram: TelegramBot,
) -> None:
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti")
    clean = xlsx([row(n) for n in range(1, 11)])
    summary = texts_of(await telegram.send_file(ADMIN, "daftar.xlsx", clean, XLSX_TYPE))
    assert summary.startswith("10 sertifikat baru tersimpan sebagai penerbitan 1")
    broken = xlsx([row(20, issued="31-02-2026"), row(21, holder="")])
    listed = texts_of(await telegram.send_file(ADMIN, "rusak.xlsx", broken, XLSX_TYPE))
    assert "ada 2 masalah" in listed
    assert "baris 2, kolom Tgl Terbit: Tanggal 31 tidak ada di bulan Februari 2026." in listed
    assert "baris 3, kolom Nama Asesi: kosong, padahal wajib diisi." in listed
    fetched = len(telegram.api.calls("getFile"))
    refused = texts_of(await telegram.send_file(SITI, "daftar.xlsx", clean, XLSX_TYPE))
    assert refused == texts.IMPORT_ADMIN_ONLY
    assert len(telegram.api.calls("getFile")) == fetched  # nothing of hers was read
    template = await telegram.say(ADMIN, "/templat")
    document = template[-1].document
    assert document is not None and document.filename == "Templat-Daftar-Sertifikat.xlsx"


def test_counts_revocation_and_expiring_in_the_chat(chat: Chat) -> None:
    rows = [row(1), row(2, kind="unit", route="RCC", tuk="TUK Dapur"),
            row(3, issued=datetime(2024, 1, 10), until=datetime(2027, 1, 10), scheme="Tata Boga"),
            row(4, replaces="LSP-P1/SMKN3/2026/0003"),
            row(5, issued=datetime(2024, 2, 1), until=datetime(2027, 2, 1),
                scheme="Tata Boga")]  # fmt: skip
    data = xlsx(rows, header=[*HEADER, "Menggantikan"])
    assert chat.certificates.import_file("d.xlsx", data, by=None, channel="cli").accepted
    counts = chat.say("admin", "/sertifikat")
    assert "Sertifikat terbit pada Semester II Tahun 2026: 3" in counts
    assert "- Kualifikasi (KKNI): 2" in counts and "- Unit kompetensi: 1" in counts
    assert "- RCC: 1" in counts and "- TUK Dapur: 1" in counts
    assert "Sertifikasi ulang: 1" in counts and "Dicabut pada periode ini: 0" in counts
    asked = chat.say("admin", "/cabut LSP-P1/SMKN3/2026/0001 24-11-2026 Memalsukan portofolio")
    assert "Pemegang: Asesi Nomor 1" in asked and "Nomor keputusan pencabutan" in asked
    confirm = chat.say("admin", "SK Ketua LSP No. 7/LSP/XII/2026")
    assert "Cabut sertifikat LSP-P1/SMKN3/2026/0001 milik Asesi Nomor 1" in confirm
    assert "Keputusan: SK Ketua LSP No. 7/LSP/XII/2026" in confirm
    assert "1. Ya, cabut\n2. Tidak" in confirm
    assert "dicabut per 24 November 2026" in chat.say("admin", "ya")
    assert "sudah dicabut sejak 24 November 2026" in chat.say(
        "admin", "/cabut LSP-P1/SMKN3/2026/0001 24-11-2026 lagi"
    )
    chat.say("admin", "/cabut LSP-P1/SMKN3/2026/0002 24-11-2026 Salah cetak")
    chat.say("admin", "/lewati")
    assert "Tidak jadi" in chat.say("admin", "tidak")
    assert "Dicabut pada periode ini: 1" in chat.say("admin", "/sertifikat")
    assert "Nomor sertifikat yang akan dicabut?" in chat.say("admin", "/cabut")
    assert "tidak ada di register" in chat.say("admin", "X-9")
    chat.say("admin", "/batal")
    expiring = chat.say("admin", "/kedaluwarsa")
    assert "habis masa berlakunya dalam 3 bulan ke depan: 1" in expiring
    assert "LSP-P1/SMKN3/2026/0005, Asesi Nomor 5 (Tata Boga): berlaku sampai 1 Februari 2027" in (
        expiring
    )
    assert "0003" not in expiring  # renewed by 0004: nobody needs to re-certify it
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    assert "hanya dapat dikirim oleh Manajer Administrasi" in chat.say("siti", "/sertifikat")


def test_the_template_from_the_chat_explains_every_column(chat: Chat) -> None:
    import io

    assert "Templat daftar sertifikat" in chat.say("admin", "/templat")
    book = load_workbook(io.BytesIO(chat.documents[-1].data))
    guide = [[c.value for c in r] for r in book["Petunjuk"].iter_rows(min_row=2)]
    assert [
        "Tanggal Terbit",
        "wajib",
        "Mis. 24-11-2026, 24/11/2026 atau 24 November 2026.",
    ] in guide
