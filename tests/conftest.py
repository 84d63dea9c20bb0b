"""Fixtures: a real, migrated SQLite database per test and a chat against it."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine

from render.renderer import Renderer
from storage.db import create_all, make_engine
from tests.helpers import NOW, Chat, Clock

if TYPE_CHECKING:
    from tests.botapi.harness import TelegramBot
    from tests.botapi.server import BotApiStandIn


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    """A fresh SQLite file (WAL) with every table."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lsp-bot.db'}")
    create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    """Time stands at 24 November 2026 10:00 WITA until a test moves it."""
    return Clock(NOW)


@pytest.fixture(scope="session")
def renderer() -> Iterator[Renderer]:
    """One pool of rendering processes for the whole test run."""
    pool = Renderer(2)
    yield pool
    pool.close()


@pytest.fixture
def chat(db: Engine, clock: Clock, renderer: Renderer) -> Chat:
    """A chat with an admin already registered as console:admin."""
    from storage.enums import Role

    chat = Chat(db, clock, renderer)
    chat.join("admin", Role.ADMIN, "Bu Admin")
    return chat


@pytest.fixture
def api() -> Iterator["BotApiStandIn"]:
    """The stand-in Bot API; the test fails if the bot made any call the spec refuses."""
    from tests.botapi.server import BotApiStandIn

    standin = BotApiStandIn().start()
    yield standin
    standin.stop()
    assert standin.violations == [], standin.violations


@pytest.fixture
async def telegram(
    api: "BotApiStandIn", db: Engine, clock: Clock, renderer: Renderer
) -> AsyncIterator["TelegramBot"]:
    """lsp-bot's Telegram Application polling the stand-in, (nobody registered yet)."""
    from tests.botapi.harness import polling_bot

    async with polling_bot(api, db, clock, renderer) as bot:
        yield bot


if TYPE_CHECKING:
    from tests.graphapi.harness import WhatsAppBot
    from tests.graphapi.server import GraphStandIn


@pytest.fixture
def graph() -> Iterator["GraphStandIn"]:
    """The stand-in Graph API; the test fails if the bot made any request Meta refuses."""
    from tests.graphapi.server import GraphStandIn

    standin = GraphStandIn().start()
    yield standin
    standin.stop()
    assert standin.violations == [], standin.violations


@pytest.fixture
async def whatsapp(
    graph: "GraphStandIn", db: Engine, clock: Clock, renderer: Renderer
) -> AsyncIterator["WhatsAppBot"]:
    """lsp-bot's WhatsApp channel behind the real web server, (nobody registered yet)."""
    from tests.graphapi.harness import whatsapp_bot

    async with whatsapp_bot(graph, db, clock, renderer) as bot:
        yield bot
