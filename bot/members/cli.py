"""`lsp-bot members ...`: the admin's member management at the server (the same desk as
/anggota in the chat; changes are logged as made at the server)."""

import argparse

from sqlalchemy import Engine

from bot.members.desk import MemberDesk
from storage.enums import Role

CLI_CHANNEL = "cli"


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Run one members action and print its outcome."""
    desk = MemberDesk(engine)
    by, channel = None, CLI_CHANNEL
    match args.action:
        case "list":
            print(desk.listing())
            return 0
        case "rename":
            text = desk.rename(args.id, " ".join(args.name), by=by, channel=channel)
        case "add-role":
            text = desk.add_role(args.id, Role(args.role), by=by, channel=channel)
        case "remove-role":
            text = desk.remove_role(args.id, Role(args.role), by=by, channel=channel)
        case "deactivate" | "activate":
            text = desk.set_active(args.id, args.action == "activate", by=by, channel=channel)
        case _:
            text = desk.withdraw(args.code, by=by, channel=channel)
    print(text)
    return 0
