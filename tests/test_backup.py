"""`lsp-bot backup` while people keep answering, and `lsp-bot restore` of what it made."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from storage.db import session_scope
from storage.enums import Role
from storage.models import AnswerRevision
from tests.helpers import Chat


def lsp_bot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'lsp-bot.db'}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def revisions(db: Engine) -> int:
    with session_scope(db) as session:
        return int(session.execute(select(func.count()).select_from(AnswerRevision)).scalar_one())


@pytest.mark.sqlite_only
def test_a_backup_taken_while_answers_are_written_is_whole_and_restores(
    chat: Chat, db: Engine, tmp_path: Path
) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    writing = threading.Event()
    stop = threading.Event()

    def keep_answering() -> None:
        chat.say("siti", "/isi 2.5")
        number = 0
        while not stop.is_set():
            number += 1
            chat.say("siti", f"TUK Sewaktu {number}")
            chat.say("siti", "/batal")
            chat.say("siti", "/isi 2.5")
            writing.set()

    writer = threading.Thread(target=keep_answering)
    writer.start()
    try:
        writing.wait(30)
        first = lsp_bot(tmp_path, "backup", "--out", str(tmp_path / "cadangan.db"))
    finally:
        stop.set()
        writer.join()
    assert first.returncode == 0, first.stderr
    copy = Path(first.stdout.splitlines()[-1])
    assert copy == tmp_path / "cadangan.db" and "Cadangan basis data tersimpan" in first.stdout
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    in_copy = count(copy, "answer_revision")
    assert 0 < in_copy <= revisions(db)
    assert count(copy, "member") == 2

    # The same name twice is refused, not overwritten.
    again = lsp_bot(tmp_path, "backup", "--out", str(copy))
    assert again.returncode == 1 and "sudah ada" in again.stderr

    # Restore: refused over a live database without --replace; with it, the old one is kept.
    chat.join("dedi", Role.SURVEILAN, "Dedi")
    db.dispose()
    refused = lsp_bot(tmp_path, "restore", str(copy))
    assert refused.returncode == 1 and "--replace" in refused.stderr
    done = lsp_bot(tmp_path, "restore", str(copy), "--replace")
    assert done.returncode == 0, done.stderr
    live = tmp_path / "lsp-bot.db"
    assert count(live, "member") == 2 and count(live, "answer_revision") == in_copy
    saved = [p for p in tmp_path.iterdir() if ".sebelum-pulih-" in p.name]
    assert len(saved) == 1 and count(saved[0], "member") == 3
    assert lsp_bot(tmp_path, "members", "list").returncode == 0  # the bot reads it


def test_what_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    assert lsp_bot(tmp_path, "init").returncode == 0
    for name, data in (("kosong.db", b""), ("teks.db", b"bukan basis data " * 100)):
        (tmp_path / name).write_bytes(data)
        done = lsp_bot(tmp_path, "restore", str(tmp_path / name), "--replace")
        assert done.returncode == 1 and "bukan cadangan" in done.stderr, done
    other = tmp_path / "lain.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert lsp_bot(tmp_path, "restore", str(other), "--replace").returncode == 1
    assert count(tmp_path / "lsp-bot.db", "alembic_version") == 1  # untouched


def test_backup_of_postgresql_points_at_pg_dump(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE")}
    env["DATABASE_URL"] = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "backup"], cwd=tmp_path, env=env, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "pg_dump" in done.stderr
