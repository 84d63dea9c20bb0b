"""`lsp-bot backup` and `lsp-bot restore`: a SQLite database copied page by page with SQLite's
online backup API (consistent while the bot writes), checked, and put back.

PostgreSQL has its own tools (pg_dump, pg_restore: see the README)."""

import argparse
import sqlite3
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

from bot.server import texts
from bot.server.config import ConfigError, Settings
from bot.server.database import database_url, sqlite_file

PAGES_PER_STEP = 1024  # the bot may write between steps; the copy restarts where it must


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run `backup` or `restore`; 1 when the file given is refused."""
    path = sqlite_file(database_url(settings))
    if path is None:
        raise ConfigError(texts.BACKUP_SQLITE_ONLY)
    if args.command == "backup":
        out = args.out or _default_out(path)
        if out.exists():
            print(texts.BACKUP_EXISTS.format(path=out), file=sys.stderr)
            return 1
        if not path.exists():
            raise ConfigError(texts.DB_NOT_CREATED.format(url=settings.database_url))
        backup(path, out)
        print(texts.BACKUP_DONE.format(path=out, size=_size(out.stat().st_size)))
        print(out)
        return 0
    return _restore(args.file, path, replace=args.replace)


def _default_out(database: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = database.parent / "cadangan"
    folder.mkdir(exist_ok=True)
    return folder / f"{database.stem}-{stamp}.db"


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


def backup(source: Path, target: Path) -> None:
    """Copy `source` into the new file `target` while others may write to it, then check it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".sebagian")
    with (
        closing(sqlite3.connect(source, timeout=30)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst, pages=PAGES_PER_STEP)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        if not _sound(dst):
            raise RuntimeError("the copy failed SQLite's integrity check")
    partial.replace(target)


def _sound(connection: sqlite3.Connection) -> bool:
    return connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def is_backup(path: Path) -> bool:
    """Whether a file is an intact lsp-bot database."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            return {"alembic_version", "member"} <= tables and _sound(connection)
    except sqlite3.DatabaseError:
        return False


def _restore(source: Path, target: Path, *, replace: bool) -> int:
    if not source.is_file() or not is_backup(source):
        print(texts.RESTORE_NOT_BACKUP.format(source=source), file=sys.stderr)
        return 1
    saved = target.with_name(f"{target.name}.sebelum-pulih-{datetime.now():%Y%m%d-%H%M%S}")
    if target.exists():
        if not replace:
            print(texts.RESTORE_TARGET_EXISTS.format(target=target, saved=saved), file=sys.stderr)
            return 1
        backup(target, saved)  # the database as it was, in one file
        for leftover in (target, *_sidecars(target)):
            leftover.unlink(missing_ok=True)
    backup(source, target)
    print(texts.RESTORE_DONE.format(source=source, target=target))
    return 0


def _sidecars(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
