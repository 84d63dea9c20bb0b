"""Opening the configured database for a command: every way it can fail is one Indonesian line
(a ConfigError), and the schema is upgraded only where the operator asks for it (`lsp-bot init`,
`lsp-bot migrate`), never under a running instance."""

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from bot.server import texts
from bot.server.config import ConfigError, Settings
from storage.db import SchemaState, make_engine, schema_state


def database_url(settings: Settings) -> URL:
    """The configured URL, read (or a ConfigError)."""
    try:
        return make_url(settings.database_url)
    except (ArgumentError, ValueError):
        raise ConfigError(texts.DB_URL_INVALID) from None


def shown(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    """The SQLite file a URL names (None for PostgreSQL or an in-memory database)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser()


def connect(settings: Settings, *, create: bool = False) -> Engine:
    """An engine that has answered a query. With `create` (lsp-bot init) a missing SQLite file
    is made, and its folder too when only the last level is missing (said on standard output);
    otherwise a missing file is a ConfigError saying to run `lsp-bot init`."""
    url = database_url(settings)
    path = sqlite_file(url)
    if path is not None:
        if not create and not path.exists():
            raise ConfigError(texts.DB_NOT_CREATED.format(url=shown(url)))
        if not path.parent.is_dir():
            folder = path.parent.absolute()
            if not path.parent.parent.is_dir():
                raise ConfigError(texts.DB_FOLDER_MISSING.format(folder=folder))
            path.parent.mkdir()
            print(texts.DB_FOLDER_MADE.format(folder=folder))
    try:
        engine = make_engine(settings.database_url)
    except (NoSuchModuleError, ImportError):
        backend = url.get_backend_name()
        if backend != "postgresql":
            raise ConfigError(texts.DB_UNSUPPORTED.format(backend=backend)) from None
        raise ConfigError(texts.DB_DRIVER_MISSING.format(backend=backend)) from None
    try:
        with engine.connect():
            pass
    except OperationalError:
        engine.dispose()
        raise ConfigError(texts.DB_UNREACHABLE.format(url=shown(url))) from None
    return engine


def require_current(engine: Engine) -> None:
    """Refuse a database whose schema is not the one this code was written for."""
    state = schema_state(engine)
    if state.missing:
        raise ConfigError(texts.DB_NOT_CREATED.format(url=shown(engine.url)))
    if state.older:
        raise ConfigError(texts.DB_SCHEMA_OLD.format(current=state.current, head=state.head))
    if state.newer:
        raise ConfigError(texts.DB_SCHEMA_NEW.format(current=state.current, head=state.head))


def open_database(settings: Settings) -> Engine:
    """The engine for a command that uses the data: reachable, and at the current schema."""
    engine = connect(settings)
    try:
        require_current(engine)
    except ConfigError:
        engine.dispose()
        raise
    return engine


def migrate(settings: Settings, *, create: bool = False) -> tuple[Engine, SchemaState]:
    """Create or upgrade the schema to the newest migration; the state found before."""
    from storage.db import upgrade

    engine = connect(settings, create=create)
    before = schema_state(engine)
    if before.newer:
        engine.dispose()
        raise ConfigError(texts.DB_SCHEMA_NEW.format(current=before.current, head=before.head))
    if before.current != before.head:
        upgrade(engine)
    return engine, before
