"""Fixtures: a real database per test, on SQLite and again on this machine's PostgreSQL (each
test that uses `db` runs on both; `@pytest.mark.sqlite_only` keeps a test that reads the SQLite
file itself to SQLite), and a chat against it."""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from sqlalchemy import Engine, text

from render.renderer import Renderer
from storage.db import create_all, make_engine
from tests.helpers import NOW, Chat, Clock

POSTGRES_URL = os.environ.get(
    "LSP_BOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")

# The same examples on every run (a failure seen once is seen again), none kept on disk.
settings.register_profile("lsp-bot", derandomize=True, database=None, deadline=None)
settings.load_profile("lsp-bot")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only: runs on SQLite alone (it reads the SQLite file itself, or the "
        "database plays no part in what it tests)",
    )
    config.addinivalue_line("markers", "slow: starts real lsp-bot processes (seconds each)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS, indirect=True)


@cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used here (None: it can)."""
    try:
        engine = make_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return None


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on."""
    name: str = request.param
    if name == "postgresql" and (problem := postgres_problem()) is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is expected on CI machines ({POSTGRES_URL}): {problem}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL} ({problem}); .ci/run starts it")
    return name


if TYPE_CHECKING:
    from tests.botapi.harness import TelegramBot
    from tests.botapi.server import BotApiStandIn


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database with every table: a SQLite file (WAL), or a PostgreSQL schema of the
    test's own (dropped afterwards)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'lsp-bot.db'}")
        create_all(engine)
        yield engine
        engine.dispose()
        return
    with postgres_schema("t") as engine:
        create_all(engine)
        yield engine


@contextmanager
def empty_database(backend: str, path: Path, prefix: str) -> Iterator[Engine]:
    """A database with no tables yet: a SQLite file at `path`, or a PostgreSQL schema of its
    own (dropped afterwards)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{path}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with postgres_schema(prefix) as engine:
        yield engine


@contextmanager
def postgres_schema(prefix: str) -> Iterator[Engine]:
    """An engine on a new, empty PostgreSQL schema of its own, dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in POSTGRES_URL else "?"
    engine = make_engine(f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


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


# Messages a second to one WhatsApp user, for the stand-in and the bot alike, in tests not
# marked `paced` (Meta allows about one after a short burst; the bot keeps to it, and the
# paced tests check that at that pace nothing is refused).
UNPACED = 50.0


def _pair_rate(request: pytest.FixtureRequest) -> float | None:
    return None if request.node.get_closest_marker("paced") else UNPACED


@pytest.fixture
def graph(request: pytest.FixtureRequest) -> Iterator["GraphStandIn"]:
    """The stand-in Graph API; the test fails if the bot made any request Meta refuses."""
    from tests.graphapi.server import GraphStandIn

    rate = _pair_rate(request)
    standin = (GraphStandIn(pair_rate=rate) if rate else GraphStandIn()).start()
    yield standin
    standin.stop()
    assert standin.violations == [], standin.violations


@pytest.fixture
async def whatsapp(
    request: pytest.FixtureRequest,
    graph: "GraphStandIn",
    db: Engine,
    clock: Clock,
    renderer: Renderer,
) -> AsyncIterator["WhatsAppBot"]:
    """lsp-bot's WhatsApp channel behind the real web server, (nobody registered yet)."""
    from tests.graphapi.harness import whatsapp_bot

    rate = _pair_rate(request)
    paced = {"per_person_rate": rate} if rate else {}
    async with whatsapp_bot(graph, db, clock, renderer, **paced) as bot:
        yield bot
