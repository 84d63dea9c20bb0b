"""The commands behind `lsp-bot`: each opens the database its own way (only `init` and
`migrate` change the schema) and imports what it needs when it runs."""

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.server import texts
from bot.server.config import ConfigError, Settings, load_settings
from bot.server.logs import configure_logging

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.reports.desk import ReportDesk


def dispatch(args: argparse.Namespace) -> int:
    """Run the command the arguments name; a configuration problem is one line, exit 2."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.secrets())
        return _command(args, settings)
    except ConfigError as problem:
        print(problem, file=sys.stderr)
        return 2


def _command(args: argparse.Namespace, settings: Settings) -> int:
    from bot.server.database import open_database

    if args.command == "init":
        return cmd_init(settings, args.admin_name)
    if args.command == "migrate":
        return cmd_migrate(settings)
    if args.command == "invite":
        return cmd_invite(settings, args.role, args.name)
    if args.command == "console":
        return cmd_console(settings, args.user)
    if args.command == "run":
        from bot.server.run import cmd_run

        return cmd_run(settings)
    if args.command in ("backup", "restore"):
        from bot.server import backup

        return backup.run(args, settings)
    if args.command in ("import-certificates", "certificates"):
        from bot.certificates import cli as certificate_cli

        return certificate_cli.run(args, open_database(settings))
    if args.command in ("members", "profile"):
        from bot.members import cli as member_cli

        run = member_cli.profile if args.command == "profile" else member_cli.run
        return run(args, open_database(settings))
    if args.command == "reminders":
        from bot.reminders import cli as reminder_cli

        return reminder_cli.run(args, settings, open_database(settings))
    if args.command in ("archive", "records") or getattr(args, "action", None) == "extend":
        return cmd_records(settings, args)
    return cmd_reports(settings, args)


def cmd_records(settings: Settings, args: argparse.Namespace) -> int:
    """The semester's archive, its check, the retention report and signature extension."""
    from bot.records import cli as records_cli
    from bot.server.database import open_database

    if args.command == "archive" and args.action == "verify":
        if args.file is None:
            print(texts.ARCHIVE_FILE_NEEDED, file=sys.stderr)
            return 2
        try:  # against the database where it is there; else against itself
            engine = open_database(settings)
        except ConfigError:
            engine = None
        return records_cli.run(args, settings, engine, None)
    if args.command == "archive" and args.out is None:
        print(texts.ARCHIVE_OUT_NEEDED, file=sys.stderr)
        return 2
    if args.command == "report":
        return records_cli.extend(settings, open_database(settings), args.within_days)
    if args.command == "records" and args.action == "remove":
        return records_cli.remove(args, settings, open_database(settings))
    return _with_report_desk(
        settings, lambda engine, desk: records_cli.run(args, settings, engine, desk)
    )


def cmd_init(settings: Settings, admin_name: str | None) -> int:
    """Create or upgrade the database; print an admin invite if there is no admin yet (with
    the admin's name, given or asked for at a terminal)."""
    from bot.members.desk import valid_name
    from bot.server.database import migrate, shown
    from conversations.service import create_invite
    from storage import queries, writes
    from storage.db import session_scope
    from storage.enums import Role
    from storage.types import utcnow

    engine, _before = migrate(settings, create=True)
    with session_scope(engine) as session:
        writes.ensure_profile(session, name=settings.lsp_name, now=utcnow())
        has_admin = queries.has_active_admin(session)
        session.commit()
    print(texts.INIT_DONE.format(url=shown(engine.url)))
    if has_admin:
        print(texts.INIT_HAS_ADMIN)
        return 0
    if admin_name is None and sys.stdin.isatty():
        admin_name = input(texts.INIT_ASK_NAME)
    name = valid_name(admin_name or "")
    code = create_invite(engine, role=Role.ADMIN, name=name)
    print(texts.INIT_ADMIN.format(code=code))
    print(code)
    return 0


def cmd_migrate(settings: Settings) -> int:
    """Upgrade an existing database's schema to the newest migration."""
    from bot.server.database import migrate

    engine, before = migrate(settings)
    engine.dispose()
    if before.current == before.head:
        print(texts.MIGRATE_CURRENT.format(head=before.head))
    else:
        print(texts.MIGRATE_DONE.format(before=before.current or "-", head=before.head))
    return 0


def cmd_invite(settings: Settings, role: str, name: str | None) -> int:
    """Print a one-time invite code for a role, alone on the last line."""
    from bot.server.database import open_database
    from conversations.service import create_invite
    from conversations.texts import ROLE_NAMES
    from storage.enums import Role

    engine = open_database(settings)
    code = create_invite(engine, role=Role(role), name=name)
    label = f" ({name})" if name else ""
    print(texts.INVITE_MADE.format(role=ROLE_NAMES[Role(role)], name=label, code=code))
    print(code)
    return 0


def cmd_console(settings: Settings, user: str) -> int:
    """Read messages from standard input until it ends."""
    from bot.channels.console import run_console
    from bot.server.app import build_dispatcher, build_renderer
    from bot.server.database import open_database

    engine = open_database(settings)
    if sys.stdin.isatty():
        print(texts.CONSOLE_HELLO.format(user=user), file=sys.stderr)
    renderer = build_renderer(settings)
    try:
        dispatcher = build_dispatcher(engine, renderer, settings)
        run_console(
            dispatcher, user=user, lines=sys.stdin, out=sys.stdout, files=settings.reports_dir
        )
    finally:
        renderer.close()
    return 0


def cmd_reports(settings: Settings, args: argparse.Namespace) -> int:
    """Report and export commands."""
    from bot.reports import cli as report_cli

    return _with_report_desk(
        settings, lambda engine, desk: report_cli.run(args, settings, engine, desk)
    )


def _with_report_desk(settings: Settings, command: "Callable[[Engine, ReportDesk], int]") -> int:
    from bot.reports.desk import ReportDesk
    from bot.server.app import build_renderer, build_signer, deadline_rule
    from bot.server.database import open_database

    engine = open_database(settings)
    renderer = build_renderer(settings)
    try:
        desk = ReportDesk(
            engine, renderer, deadlines=deadline_rule(settings), signer=build_signer(settings),
            public_url=settings.public_url,
        )  # fmt: skip
        return command(engine, desk)
    finally:
        renderer.close()
