"""Engine, sessions and schema set-up."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import storage.tables  # noqa: F401  (every table on the metadata create_all and checks use)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# The newest migration; tests check it is Alembic's head, so commands can compare a database's
# revision with it without loading every migration script.
SCHEMA_HEAD = "0016"


class SchemaState(NamedTuple):
    """A database's schema revision (None: no lsp-bot schema) beside the one this code needs."""

    current: str | None
    head: str = SCHEMA_HEAD

    @property
    def missing(self) -> bool:
        return self.current is None

    @property
    def older(self) -> bool:
        return self.current is not None and self.current < self.head

    @property
    def newer(self) -> bool:
        return self.current is not None and self.current > self.head


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite files get WAL, foreign keys and a busy timeout
    (the file's directory must exist: nothing is created where a mistyped URL points)."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        turn = _WriterTurn()
        event.listen(engine, "begin", turn.begin)
        event.listen(engine, "commit", turn.end)
        event.listen(engine, "rollback", turn.end)
        return engine
    engine = create_engine(url, **kwargs)
    event.listen(engine, "checkin", _rested)
    event.listen(engine, "checkout", _alive_after_rest)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "before_cursor_execute", _no_nul_in_text, retval=True)
    return engine


# A connection back from the pool after a rest is tried first (a database restarted meanwhile
# closed it). Trying every one (pool_pre_ping) is a round trip per transaction: under load on
# PostgreSQL, a quarter of the time (bench/load.py --database).
REST = 10.0  # s
_RESTED_AT = "lsp_bot_rested_at"


def _rested(_dbapi_connection: Any, record: Any) -> None:
    record.info[_RESTED_AT] = time.monotonic()


def _alive_after_rest(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    rested = record.info.get(_RESTED_AT)
    if rested is None or time.monotonic() - rested < REST:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
    except Exception as error:  # the pool drops it and connects again
        raise DisconnectionError(str(error)) from error


NUL, REPLACEMENT = "\x00", "\ufffd"


def _no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT) if NUL in value else value
    if isinstance(value, dict):
        return {key: _no_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_no_nul(item) for item in value)
    return value


def _no_nul_in_text(
    _connection: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    # PostgreSQL's text cannot hold NUL ("PostgreSQL text fields cannot contain NUL"); SQLite's
    # can. A NUL typed into a name or a command argument is never meaningful: it is stored as
    # U+FFFD there. (Answers are JSON, which writes NUL as \u0000 and keeps it.)
    return statement, _no_nul(parameters)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")  # under load, wait for the writer: never fail
    cursor.close()


class _WriterTurn:
    """SQLite has one writer at a time. Every transaction takes the write lock at its start
    (BEGIN IMMEDIATE: one that reads and then writes can then wait for another writer instead
    of failing with "database is locked"). Threads of this process first take turns on a lock
    of their own, so they are woken the moment the writer before them commits, instead of
    sleeping in SQLite's busy handler (1, 2, 5 ... 100 ms naps: seconds under load). Another
    process (a CLI command, a backup) is still waited for by busy_timeout."""

    HELD = "lsp_bot_writer_turn"
    PATIENCE = 30.0  # s: after that, go on and let busy_timeout decide (never stuck for ever)

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def begin(self, connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")  # WAL: readers never wait for the writer
            return
        held = self.lock.acquire(timeout=self.PATIENCE)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            if held:
                self.lock.release()
            raise
        if held:
            connection.info[self.HELD] = True

    def end(self, connection: Any) -> None:
        if connection.info.pop(self.HELD, False):
            self.lock.release()


READ_ONLY = "lsp_bot_read_only"


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A session that only reads: on SQLite it neither takes nor waits for the write lock."""
    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction the caller commits; rolled back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration.

    On SQLite, Alembic's batch mode rebuilds a table to alter it (copy, drop, rename); with
    foreign keys enforced, dropping a table other rows point at fails. So they are switched off
    for the migration (SQLite allows that only outside a transaction), checked after it inside
    the same transaction, and switched on again."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def schema_state(engine: Engine) -> SchemaState:
    """Which migration the database is at (read from Alembic's table, without loading Alembic)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return SchemaState(None)
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(current)


def create_all(engine: Engine) -> None:
    """Create every table straight from the models (tests and benchmarks), stamped as the
    newest migration (the schemas are the same: tests/test_architecture.py)."""
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (registers the tables)

    SQLModel.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL,"
                " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(
            text("INSERT INTO alembic_version VALUES (:head)"), {"head": SCHEMA_HEAD}
        )
