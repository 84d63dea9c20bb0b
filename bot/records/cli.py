"""`lsp-bot archive`, `lsp-bot archive verify`, `lsp-bot records` and `lsp-bot report extend`:
the records desk for the person at the server."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from bot import texts as common
from bot.records import texts
from bot.records.desk import RecordsDesk, check_archive
from bot.reports.cli import CLI_CHANNEL, admin_name
from bot.reports.desk import ReportDesk
from bot.server.config import Settings
from conversations.service import period_label
from storage.records import ARCHIVE


def run(args: argparse.Namespace, settings: Settings, engine: Engine | None,
        reports: ReportDesk | None) -> int:  # fmt: skip
    """Run one records command; the exit status."""
    if args.command == "archive" and args.action == "verify":
        return _verify(args.file, engine)
    assert engine is not None and reports is not None
    desk = RecordsDesk(engine, reports)
    if args.command == "records":
        if getattr(args, "period", None):
            period = reports.period(args.period)
            if period is None:
                print(common.REPORT_UNKNOWN_PERIOD.format(text=args.period), file=sys.stderr)
                return 2
            print("\n".join(desk.downloads(period)))
            return 0
        lines, _due = desk.retention(settings.records_keep_years)
        print("\n".join(lines))
        return 0
    period = reports.period(args.period)
    if period is None:
        print(common.REPORT_UNKNOWN_PERIOD.format(text=args.period), file=sys.stderr)
        return 2
    archive = desk.archive(period, made_by=admin_name(engine) or texts.AT_SERVER)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(archive.document.data)
    desk.given(archive.document, kind=ARCHIVE, period=period, member_id=None,
               channel=CLI_CHANNEL)  # fmt: skip
    print(texts.ARCHIVE_READY.format(period=period_label(period), finals=archive.finals,
                                     evidence=archive.evidence))  # fmt: skip
    if not archive.finals:
        print(texts.ARCHIVE_NO_FINALS.format(period=period_label(period)))
    print(texts.ARCHIVE_SAVED.format(period=period_label(period), path=out.resolve()))
    return 0


def _verify(path: Path, engine: Engine | None) -> int:
    checked = check_archive(path.read_bytes(), engine)  # no database: against itself only
    print("\n".join(checked.lines))
    return 0 if checked.ok else 1


def extend(settings: Settings, engine: Engine, within_days: int) -> int:
    """`lsp-bot report extend`: new document timestamps where the last one expires soon."""
    from bot.records.extension import extend_finals
    from bot.server.app import build_signer
    from render.signing import Pkcs12Signer, SigningError
    from storage.types import utcnow

    signer = build_signer(settings)
    if not isinstance(signer, Pkcs12Signer) or not signer.timestamp_url:
        print(texts.EXTEND_NO_TSA, file=sys.stderr)
        return 2
    try:
        lines, _done = extend_finals(engine, signer, within_days=within_days, now=utcnow())
    except SigningError as error:  # the key or the trust roots cannot be read
        print(error, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def remove(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    """`lsp-bot records remove --period P --confirm P`."""
    from bot.records.disposal import dispose_period
    from storage.periods import WITA, parse_period
    from storage.types import utcnow

    parsed = parse_period(args.period or "")
    if parsed is None:
        print(texts.REMOVE_PERIOD_NEEDED, file=sys.stderr)
        return 2
    year, semester = parsed
    now = utcnow()
    code, lines = dispose_period(
        engine, year=year, semester=semester, confirmed=args.confirm,
        keep_years=settings.records_keep_years, today=now.astimezone(WITA).date(), now=now,
        make_backup=lambda: backup_first(settings, f"{year}-{semester}"),
    )  # fmt: skip
    print("\n".join(lines), file=sys.stdout if code == 0 else sys.stderr)
    return code


def backup_first(settings: Settings, code: str) -> Path:
    """A backup of the whole database before anything is removed: SQLite's online backup
    (checked), or pg_dump for PostgreSQL; its path."""
    import os
    import shutil
    import subprocess
    from datetime import datetime

    from bot.records.disposal import BackupFailed
    from bot.server.backup import backup
    from bot.server.database import database_url, sqlite_file

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    url = database_url(settings)
    path = sqlite_file(url)
    if path is not None:
        target = path.parent / "cadangan" / f"{path.stem}-sebelum-pemusnahan-{code}-{stamp}.db"
        try:
            backup(path, target)
        except Exception as error:  # a full disk, an unreadable file: said, nothing removed
            raise BackupFailed(type(error).__name__) from None
        return target.resolve()
    dump = shutil.which("pg_dump")
    if dump is None:
        raise BackupFailed(texts.BACKUP_NO_PG_DUMP)
    target = Path("data") / "cadangan" / f"lsp-bot-sebelum-pemusnahan-{code}-{stamp}.dump"
    target.parent.mkdir(parents=True, exist_ok=True)
    plain = url.set(drivername="postgresql", password=None)
    environment = {**os.environ, "PGPASSWORD": url.password or ""} if url.password else None
    done = subprocess.run(
        [dump, "--format=custom", f"--file={target}",
         f"--dbname={plain.render_as_string(hide_password=False)}"],
        env=environment, capture_output=True, timeout=3600,
    )  # fmt: skip
    if done.returncode != 0 or not target.exists():
        raise BackupFailed(texts.BACKUP_PG_FAILED.format(code=done.returncode))
    return target.resolve()
