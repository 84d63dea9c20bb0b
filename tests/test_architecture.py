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
    "engine",
    "turn",
    "turn_base",
    "turn_review",
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
