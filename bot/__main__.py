"""The `lsp-bot` command line.

Usage:
    lsp-bot init [--admin-name NAME]          create or upgrade the database, invite the admin
    lsp-bot invite --role ROLE [--name NAME]  print a one-time invite code (on the last line)
    lsp-bot console --user NAME               talk to the bot from this terminal
    lsp-bot run                               the bot: Telegram, WhatsApp, or both
    lsp-bot reminders [--at T] [--dry-run]    send (or list) the reminders due at an instant
    lsp-bot report draft|final [--period P]   the activity report as PDF (path on the last line)
    lsp-bot report list | get N | verify F    stored finals: list, fetch one, check a file
    lsp-bot export --out FILE.xlsx            all data of a period as a spreadsheet
    lsp-bot profile [--name ...]              the LSP details and signatories printed on reports
    lsp-bot members list|rename|add-role|...  the team: list, rename, roles, deactivate
    lsp-bot import-certificates FILE          the certificate list (XLSX/CSV), all or nothing
    lsp-bot certificates template --out F     the XLSX template of that list
"""

import argparse
import asyncio
import sys
from collections.abc import Sequence

from telegram.error import InvalidToken

from bot import member_cli, report_cli, texts
from bot.app import (
    ConfigError,
    build_dispatcher,
    build_reminder_desk,
    build_renderer,
    build_whatsapp,
    configure_logging,
    deadline_rule,
    open_database,
)
from bot.certificates import cli as certificate_cli
from bot.channels.console import run_console
from bot.channels.telegram import TelegramChannel
from bot.channels.whatsapp_client import GraphError
from bot.config import Settings
from bot.members import valid_name
from bot.reminders import cli as reminder_cli
from bot.reports import ReportDesk
from bot.runner import SettingsError, check_settings, run_bot, stop_on_signals, whatsapp_enabled
from conversations.service import create_invite
from conversations.texts import ROLE_NAMES
from storage import queries, writes
from storage.db import session_scope
from storage.enums import Role
from storage.types import utcnow


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lsp-bot", description="Bot pelaporan kegiatan LSP.")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="buat atau perbarui basis data; undang admin pertama")
    init.add_argument("--admin-name", help="nama lengkap Manajer Administrasi pertama")
    invite = commands.add_parser("invite", help="buat kode undangan sekali pakai")
    invite.add_argument("--role", required=True, choices=[role.value for role in Role])
    invite.add_argument("--name", default=None, help="nama anggota yang diundang")
    console = commands.add_parser("console", help="bicara dengan bot dari terminal")
    console.add_argument("--user", required=True, help="nama pengguna konsol (identitas)")
    commands.add_parser("run", help="jalankan bot (Telegram, WhatsApp, atau keduanya)")
    reminder_cli.add_command(commands)
    member_cli.add_command(commands)
    certificate_cli.add_commands(commands)
    report_cli.add_commands(commands)
    return parser


def cmd_init(settings: Settings, admin_name: str | None) -> int:
    """Create or upgrade the database; print an admin invite if there is no admin yet (with
    the admin's name, given or asked for at a terminal)."""
    engine = open_database(settings)
    with session_scope(engine) as session:
        writes.ensure_profile(session, name=settings.lsp_name, now=utcnow())
        has_admin = queries.has_active_admin(session)
        session.commit()
    print(texts.INIT_DONE.format(url=engine.url.render_as_string(hide_password=True)))
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


def cmd_invite(settings: Settings, role: str, name: str | None) -> int:
    """Print a one-time invite code for a role, alone on the last line."""
    engine = open_database(settings)
    code = create_invite(engine, role=Role(role), name=name)
    label = f" ({name})" if name else ""
    print(texts.INVITE_MADE.format(role=ROLE_NAMES[Role(role)], name=label, code=code))
    print(code)
    return 0


def cmd_console(settings: Settings, user: str) -> int:
    """Read messages from standard input until it ends."""
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


def cmd_run(settings: Settings) -> int:
    """Run the bot (Telegram, WhatsApp or both) until Ctrl-C or SIGTERM."""
    try:
        check_settings(settings)
    except SettingsError as problem:
        print(problem, file=sys.stderr)
        return 2
    engine = open_database(settings)
    reminders = build_reminder_desk(settings, engine)
    renderer = build_renderer(settings)
    renderer.warm()
    dispatcher = build_dispatcher(engine, renderer, settings, reminders)
    telegram = None
    if settings.telegram_bot_token:
        telegram = TelegramChannel(dispatcher, engine, workers=settings.dispatch_workers)
    if telegram is not None and settings.telegram_webhook_url:
        mode = "Telegram webhook"
    else:
        mode = "Telegram long polling" if telegram is not None else "WhatsApp webhook"
    if telegram is not None and whatsapp_enabled(settings):
        mode += " + WhatsApp webhook"

    def started(who: str) -> None:
        print(texts.RUN_STARTED.format(mode=mode, username=who), file=sys.stderr, flush=True)

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        whatsapp = (
            build_whatsapp(settings, dispatcher, engine) if whatsapp_enabled(settings) else None
        )
        await run_bot(
            settings,
            engine=engine,
            stop=stop,
            telegram=telegram,
            whatsapp=whatsapp,
            started=started,
            reminders=reminders,
        )

    try:
        asyncio.run(main())
    except InvalidToken:
        print(texts.TG_TOKEN_REFUSED, file=sys.stderr)
        return 2
    except GraphError as error:
        if error.status in (400, 401, 403, 404):
            print(texts.WA_TOKEN_REFUSED, file=sys.stderr)
            return 2
        raise
    finally:
        renderer.close()
    return 0


def cmd_reports(settings: Settings, args: argparse.Namespace) -> int:
    """Report, export and profile commands."""
    engine = open_database(settings)
    renderer = build_renderer(settings)
    try:
        desk = ReportDesk(engine, renderer, deadlines=deadline_rule(settings))
        return report_cli.run(args, settings, engine, desk)
    finally:
        renderer.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `lsp-bot` command."""
    args = _parser().parse_args(argv)
    settings = Settings()
    configure_logging(settings)
    if args.command == "init":
        return cmd_init(settings, args.admin_name)
    if args.command == "invite":
        return cmd_invite(settings, args.role, args.name)
    if args.command == "console":
        return cmd_console(settings, args.user)
    try:
        if args.command == "run":
            return cmd_run(settings)
        if args.command in ("import-certificates", "certificates"):
            return certificate_cli.run(args, open_database(settings))
        if args.command == "members":
            return member_cli.run(args, open_database(settings))
        if args.command == "reminders":
            return reminder_cli.run(args, settings, open_database(settings))
        return cmd_reports(settings, args)
    except ConfigError as problem:
        print(problem, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
