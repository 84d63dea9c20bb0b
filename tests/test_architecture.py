"""Imports point inward, and the database schema made by the migrations is the models'."""

import ast
import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from storage.db import make_engine, upgrade

ROOT = Path(__file__).parent.parent
ALLOWED = {
    "storage": set(),
    "conversations": {"storage"},
    "render": {"storage"},
    "bot": {"storage", "conversations", "render"},
}
ENGINE_CORE = [
    "commands",
    "engine",
    "turn",
    "turn_base",
    "turn_review",
    "turn_carry",
    "turn_fill",
    "needs",
    "flow",
    "parsing",
    "state",
    "schema",
    "display",
    "texts",
    "events",
]


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", list(ALLOWED))
def test_imports_point_inward(package: str) -> None:
    ours = set(ALLOWED)
    for path in (ROOT / package).rglob("*.py"):
        wrong = (imported_packages(path) & ours) - ALLOWED[package] - {package}
        assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_engine_core_does_no_io() -> None:
    forbidden = {"sqlalchemy", "sqlmodel", "telegram", "os", "socket", "time", "random", "secrets"}
    for name in ENGINE_CORE:
        path = ROOT / "conversations" / f"{name}.py"
        used = imported_packages(path)
        assert not used & forbidden, f"{name}.py imports {used & forbidden}"
        assert "conversations.service" not in path.read_text(encoding="utf-8")


# bot/: a folder per capability, each with the same inner vocabulary; a few shared modules.
CAPABILITIES = ("reports", "members", "certificates", "reminders", "records")
VOCABULARY = {"desk.py", "commands.py", "cli.py", "texts.py"}
BOT_TOP = {"__init__.py", "__main__.py", "admin.py", "dispatcher.py", "texts.py"}
BOT_FOLDERS = {*CAPABILITIES, "channels", "server", "templates", "deploy"}
PLATFORMS = ("telegram", "whatsapp")
# What a platform's folder may take from storage: a clock and names, never a query.
CHANNEL_STORAGE = {"storage.types", "storage.enums"}
DATABASE_PACKAGES = {"sqlalchemy", "sqlmodel", "psycopg", "sqlite3"}
# Modules past ~300 lines, each with its reason.
LONG_MODULES = {
    "bot/channels/telegram/channel.py": "PTB's handlers, buttons and errors, one Application",
    "bot/reports/desk.py": "drafts, finals, the archive and the export share one desk",
    "bot/certificates/checking.py": "every check of an imported row, one per column",
    "conversations/texts.py": "every sentence the conversation says, read and reviewed together",
    "render/pdf.py": "xhtml2pdf's fonts, links and page furniture in one place",
    "storage/models.py": "the conversation's tables, one class each",
    "storage/reminders.py": "the reminder rows' claim protocol: plan, claim, begin, settle",
    "storage/writes.py": "the conversation's writes, one short function each",
}
MAX_LINES = 300


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def test_bot_is_a_map_of_its_capabilities() -> None:
    bot = ROOT / "bot"
    assert {p.name for p in bot.glob("*.py")} <= BOT_TOP
    assert {p.name for p in bot.iterdir() if p.is_dir() and p.name != "__pycache__"} == (
        BOT_FOLDERS
    )
    for capability in CAPABILITIES:
        present = {p.name for p in (bot / capability).glob("*.py")}
        assert present >= VOCABULARY, f"bot/{capability} lacks {VOCABULARY - present}"
    channels = bot / "channels"
    for platform in PLATFORMS:
        assert (channels / platform / "channel.py").exists(), platform
    for shared in ("intake.py", "inbox.py", "order.py", "store.py", "texts.py"):
        assert (channels / shared).exists(), shared


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_platform_folder_translates_and_holds_no_database_code(platform: str) -> None:
    for path in (ROOT / "bot" / "channels" / platform).glob("*.py"):
        used = _imported_modules(path)
        tops = {name.split(".")[0] for name in used}
        assert not tops & DATABASE_PACKAGES, f"{path.name} imports {tops & DATABASE_PACKAGES}"
        ours = {name for name in used if name.split(".")[0] == "storage"}
        assert ours <= CHANNEL_STORAGE, f"{platform}/{path.name} imports {ours - CHANNEL_STORAGE}"
        text = path.read_text(encoding="utf-8")
        assert "session_scope" not in text and "read_scope" not in text, path.name


def test_no_import_cycle() -> None:
    modules: dict[str, Path] = {}
    for package in ALLOWED:
        modules |= _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module in modules:
                    deps.add(node.module)
                deps |= {f"{node.module}.{a.name}" for a in node.names} & set(modules)
        graph[name] = deps - {name}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = [*path[path.index(name) :], name]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_a_long_module_is_an_exception_with_a_reason() -> None:
    long = {
        str(path.relative_to(ROOT))
        for package in ALLOWED
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }
    assert long <= set(LONG_MODULES), f"split these, or give the reason: {long - set(LONG_MODULES)}"
    assert set(LONG_MODULES) <= long, f"no longer long: {set(LONG_MODULES) - long}"


def _schema_differences(url: str) -> list:
    engine = make_engine(url)
    try:
        upgrade(engine)
        upgrade(engine)  # a second run is a no-op
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_migrations_build_the_models_schema_on_sqlite(tmp_path: Path) -> None:
    assert _schema_differences(f"sqlite:///{tmp_path / 'm.db'}") == []


def _postgres_url() -> str | None:
    url = os.environ.get(
        "LSP_BOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    try:
        engine = make_engine(url)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception:
        return None
    return url


def test_migrations_build_the_models_schema_on_postgresql() -> None:
    url = _postgres_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is expected on CI machines at 127.0.0.1:5432")
        pytest.skip("no PostgreSQL reachable")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS lspbot_test CASCADE"))
        connection.execute(text("CREATE SCHEMA lspbot_test"))
    engine.dispose()
    scoped = url + ("&" if "?" in url else "?") + "options=-csearch_path%3Dlspbot_test"
    assert _schema_differences(scoped) == []
