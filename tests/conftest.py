"""Fixtures: a real, migrated SQLite database per test and a chat against it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from render.renderer import Renderer
from storage.db import create_all, make_engine
from tests.helpers import NOW, Chat, Clock


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
