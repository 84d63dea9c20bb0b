"""The same conversation on PostgreSQL: what works on SQLite must work when the LSP grows."""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from render.renderer import Renderer
from storage.db import make_engine, upgrade
from storage.enums import Role
from tests.helpers import (
    SEMESTER_OVER,
    Chat,
    Clock,
    complete_profile,
    revisions,
    stored_answers,
    submission_status,
)
from tests.reporting import fill
from tests.test_architecture import _postgres_url


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated PostgreSQL schema of our own, dropped afterwards."""
    url = _postgres_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is expected on CI machines at 127.0.0.1:5432")
        pytest.skip("no PostgreSQL reachable")
    schema = "lspbot_conv"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(url + f"?options=-csearch_path%3D{schema}")
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


def test_a_whole_section_on_postgresql(pg: Engine, clock: Clock) -> None:
    chat = Chat(pg, clock)
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", "TUK A", "Jl. A", "1", "1", "12-08-2026", "/lewati",
                         "Skema A"])  # fmt: skip
    chat.say("siti", "5", message_id="42")
    assert chat.say("siti", "5", message_id="42") == ""
    chat.script("siti", ["Baik", "tidak", "/lewati", "kirim", "/menu", "1", "ubah", "1", "TUK B"])
    stored = stored_answers(pg, user_name="Siti", section="2.5")
    assert stored[(1, "nama")] == "TUK B"
    assert stored[(1, "tanggal_verifikasi")] == "2026-08-12"
    assert stored[(1, "jumlah_asesi")] == 5
    assert stored[(0, "rencana")] is None
    assert revisions(pg, field="nama", entry=1) == [(1, None, "TUK A"), (2, "TUK A", "TUK B")]
    assert submission_status(pg, user_name="Siti", section="2.5") == "submitted"


def test_a_final_report_on_postgresql(pg: Engine, clock: Clock, renderer: Renderer) -> None:
    chat = Chat(pg, clock, renderer)
    chat.join("admin", Role.ADMIN, "Bu Admin")
    complete_profile(pg)
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.6", "2.7")
    clock.now = SEMESTER_OVER
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    first = chat.documents[-1].data
    chat.say("admin", "/laporan 1")
    assert chat.documents[-1].data == first
    assert "Data tidak berubah" in chat.say("admin", "/final")


def test_a_connection_the_server_closed_is_replaced_unseen(
    pg: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pooled connection back from a rest is tried first: one PostgreSQL closed meanwhile (a
    restart, an idle timeout) is replaced instead of failing a member's message."""
    import storage.db

    with pg.connect() as connection:
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    admin = make_engine(_postgres_url() or "")
    with admin.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()
    monkeypatch.setattr(storage.db, "REST", 0.0)  # as if it had rested for a while
    with pg.connect() as connection:
        again = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    assert again != pid
