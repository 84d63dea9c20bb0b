"""`lsp-bot import-certificates FILE`, `lsp-bot certificates template|scheme|correct|revoke`: the
register from the server's command line (the same desk as the chat). Every change names the
person who made it (`--by`, asked at a terminal); a revocation is confirmed first."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from bot import texts as common
from bot.certificates import texts
from bot.certificates.desk import CertificateDesk
from bot.server.arguments import CORRECTABLE
from conversations.parsing import Rejected, parse_date
from render.filters import long_date
from storage import members
from storage.db import session_scope

CLI_CHANNEL = "cli"


def run(args: argparse.Namespace, engine: Engine, ask: Callable[[str], str] = input) -> int:
    """Run one certificate command; the exit status (1: refused; 2: a person must be named)."""
    desk = CertificateDesk(engine)
    if args.command == "certificates" and args.action == "scheme":
        done, text = desk.scheme(args.name, number=args.number, kind=args.kind,
                                 validity=args.validity)  # fmt: skip
        print(text)
        return 0 if done else 1
    if args.command == "certificates" and args.action == "template":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(desk.template())
        print(common.REPORT_SAVED)
        print(args.out.resolve())
        return 0
    person = _person(engine, args.by, ask)
    if person is None:
        print(texts.CLI_NAME_NEEDED, file=sys.stderr)
        return 2
    by, name = person
    if args.command == "certificates" and args.action == "correct":
        return _correct(desk, args, by, name)
    if args.command == "certificates":
        return _revoke(desk, args, by, name, ask)
    path: Path = args.file
    if not path.is_file():
        print(texts.IMPORT_NO_FILE.format(path=path), file=sys.stderr)
        return 2
    outcome = desk.import_file(path.name, path.read_bytes(), by=by, channel=CLI_CHANNEL,
                               by_name=name)  # fmt: skip
    print(outcome.text)
    return 0 if outcome.accepted else 1


def _person(
    engine: Engine, given: str | None, ask: Callable[[str], str]
) -> tuple[int | None, str] | None:
    """(member id if a member has that name, the name) of whoever runs the command."""
    if given is None and sys.stdin.isatty():
        given = ask(texts.CLI_ASK_NAME)
    name = " ".join((given or "").split())
    if not name:
        return None
    with session_scope(engine) as session:
        return members.by_name(session, name=name), name


def _correct(desk: CertificateDesk, args: argparse.Namespace, by: int | None, name: str) -> int:
    fields = {
        option[2:].replace("-", "_"): getattr(args, option[2:].replace("-", "_"))
        for option in CORRECTABLE
        if getattr(args, option[2:].replace("-", "_")) is not None
    }
    done, text = desk.correct(args.number, fields, by=by, channel=CLI_CHANNEL, by_name=name)
    print(text)
    return 0 if done else 1


def _revoke(
    desk: CertificateDesk, args: argparse.Namespace, by: int | None, name: str,
    ask: Callable[[str], str],
) -> int:  # fmt: skip
    number = " ".join(args.number)
    on = parse_date(" ".join(args.on.split()))
    if isinstance(on, Rejected):
        print(texts.CORRECT_BAD_DATE.format(text=args.on), file=sys.stderr)
        return 1
    found = desk.find(number)
    if found is None:
        print(texts.UNKNOWN_NUMBER.format(number=number), file=sys.stderr)
        return 1
    question = texts.CLI_REVOKE_CONFIRM.format(
        number=found.number, holder=found.holder, scheme=found.scheme, on=long_date(on),
        reason=args.reason, decision=args.decision or texts.CLI_NO_DECISION,
    )  # fmt: skip
    if not args.yes:
        if not sys.stdin.isatty():
            print(texts.CLI_REVOKE_NEEDS_YES, file=sys.stderr)
            return 2
        if ask(question).strip().casefold() not in ("ya", "y"):
            print(texts.CLI_REVOKE_NOT_DONE.format(number=found.number))
            return 1
    done, text = desk.revoke(found.number, on=on, reason=args.reason, decision=args.decision,
                             by=by, channel=CLI_CHANNEL, by_name=name)  # fmt: skip
    print(text)
    return 0 if done else 1
