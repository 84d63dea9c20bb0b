"""Transcripts through Telegram: a real PTB Application long-polling the stand-in Bot API over
HTTP. Every call the bot makes is checked against the Bot API spec (the `api` fixture fails the
test on any breach); here we check what people see and what was stored."""

import copy

from bot import texts
from bot.channels import texts as channels_texts
from bot.reports import texts as reports_texts
from storage.enums import Role
from tests.botapi.harness import TelegramBot, texts_of
from tests.botapi.server import Person
from tests.helpers import stored_answers, submission_status
from tests.reporting import pdf_text

ADMIN = Person(7001, "Bu", "Admin")
SITI = Person(7002, "Siti", "Aminah")
DEDI = Person(7003, "Dedi")
STRANGER = Person(7999, "Orang", "Lain")


async def test_deep_link_registration_and_command_menus(telegram: TelegramBot) -> None:
    api = telegram.api
    assert [c["command"] for c in api.commands()["all_private_chats"]][:3] == [
        "menu",
        "isi",
        "status",
    ]
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    admin_menu = [c["command"] for c in api.commands()[f"chat:{ADMIN.id}"]]
    assert {"draft", "final", "undang", "tenggat", "ingatkan"} <= set(admin_menu)

    text = texts_of(await telegram.say(ADMIN, "/undang koordinator_tuk Siti Aminah"))
    assert "https://t.me/lsp_uji_bot?start=INVITE01" in text
    # Opening the link makes Telegram send "/start INVITE01" from Siti's account.
    welcome = texts_of(await telegram.say(SITI, "/start INVITE01"))
    assert "Selamat datang, Siti Aminah! Anda terdaftar sebagai Koordinator TUK." in welcome
    assert f"chat:{SITI.id}" not in api.commands()  # no admin menu for a coordinator
    again = texts_of(await telegram.say(STRANGER, "/start INVITE01"))
    assert "sudah dipakai" in again


async def test_tuk_section_with_buttons_a_wrong_answer_review_and_edit(
    telegram: TelegramBot,
) -> None:
    api = telegram.api
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    await telegram.say(SITI, "/menu")
    opened = texts_of(await telegram.press(SITI, "2.5 Pengembangan dan Verifikasi TUK"))
    assert "TUK ke-1: Nama TUK" in opened
    await telegram.say(SITI, "TUK Bengkel Otomotif")
    kind_question = await telegram.say(SITI, "Jl. Gajah Mada No. 1, Kota Bima")
    assert kind_question[-1].buttons[0]["text"] == "TUK Tempat Kerja"
    old_view = copy.deepcopy(kind_question[-1])

    await telegram.press(SITI, "TUK Sewaktu")
    pressed = api.chat(SITI.id)[-2]
    assert pressed.message_id == old_view.message_id
    assert pressed.buttons == [] and pressed.text.endswith(
        "➡️ TUK Sewaktu (disiapkan sementara untuk uji)"
    )

    await telegram.press(SITI, "Terverifikasi")
    wrong = texts_of(await telegram.say(SITI, "31-02-2026"))
    assert "Tanggal 31 tidak ada di bulan Februari 2026." in wrong
    assert "TUK ke-1: Tanggal verifikasi TUK" in wrong  # asked again
    evidence = texts_of(await telegram.say(SITI, "12/08/2026"))
    assert "berita acara verifikasi TUK sebagai bukti" in evidence
    await telegram.say(SITI, "/lewati")
    await telegram.say(SITI, "Skema TKR Level II")
    await telegram.say(SITI, "/lewati")
    progress = "Lab direnovasi dan peralatan ditambah. " * 70
    another = await telegram.say(SITI, progress.strip())
    assert "Tambah TUK lain?" in texts_of(another) and another[-1].buttons
    # Typed instead of pressed: accepted, and the now useless buttons are taken away.
    await telegram.say(SITI, "tidak")
    assert api.chat(SITI.id)[api.chat(SITI.id).index(another[-1])].buttons == []
    plan = "Menambah satu TUK tempat kerja di bengkel mitra industri. " * 50
    review = await telegram.say(SITI, plan.strip())
    assert len(review) >= 2, "a summary over 4,096 characters arrives in pieces"
    assert all(len(m.text or "") <= 4096 for m in review)
    assert [b["text"] for b in review[-1].buttons][:2] == ["Kirim", "Ubah jawaban"]
    assert "Ringkasan bagian 2.5" in review[0].text

    # A stale button (the old 'Jenis TUK' keyboard, as a slow phone still shows it).
    before = len(api.chat(SITI.id))
    await telegram.press_on(SITI, old_view, "TUK Mandiri")
    assert len(api.chat(SITI.id)) == before
    assert api.calls("answerCallbackQuery")[-1].params["text"] == channels_texts.TG_STALE_BUTTON
    assert stored_answers(telegram.db, user_name="Siti Aminah", section="2.5")[(1, "jenis")] == (
        "sewaktu"
    )

    await telegram.press(SITI, "Ubah jawaban")
    asked = texts_of(await telegram.say(SITI, "2"))
    assert "Lokasi (alamat) TUK" in asked
    back = texts_of(await telegram.say(SITI, "Jl. Sultan Hasanuddin No. 5, Kota Bima"))
    assert "Jl. Sultan Hasanuddin No. 5" in back
    done = texts_of(await telegram.press(SITI, "Kirim"))
    assert "sudah terkirim" in done

    stored = stored_answers(telegram.db, user_name="Siti Aminah", section="2.5")
    assert stored[(1, "lokasi")] == "Jl. Sultan Hasanuddin No. 5, Kota Bima"
    assert stored[(1, "tanggal_verifikasi")] == "2026-08-12"
    assert stored[(1, "status_verifikasi")] == "terverifikasi"
    assert stored[(0, "rencana")] == plan.strip()
    assert submission_status(telegram.db, user_name="Siti Aminah", section="2.5") == "submitted"


async def test_multiple_choice_as_check_boxes(telegram: TelegramBot) -> None:
    await telegram.join(DEDI, Role.SURVEILAN, "Dedi Surveilan")
    await telegram.say(DEDI, "/menu")
    question = await telegram.press(DEDI, "2.6 Surveilan")
    assert channels_texts.TG_MULTIPLE in question[-1].text
    await telegram.press(DEDI, "Kunjungan")
    await telegram.press(DEDI, "Kuesioner")
    await telegram.press(DEDI, "Kunjungan")  # unticked again
    await telegram.press(DEDI, "Portofolio")
    boxes = [b["text"] for b in telegram.api.chat(DEDI.id)[-1].buttons]
    assert boxes[2].startswith("☑ ") and boxes[3].startswith("☑ ") and boxes[0].startswith("☐ ")
    following = texts_of(await telegram.press(DEDI, "Selesai"))
    assert "Jenis sertifikat yang disurveilan" in following
    stored = stored_answers(telegram.db, user_name="Dedi Surveilan", section="2.6")
    assert stored[(0, "metode")] == ["kuesioner", "portofolio"]


async def test_draft_arrives_as_a_pdf_document_and_final_is_refused_to_others(
    telegram: TelegramBot,
) -> None:
    api = telegram.api
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    refused = texts_of(await telegram.say(SITI, "/final"))
    assert refused == reports_texts.REPORT_ADMIN_ONLY
    assert api.calls("sendDocument") == []

    sent = await telegram.say(ADMIN, "/draft")
    document = sent[-1].document
    assert document is not None and document.content_type == "application/pdf"
    assert document.filename.startswith("Laporan-Kegiatan-LSP_2026-II_DRAF_")
    assert "Draf Laporan Kegiatan" in (sent[-1].text or "")
    assert "DRAF ·" in pdf_text(document.data)
    actions = [c.params["action"] for c in api.calls("sendChatAction")]
    assert actions and set(actions) == {"upload_document"}

    refusal = texts_of(await telegram.say(ADMIN, "/final"))
    assert "baru dapat dibuat mulai 1 Januari 2027" in refusal


async def test_what_the_bot_does_not_read(telegram: TelegramBot) -> None:
    api = telegram.api
    unknown = texts_of(await telegram.say(STRANGER, "halo"))
    assert "belum terdaftar" in unknown
    before = len(api.chat(-1001234567890))
    await telegram.wait_handled(api.send_in_group(STRANGER, "/menu@lsp_uji_bot"))
    group = api.chat(-1001234567890)[before:]
    assert len(group) == 1 and "chat pribadi" in (group[0].text or "")
    assert "https://t.me/lsp_uji_bot" in (group[0].text or "")
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    photo = texts_of(await telegram.send_file(SITI, "foto.jpg", b"\xff\xd8\xff", "image/jpeg"))
    assert photo == channels_texts.TG_DOCUMENT_NOT_PDF
    pdf = texts_of(await telegram.send_file(SITI, "laporan.pdf", b"%PDF-1.4", "application/pdf"))
    assert pdf == texts.DOCUMENT_ADMIN_ONLY


async def test_a_box_pressed_twice_from_the_same_keyboard_is_no_error(
    telegram: TelegramBot,
) -> None:
    """Two presses carrying the same keyboard (a double tap before the edit arrives, an update
    handled again after a restart): the second edit would change nothing, which Telegram
    refuses as "message is not modified"; that is no failure."""
    import copy

    await telegram.join(DEDI, Role.SURVEILAN, "Dedi Surveilan")
    await telegram.say(DEDI, "/menu")
    await telegram.press(DEDI, "2.6 Surveilan")
    sent, data = telegram.button(DEDI, "Kunjungan")
    before = copy.deepcopy(sent)
    await telegram.wait_handled(telegram.api.press(DEDI, before, data))
    await telegram.wait_handled(telegram.api.press(DEDI, before, data))
    chat = telegram.api.chat(DEDI.id)
    assert not any("Maaf, terjadi gangguan" in (m.text or "") for m in chat)
    assert chat[-1].buttons[0]["text"].startswith("☑ ")
