"""`lsp-bot import-certificates FILE` and `lsp-bot certificates template --out F`: the register
from the server's command line (the same desk as the chat)."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from bot import texts
from bot.certificates.desk import CertificateDesk

CLI_CHANNEL = "cli"
CORRECTABLE = {
    "--holder": "nama pemegang", "--kind": "jenis", "--route": "jalur", "--tuk": "TUK",
    "--assessor": "asesor", "--issued-on": "tanggal terbit", "--valid-until": "berlaku sampai",
    "--replaces": "nomor sertifikat yang digantikan",
}  # fmt: skip


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the certificate commands."""
    imports = commands.add_parser("import-certificates", help="impor daftar sertifikat (XLSX/CSV)")
    imports.add_argument("file", type=Path)
    certificates = commands.add_parser("certificates", help="register sertifikat")
    actions = certificates.add_subparsers(dest="action", required=True)
    template = actions.add_parser("template", help="templat XLSX daftar sertifikat")
    template.add_argument("--out", type=Path, required=True)
    scheme = actions.add_parser("scheme", help="nomor, jenis dan masa berlaku bawaan skema")
    scheme.add_argument("name")
    scheme.add_argument("--number", help="nomor skema, mis. SKM/BNSP/00010/1/2020/37A")
    scheme.add_argument("--kind", help="unit kompetensi, klaster/paket, kualifikasi, okupasi")
    scheme.add_argument("--validity", type=int, help="masa berlaku bawaan, tahun (1-10)")
    correct = actions.add_parser("correct", help="koreksi data satu sertifikat (revisi baru)")
    correct.add_argument("number")
    for option, help_text in CORRECTABLE.items():
        correct.add_argument(option, help=help_text)


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
