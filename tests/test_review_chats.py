"""The review over Telegram and WhatsApp, through the Bot API and Graph stand-ins: a coordinator
attaches a photo and a PDF to 2.5 (a program renamed .jpg and a file over the limit refused);
the admin opens /periksa with buttons and returns the verification date with a note; the
coordinator is told in her chat by the reminder sender, with a Perbaiki button, fixes exactly
that answer in three messages and sends again; the admin accepts."""

import hashlib
import io
import json
import zipfile
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from bot.channels.telegram.application import sending_application
from bot.channels.telegram.push import TelegramPusher
from bot.reminders.desk import ReminderDesk
from conversations.files import MAX_BYTES
from render.renderer import Renderer
from storage.enums import Role
from tests.botapi.harness import TelegramBot
from tests.botapi.records import BOT
from tests.botapi.server import TOKEN
from tests.botapi.server import Person as TelegramPerson
from tests.conftest import UNPACED
from tests.graphapi.harness import WhatsAppBot, texts_of, until, whatsapp_bot
from tests.graphapi.server import GraphStandIn
from tests.graphapi.server import Person as WhatsAppPerson
from tests.helpers import Clock, complete_profile
from tests.reporting import pdf_text
from tests.test_evidence import JPEG, NOT_A_PHOTO, PDF
from tests.test_reports import SEMESTER_OVER
from tests.test_review import NOTE, REST, TUK, status

TG_ADMIN, TG_SITI = TelegramPerson(7501, "Bu", "Admin"), TelegramPerson(7502, "Siti")
WA_ADMIN = WhatsAppPerson("Bu Admin", wa_id="6281100000001", user_id="ID.1000000000000000001")
WA_SITI = WhatsAppPerson("Siti Aminah", wa_id="6281100000002", user_id="ID.1000000000000000002")


def tg(sent: list[Any]) -> str:
    return "\n\n".join(message.text or "" for message in sent)


@pytest.mark.sqlite_only  # the channels' part; the console tests run on both databases
async def test_telegram_return_fix_and_accept(telegram: TelegramBot) -> None:
    await telegram.join(TG_ADMIN, Role.ADMIN, "Bu Admin")
    await telegram.join(TG_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    complete_profile(telegram.db)
    await telegram.say(TG_SITI, "/menu")
    await telegram.press(TG_SITI, "2.5")
    for line in TUK:
        asked = await telegram.say(TG_SITI, line)
    assert "Kirim foto atau pindaian berita acara" in tg(asked)
    assert "✓ Bukti tersimpan" in tg(await telegram.send_photo(TG_SITI, JPEG))
    refused = await telegram.send_file(TG_SITI, "foto.jpg", NOT_A_PHOTO, "image/jpeg")
    assert "bukan foto (JPEG/PNG) atau PDF" in tg(refused)
    big = await telegram.send_file(TG_SITI, "besar.pdf", b"%PDF-" + b"0" * MAX_BYTES,
                                   "application/pdf")  # fmt: skip
    assert "terlalu besar" in tg(big)
    assert "2 halaman" in tg(await telegram.send_file(TG_SITI, "ba.pdf", PDF, "application/pdf"))
    for line in ["selesai", *REST]:
        done = await telegram.say(TG_SITI, line)
    assert "sudah terkirim" in tg(done)

    listed = await telegram.say(TG_ADMIN, "/periksa")
    assert "Bagian terkirim yang belum diperiksa (1)" in tg(listed)
    opened = await telegram.press(TG_ADMIN, "2.5 Siti Aminah")
    assert "foto-" in tg(opened) and "ba.pdf (PDF" in tg(opened)
    assert [b["text"] for b in opened[-1].buttons] == ["Terima", "Kembalikan", "Daftar"]
    await telegram.press(TG_ADMIN, "Kembalikan")
    await telegram.say(TG_ADMIN, "5")
    returned = await telegram.say(TG_ADMIN, NOTE)
    assert "dikembalikan ke Siti Aminah" in tg(returned)

    before = len(telegram.api.chat(TG_SITI.id))
    application = sending_application(TOKEN, telegram.api.url)
    async with application:
        pusher = TelegramPusher(application.bot, BOT["username"], per_chat_gap=0.0)
        await ReminderDesk(telegram.db, clock=telegram.clock).run(pusher)
    [notice] = telegram.api.chat(TG_SITI.id)[before:]
    assert "dikembalikan oleh Bu Admin untuk diperbaiki" in notice.text and NOTE in notice.text
    assert "Yang perlu diperbaiki: TUK ke-1: Tanggal verifikasi." in notice.text
    assert [b["text"] for b in notice.buttons] == ["↩️ Perbaiki 2.5"]

    fix = await telegram.press_on(TG_SITI, notice, "Perbaiki")  # 1
    assert "TUK ke-1: Tanggal verifikasi TUK" in tg(fix)
    reviewed = await telegram.say(TG_SITI, "14-08-2026")  # 2
    assert "5. Tanggal verifikasi: 14 Agustus 2026" in tg(reviewed)
    sent = await telegram.press(TG_SITI, "Kirim")  # 3
    assert "sudah terkirim" in tg(sent)

    await telegram.say(TG_ADMIN, "/periksa")
    await telegram.press(TG_ADMIN, "2.5 Siti Aminah")
    accepted = await telegram.press(TG_ADMIN, "Terima")
    assert "diterima" in tg(accepted)
    assert status(telegram.db)[0] == "accepted"

    # The semester over, the admin's own sections nihil: the final carries both files.
    telegram.clock.now = SEMESTER_OVER
    for key in ("2.2", "2.3", "2.4", "2.6", "2.7"):
        await telegram.say(TG_ADMIN, f"/nihil {key}")
        await telegram.press(TG_ADMIN, "Ya")
    made = await telegram.say(TG_ADMIN, "/final")
    [final] = [m.document for m in made if m.document is not None]
    embedded = PdfReader(io.BytesIO(final.data)).attachments
    evidence = [data for name, (data,) in embedded.items() if name[:2].isdigit()]
    assert {hashlib.sha256(d).hexdigest() for d in evidence} == {
        hashlib.sha256(JPEG).hexdigest(),
        hashlib.sha256(PDF).hexdigest(),
    }
    assert "Lampiran 2. Bukti" in pdf_text(final.data)
    zipped = await telegram.say(TG_ADMIN, "/ekspor bukti")
    [archive] = [m.document for m in zipped if m.document is not None]
    with zipfile.ZipFile(io.BytesIO(archive.data)) as opened_zip:
        manifest = json.loads(opened_zip.read("MANIFEST.json"))
        for item in manifest["files"]:
            data = opened_zip.read(item["file"])
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert len(manifest["files"]) == 2


@pytest.mark.sqlite_only  # the channels' part; the console tests run on both databases
async def test_whatsapp_return_fix_and_accept(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(WA_ADMIN, Role.ADMIN, "Bu Admin")
    await whatsapp.join(WA_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    for line in ["/menu", "1", *TUK]:
        await whatsapp.say(WA_SITI, line)
    assert "✓ Bukti tersimpan" in texts_of(await whatsapp.send_image(WA_SITI, JPEG))
    for line in ["selesai", *REST]:
        done = await whatsapp.say(WA_SITI, line)
    assert "sudah terkirim" in texts_of(done)

    await whatsapp.say(WA_ADMIN, "/periksa")
    opened = await whatsapp.press(WA_ADMIN, "2.5 Siti Aminah")
    titles = [title for title, _id in opened[-1].choices]
    assert titles == ["Terima", "Kembalikan", "Daftar"]
    await whatsapp.press(WA_ADMIN, "Kembalikan")
    await whatsapp.say(WA_ADMIN, "5")
    await whatsapp.say(WA_ADMIN, NOTE)

    before = len(whatsapp.api.screen(WA_SITI))
    await ReminderDesk(whatsapp.db, clock=whatsapp.clock).run(whatsapp.channel.pusher)
    [notice] = whatsapp.api.screen(WA_SITI)[before:]
    assert NOTE in notice.text and "Perbaiki" in notice.choices[0][0]
    await whatsapp.press_on(WA_SITI, notice, "Perbaiki")  # 1
    await whatsapp.say(WA_SITI, "14-08-2026")  # 2
    sent = await whatsapp.press(WA_SITI, "Kirim")  # 3
    assert "sudah terkirim" in texts_of(sent)
    await whatsapp.say(WA_ADMIN, "/periksa")
    await whatsapp.press(WA_ADMIN, "2.5 Siti Aminah")
    assert "diterima" in texts_of(await whatsapp.press(WA_ADMIN, "Terima"))
    assert status(whatsapp.db)[0] == "accepted"


@pytest.mark.sqlite_only  # the channels' part; the console tests run on both databases
async def test_the_owner_is_told_at_once_by_the_running_bot(
    graph: GraphStandIn, db: Engine, clock: Clock, renderer: Renderer
) -> None:
    """With `lsp-bot run`'s reminder scheduler (its tick an hour away), a return wakes it: the
    notice reaches the owner without waiting for the tick."""
    desk = ReminderDesk(db, clock=clock)
    async with whatsapp_bot(graph, db, clock, renderer, reminders=desk,
                            per_person_rate=UNPACED) as bot:  # fmt: skip
        await bot.join(WA_ADMIN, Role.ADMIN, "Bu Admin")
        await bot.join(WA_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
        for line in ["/menu", "1", *TUK, "/lewati", *REST]:
            await bot.say(WA_SITI, line)
        for line in ["/periksa", "1", "Kembalikan", "5", NOTE]:
            await bot.say(WA_ADMIN, line)
        await until(lambda: any(NOTE in m.text for m in graph.screen(WA_SITI)),
                    what="the notice of the return")  # fmt: skip
