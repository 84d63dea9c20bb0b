"""Upgrading keeps everything: a database made by each earlier revision, with rows in every
table it has, is migrated to the newest schema on SQLite and on PostgreSQL, and every value of
every row is still there afterwards."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from storage.db import MIGRATIONS_DIR, SCHEMA_HEAD, schema_state, upgrade
from tests.conftest import empty_database

ROWS = 3
# Tables a migration retired, and why what they held needs no keeping.
RETIRED = {
    "pending_revocation": "0011: a revocation waiting for Ya/Tidak (forgotten after 30 minutes) "
    "now waits in the conversation state; an old one must not be confirmed by a later 'ya'",
}


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_the_schema_head_constant_is_alembics_head() -> None:
    assert revisions()[-1] == SCHEMA_HEAD
    assert ScriptDirectory.from_config(_config()).get_current_head() == SCHEMA_HEAD


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (no tables) on the backend."""
    with empty_database(backend, tmp_path / "alt.db", "m") as engine:
        yield engine


def _upgrade_to(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _value(column: sa.Column[Any], table: str, row: int, parents: dict[str, list[Any]]) -> Any:
    """A value of the column's type for row `row`, distinct per row, pointing at a parent row
    where the column is a foreign key."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        if target.table.name == table and column.nullable:  # a row naming one of its own table
            return None
        choices = parents[f"{target.table.name}.{target.name}"]
        return choices[row % len(choices)]
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return row % 2 == 0
    if isinstance(kind, sa.Integer):
        return row + 1
    if isinstance(kind, sa.Float | sa.Numeric):
        return row + 0.5
    if isinstance(kind, sa.DateTime):
        moment = datetime(2026, 7, 1, 9, 30, tzinfo=UTC) + timedelta(days=row, seconds=row)
        return moment if kind.timezone else moment.replace(tzinfo=None)
    if isinstance(kind, sa.Date):
        return date(2026, 7, 1) + timedelta(days=row)
    if isinstance(kind, sa.JSON):
        return {"baris": row, "nilai": ["a", row], "teks": "Ç é ✓"}
    if isinstance(kind, sa.LargeBinary):
        return bytes([row]) * 16
    word = f"{table}.{column.name}.{row}-é"
    length = getattr(kind, "length", None)
    return word[-length:] if length else word


def fill(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Rows in every table (parents first); what was stored, read back."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    parents: dict[str, list[Any]] = {}
    stored: dict[str, list[dict[str, Any]]] = {}
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [
                {c.name: _value(c, table.name, i, parents) for c in table.columns}
                for i in range(ROWS)
            ]
            connection.execute(table.insert(), rows)
            for column in table.columns:
                parents[f"{table.name}.{column.name}"] = [row[column.name] for row in rows]
            order = [c for c in table.primary_key.columns] or list(table.columns)
            stored[table.name] = [
                dict(r._mapping) for r in connection.execute(table.select().order_by(*order))
            ]
    return stored


@pytest.mark.parametrize("start", revisions()[:-1])
def test_every_earlier_revision_with_rows_upgrades_without_loss(empty: Engine, start: str) -> None:
    _upgrade_to(empty, start)
    before = fill(empty)
    assert before and all(len(rows) == ROWS for rows in before.values())

    upgrade(empty)

    assert schema_state(empty).current == SCHEMA_HEAD
    metadata = sa.MetaData()
    metadata.reflect(empty)
    with empty.connect() as connection:
        for name, rows in before.items():
            if name in RETIRED:
                assert name not in metadata.tables, name
                continue
            table = metadata.tables[name]
            order = [c for c in table.primary_key.columns] or [table.c[k] for k in rows[0]]
            kept = [dict(r._mapping) for r in connection.execute(table.select().order_by(*order))]
            assert len(kept) == len(rows), name
            for old, new in zip(rows, kept, strict=True):
                assert {k: new[k] for k in old} == old, name
