"""Transcripts through Telegram: a real PTB Application polling the stand-in Bot API."""

from storage.enums import Role
from tests.botapi.harness import TelegramBot, texts_of
from tests.botapi.server import Person

ADMIN = Person(7001, "Bu", "Admin")
SITI = Person(7002, "Siti", "Aminah")


async def test_deep_link_registration(telegram: TelegramBot) -> None:
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    sent = await telegram.say(ADMIN, "/undang koordinator_tuk Siti Aminah")
    text = texts_of(sent)
    assert "https://t.me/lsp_uji_bot?start=INVITE01" in text
    code = text.split("?start=")[1].split()[0]
    welcome = await telegram.say(SITI, f"/start {code}")
    assert "Selamat datang, Siti Aminah" in texts_of(welcome)
