"""Transcripts through WhatsApp: Meta's deliveries posted, signed, to the real web server, and
the bot's messages going to the stand-in Graph API over HTTP, every request checked against
Meta's OpenAPI description and limits (the `graph` fixture fails the test on any breach)."""

import pytest

from bot import texts
from bot.channels import texts as channels_texts
from bot.reports import texts as reports_texts
from storage.enums import Role
from tests.graphapi.harness import WhatsAppBot, texts_of
from tests.graphapi.server import Person
from tests.helpers import stored_answers, submission_status
from tests.reporting import pdf_text

ADMIN = Person("Bu Admin", wa_id="6281100000001", user_id="ID.1000000000000000001")
SITI = Person("Siti Aminah", wa_id="6281100000002", user_id="ID.1000000000000000002")
DEDI = Person("Dedi", user_id="ID.1000000000000000003")  # a username, no phone number shared
STRANGER = Person("Orang Lain", wa_id="6281100000999")


async def test_registration_by_code_and_wa_me_link(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(ADMIN, Role.ADMIN, "Bu Admin")
    text = texts_of(await whatsapp.say(ADMIN, "/undang koordinator_tuk Siti Aminah"))
    assert "https://wa.me/6281138000001?text=%2Fstart%20INVITE01" in text
    welcome = texts_of(await whatsapp.say(SITI, "INVITE01"))  # the bare code as a first message
    assert "Selamat datang, Siti Aminah! Anda terdaftar sebagai Koordinator TUK." in welcome
    again = texts_of(await whatsapp.say(STRANGER, "/start INVITE01"))
    assert "sudah dipakai" in again
    unknown = texts_of(await whatsapp.say(STRANGER, "halo"))
    assert "belum terdaftar" in unknown


async def test_either_key_reaches_the_same_member(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    by_phone = Person("Siti", wa_id=SITI.wa_id)
    by_id = Person("Siti", user_id=SITI.user_id)
    for alias in (by_phone, by_id):
        status = texts_of(await whatsapp.say(alias, "/status"))
        assert "belum terdaftar" not in status and "2.5" in status


@pytest.mark.paced  # a whole section at Meta's pace: nothing the stand-in refuses
@pytest.mark.sqlite_only  # the pace does not depend on the database
async def test_a_section_with_buttons_a_list_typed_answers_and_a_stale_button(
    whatsapp: WhatsAppBot,
) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    menu = await whatsapp.say(SITI, "/menu")
    assert menu[-1].payload["interactive"]["type"] in ("button", "list")
    opened = texts_of(await whatsapp.press(SITI, "2.5"))
    assert "TUK ke-1: Nama TUK" in opened
    await whatsapp.say(SITI, "TUK Bengkel Otomotif")
    kind = await whatsapp.say(SITI, "Jl. Gajah Mada No. 1, Kota Bima")
    old = kind[-1]
    assert old.choices, "the TUK kind is asked with buttons or a list"
    await whatsapp.press(SITI, "Sewaktu")
    await whatsapp.press(SITI, "Terverifikasi")
    wrong = texts_of(await whatsapp.say(SITI, "31-02-2026"))
    assert "Tanggal 31 tidak ada di bulan Februari 2026." in wrong
    assert "TUK ke-1: Tanggal verifikasi TUK" in wrong
    evidence = texts_of(await whatsapp.say(SITI, "12/08/2026"))
    assert "berita acara verifikasi TUK sebagai bukti" in evidence
    await whatsapp.say(SITI, "/lewati")
    await whatsapp.say(SITI, "Skema TKR Level II")
    await whatsapp.say(SITI, "/lewati")
    progress = "Lab direnovasi dan peralatan ditambah. " * 70
    another = await whatsapp.say(SITI, progress.strip())
    assert "Tambah TUK lain?" in texts_of(another)
    await whatsapp.press(SITI, "Tidak")
    plan = "Menambah satu TUK tempat kerja di bengkel mitra industri. " * 50
    review = await whatsapp.say(SITI, plan.strip())
    assert "Ringkasan bagian 2.5" in review[0].text
    assert len(review) >= 2 and all(len(m.text) <= 4096 for m in review)

    stale = await whatsapp.press_on(SITI, old, "Mandiri")
    assert texts_of(stale) == channels_texts.WA_STALE_BUTTON
    stored = stored_answers(whatsapp.db, user_name="Siti Aminah", section="2.5")
    assert stored[(1, "jenis")] == "sewaktu"

    await whatsapp.press(SITI, "Ubah")
    asked = texts_of(await whatsapp.say(SITI, "2"))
    assert "Lokasi (alamat) TUK" in asked
    await whatsapp.say(SITI, "Jl. Sultan Hasanuddin No. 5, Kota Bima")
    done = texts_of(await whatsapp.press(SITI, "Kirim"))
    assert "sudah terkirim" in done
    stored = stored_answers(whatsapp.db, user_name="Siti Aminah", section="2.5")
    assert stored[(1, "lokasi")] == "Jl. Sultan Hasanuddin No. 5, Kota Bima"
    assert stored[(1, "tanggal_verifikasi")] == "2026-08-12"
    assert stored[(0, "rencana")] == plan.strip()
    assert submission_status(whatsapp.db, user_name="Siti Aminah", section="2.5") == "submitted"
    assert api.reads(), "incoming messages are marked read with the typing indicator"


async def test_multiple_choice_by_numbers(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(DEDI, Role.SURVEILAN, "Dedi Surveilan")
    await whatsapp.say(DEDI, "/isi 2.6")
    question = whatsapp.api.screen(DEDI)[-1]
    assert question.kind == "text" and channels_texts.CONSOLE_MULTIPLE in question.text
    following = texts_of(await whatsapp.say(DEDI, "3,4"))
    assert "Jenis sertifikat yang disurveilan" in following
    stored = stored_answers(whatsapp.db, user_name="Dedi Surveilan", section="2.6")
    assert stored[(0, "metode")] == ["kuesioner", "portofolio"]


async def test_draft_arrives_as_a_document_and_is_refused_to_others(
    whatsapp: WhatsAppBot,
) -> None:
    api = whatsapp.api
    await whatsapp.join(ADMIN, Role.ADMIN, "Bu Admin")
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    refused = texts_of(await whatsapp.say(SITI, "/draft"))
    assert refused == reports_texts.REPORT_ADMIN_ONLY
    sent = await whatsapp.say(ADMIN, "/draft")
    document = next(m for m in sent if m.kind == "document")
    assert document.filename and document.filename.startswith("Laporan-Kegiatan-LSP_2026-II_DRAF_")
    assert "Draf Laporan Kegiatan" in document.text
    assert document.document is not None and "DRAF ·" in pdf_text(document.document)
    assert any(r.get("typing_indicator") for r in api.reads())


async def test_what_the_bot_does_not_read(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    for kind, content in (
        ("reaction", {"message_id": "wamid.x", "emoji": "👍"}),
        ("sticker", {"id": "123", "mime_type": "image/webp"}),
        ("location", {"latitude": -8.46, "longitude": 118.72}),
        ("audio", {"id": "124", "mime_type": "audio/ogg", "voice": True}),
    ):
        assert texts_of(await whatsapp.other(SITI, kind, content)) == channels_texts.WA_UNSUPPORTED
    photo = texts_of(await whatsapp.send_file(SITI, "foto.jpg", b"\xff\xd8\xff", "image/jpeg"))
    assert photo == channels_texts.TG_DOCUMENT_NOT_PDF
    pdf = texts_of(await whatsapp.send_file(SITI, "laporan.pdf", b"%PDF-1.4", "application/pdf"))
    assert pdf == texts.DOCUMENT_ADMIN_ONLY
