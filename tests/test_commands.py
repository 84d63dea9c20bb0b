"""Commands are declared once (conversations/commands.py): the dispatcher routes by the registry,
/bantuan lists it, and both chat channels publish their menus from it."""

import re

from bot.server.app import build_dispatcher
from bot.server.config import Settings
from conversations.asides import help_text
from conversations.commands import (
    BY_NAME,
    REGISTRY,
    Audience,
    Command,
    Desk,
    Text,
    UnknownCommand,
    listed,
    parse,
)
from render.renderer import Renderer
from storage.enums import Role
from tests.botapi.harness import TelegramBot
from tests.botapi.server import Person
from tests.graphapi.harness import WhatsAppBot
from tests.helpers import Chat

ADMIN = Person(7101, "Bu", "Admin")


def test_every_name_and_alias_names_one_command_a_platform_accepts() -> None:
    words = [word for spec in REGISTRY for word in (spec.name, *spec.aliases)]
    assert len(words) == len(set(words))
    for spec in REGISTRY:
        # Telegram: 1-32 of a-z, 0-9, _; WhatsApp: up to 30 of letters, digits, _.
        assert re.fullmatch(r"[a-z0-9_]{1,30}", spec.name), spec.name
        assert 3 <= len(spec.description) <= 256, spec.name
        assert "\n" not in spec.description, spec.name
        for word in (spec.name, *spec.aliases):
            assert BY_NAME[word] is spec


def test_a_message_is_parsed_once_into_a_typed_value() -> None:
    assert parse("/Batal@lsp_uji_bot") == Command(BY_NAME["batal"], "")
    assert parse("  /isi   2.5 ") == Command(BY_NAME["isi"], "2.5")
    assert parse("/draft sertifikat 2026-I").argument == "sertifikat 2026-I"
    assert parse("/entah apa") == UnknownCommand("entah", "apa")
    assert parse("ya") == Text("ya")
    assert parse("2/3") == Text("2/3")


def test_every_desk_the_registry_names_answers_in_the_running_bot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from storage.db import create_all, make_engine

    db = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    create_all(db)
    dispatcher = build_dispatcher(db, Renderer(1), Settings(_env_file=None))  # type: ignore[call-arg]
    named = {spec.desk for spec in REGISTRY} - {Desk.CONVERSATION}
    assert set(dispatcher.desks) == named
    db.dispose()


def _listed_lines(text: str) -> list[str]:
    return [line.split(" - ", 1)[0] for line in text.splitlines() if line.startswith("/")]


def test_help_lists_the_registry_to_each_audience(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    admin = chat.say("admin", "/bantuan")
    member = chat.say("siti", "/help")
    assert _listed_lines(admin) == [spec.shown for spec in listed(admin=True)]
    assert _listed_lines(member) == [spec.shown for spec in listed(admin=False)]
    for spec in listed(admin=True):
        line = f"{spec.shown} - {spec.description}"
        assert (line in admin) and ((line in member) == (spec.who is Audience.MEMBERS)), line
    assert admin.startswith(help_text(admin=True).split("\n")[0])
    assert not any(spec.who is Audience.ADMINS for spec in listed(admin=False))


def _menu(specs: tuple) -> list[dict[str, str]]:  # type: ignore[type-arg]
    return [{"command": spec.name, "description": spec.description} for spec in specs]


async def test_telegram_menus_are_the_registry(telegram: TelegramBot) -> None:
    api = telegram.api
    assert api.commands()["all_private_chats"] == _menu(listed(admin=False))
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    assert api.commands()[f"chat:{ADMIN.id}"] == _menu(listed(admin=True))


async def test_the_whatsapp_menu_is_the_registry(whatsapp: WhatsAppBot) -> None:
    menu = whatsapp.api.commands()
    expected = [
        {"command_name": spec.name, "command_description": spec.description}
        for spec in listed(admin=False)
    ]
    assert menu == expected
    assert not whatsapp.api.violations
