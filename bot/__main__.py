"""The `lsp-bot` command line.

Usage:
    lsp-bot init [--admin-name NAME]          create or upgrade the database, invite the admin
    lsp-bot migrate                           upgrade the database schema (bot stopped)
    lsp-bot invite --role ROLE [--name NAME]  print a one-time invite code (on the last line)
    lsp-bot console --user NAME               talk to the bot from this terminal
    lsp-bot run                               the bot: Telegram, WhatsApp, or both
    lsp-bot backup [--out F] | restore F      a consistent copy of a SQLite database, and back
    lsp-bot reminders [--at T] [--dry-run]    send (or list) the reminders due at an instant
    lsp-bot report draft|final [--period P]   the activity report as PDF (path on the last line)
    lsp-bot report list | get N | verify F    stored finals: list, fetch one, check a file
    lsp-bot export --out FILE.xlsx            all data of a period as a spreadsheet
    lsp-bot export --evidence --out FILE.zip  the period's evidence files, with their hashes
    lsp-bot profile [--name ...]              the LSP details and signatories printed on reports
    lsp-bot members list|rename|add-role|...  the team: list, rename, roles, deactivate
    lsp-bot import-certificates FILE          the certificate list (XLSX/CSV), all or nothing
    lsp-bot certificates template --out F     the XLSX template of that list

Only the arguments are read before a command starts: each command imports what it needs (the
database layer, python-telegram-bot, the PDF renderer) when it runs, so help and mistakes
answer at once.
"""

import sys
from collections.abc import Sequence


def version() -> str:
    """The installed version of lsp-bot."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("lsp-bot")
    except PackageNotFoundError:
        return "0+unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `lsp-bot` command."""
    from bot.server.arguments import parser

    args = parser(version()).parse_args(argv)
    if args.command != "run":
        from bot.server.cli import dispatch

        return dispatch(args)
    from bot.server.lifecycle import Stopped, stop_as_exception

    stop_as_exception()  # SIGTERM from this moment on ends the run cleanly
    try:
        from bot.server.cli import dispatch

        return dispatch(args)
    except Stopped:
        return 0


if __name__ == "__main__":
    sys.exit(main())
