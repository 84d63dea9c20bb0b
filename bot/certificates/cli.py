"""`lsp-bot import-certificates FILE` and `lsp-bot certificates template --out F`: the register
from the server's command line (the same desk as the chat)."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from bot import texts
from bot.certificates.desk import CertificateDesk
from bot.cli_args import CORRECTABLE

CLI_CHANNEL = "cli"


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Run one certificate command; the exit status (1: the file was refused)."""
    desk = CertificateDesk(engine)
    if args.command == "certificates" and args.action == "correct":
        fields = {
            option[2:].replace("-", "_"): getattr(args, option[2:].replace("-", "_"))
            for option in CORRECTABLE
            if getattr(args, option[2:].replace("-", "_")) is not None
        }
        done, text = desk.correct(args.number, fields, by=None, channel=CLI_CHANNEL)
        print(text)
        return 0 if done else 1
    if args.command == "certificates" and args.action == "scheme":
        done, text = desk.scheme(args.name, number=args.number, kind=args.kind,
                                 validity=args.validity)  # fmt: skip
        print(text)
        return 0 if done else 1
    if args.command == "certificates":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(desk.template())
        print(texts.REPORT_SAVED)
        print(args.out.resolve())
        return 0
    path: Path = args.file
    if not path.is_file():
        print(texts.IMPORT_NO_FILE.format(path=path), file=sys.stderr)
        return 2
    outcome = desk.import_file(path.name, path.read_bytes(), by=None, channel=CLI_CHANNEL)
    print(outcome.text)
    return 0 if outcome.accepted else 1
