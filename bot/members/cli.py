"""`lsp-bot members ...` and `lsp-bot profile`: the admin's member management and the LSP's
profile at the server (the same desk as /anggota and /profil in the chat; changes are logged as
made at the server)."""

import argparse

from sqlalchemy import Engine

from bot import texts as common
from bot.members.desk import MemberDesk
from bot.members.profile import change_profile
from storage.enums import Role
from storage.types import utcnow

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


def profile(args: argparse.Namespace, engine: Engine) -> int:
    """`lsp-bot profile [--name ...]`: shows the profile after the changes given; exit 1 for a
    value that cannot be used."""
    changes = {
        "name": args.name,
        "address": args.address,
        "licence_number": args.licence,
        "city": args.city,
        "document_prefix": args.prefix,
        "distribution": args.distribution,
        "manager_name": args.manager_name,
        "manager_number": args.manager_number,
        "chair_name": args.chair_name,
        "chair_number": args.chair_number,
    }
    shown = change_profile(engine, changes, by=None, channel=CLI_CHANNEL, now=utcnow())
    print(shown)
    return 1 if shown == common.PROFILE_BAD_VALUE else 0
