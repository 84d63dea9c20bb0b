"""`lsp-bot members ...`: the admin's member management at the server (the same desk as
/anggota in the chat; changes are logged as made at the server)."""

import argparse

from sqlalchemy import Engine

from bot.members import MemberDesk
from storage.enums import Role

CLI_CHANNEL = "cli"


def add_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `members` and its actions."""
    parser = commands.add_parser("members", help="anggota: daftar, ganti nama, peran, nonaktif")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="daftar anggota dan undangan yang belum dipakai")
    rename = actions.add_parser("rename", help="ganti nama anggota")
    rename.add_argument("id", type=int)
    rename.add_argument("name", nargs="+")
    for name, help_text in (("add-role", "tambah peran"), ("remove-role", "cabut peran")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("id", type=int)
        action.add_argument("role", choices=[role.value for role in Role])
    for name, help_text in (("deactivate", "nonaktifkan"), ("activate", "aktifkan kembali")):
        actions.add_parser(name, help=help_text).add_argument("id", type=int)
    withdraw = actions.add_parser("withdraw-invite", help="batalkan undangan yang belum dipakai")
    withdraw.add_argument("code")


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Run one members action and print its outcome."""
    desk = MemberDesk(engine)
    who = {"by": None, "channel": CLI_CHANNEL}
    match args.action:
        case "list":
            print(desk.listing())
            return 0
        case "rename":
            text = desk.rename(args.id, " ".join(args.name), **who)
        case "add-role":
            text = desk.add_role(args.id, Role(args.role), **who)
        case "remove-role":
            text = desk.remove_role(args.id, Role(args.role), **who)
        case "deactivate" | "activate":
            text = desk.set_active(args.id, args.action == "activate", **who)
        case _:
            text = desk.withdraw(args.code, **who)
    print(text)
    return 0
