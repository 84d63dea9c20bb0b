"""`lsp-bot report ...` and `lsp-bot export`: the same report desk as the chat commands, for the
person at the server."""

import argparse
import hashlib
import sys
from pathlib import Path

from sqlalchemy import Engine

from bot import texts as common
from bot.channels.console import save_document
from bot.records.desk import RecordsDesk
from bot.reports import texts
from bot.reports.commands import archive_list, final_reply, not_found
from bot.reports.desk import ReportDesk
from bot.reports.editions import (
    ACTIVITIES,
    PDF,
    XLSX,
    ZIP,
    Edition,
    draft_filename,
    evidence_filename,
    export_filename,
    final_filename,
)
from bot.reports.verification import Verifier, verdict
from bot.server.config import Settings
from conversations.events import Document
from conversations.service import period_label
from render.archival import attached_files
from render.signing import SigningError
from storage import queries
from storage.db import session_scope
from storage.enums import Role
from storage.queries import PeriodRecord
from storage.records import DRAFT, EVIDENCE, EXPORT, FINAL
from storage.types import utcnow

CLI_CHANNEL = "cli"


def _edition(args: argparse.Namespace) -> Edition:
    if getattr(args, "issuance", None) is not None:
        return Edition("B", args.issuance)
    return Edition(getattr(args, "report", "A") or "A")


def run(args: argparse.Namespace, settings: Settings, engine: Engine, desk: ReportDesk) -> int:
    """Run one report or export command; the exit status."""
    if args.command == "report" and args.action == "verify":
        return _verify(args.file, desk)
    edition = _edition(args)
    if edition.issuance is not None:
        period = desk.issuance_period(edition.issuance)
        if period is None:
            print(texts.ISSUANCE_UNKNOWN.format(number=edition.issuance), file=sys.stderr)
            return 2
    else:
        period = desk.period(args.period)
    if period is None:
        print(common.REPORT_UNKNOWN_PERIOD.format(text=args.period), file=sys.stderr)
        return 2
    if args.command == "export" and getattr(args, "evidence", False):
        document = Document(evidence_filename(period, utcnow()), desk.evidence(period), ZIP)
        print(texts.EVIDENCE_READY.format(period=period_label(period)))
        _given(engine, desk, document, EVIDENCE, period)
        return _save(document, args.out, settings)
    if args.command == "export":
        document = Document(export_filename(period, utcnow()), desk.export(period), XLSX)
        print(texts.EXPORT_READY.format(period=period_label(period)))
        _given(engine, desk, document, EXPORT, period)
        return _save(document, args.out, settings)
    return _report(args, settings, engine, desk, period, edition)


def _report(
    args: argparse.Namespace,
    settings: Settings,
    engine: Engine,
    desk: ReportDesk,
    period: PeriodRecord,
    edition: Edition = ACTIVITIES,
) -> int:
    if args.action == "list":
        print(archive_list(desk, period, edition))
        return 0
    if args.action == "get":
        outcome = desk.final_file(period, args.version, edition)
        if outcome is None:
            print(not_found(desk, period, args.version, edition), file=sys.stderr)
            return 1
        document = Document(final_filename(period, args.version, edition), outcome.pdf, PDF)
        _given(engine, desk, document, FINAL, period)  # its attachments are a copy of it too
        if getattr(args, "attachments", None) is not None:
            return _attachments(outcome.pdf, args.attachments)
        return _save(document, args.out, settings)
    admin = admin_name(engine)
    if args.action == "draft":
        _ctx, pdf = desk.draft(period, prepared_by=admin, edition=edition)
        document = Document(draft_filename(period, utcnow(), edition), pdf, PDF)
        _given(engine, desk, document, DRAFT, period)
        return _save(document, args.out, settings)
    try:
        outcome = desk.final(
            period, prepared_by=admin, member_id=None, channel=CLI_CHANNEL, edition=edition
        )
    except SigningError as error:  # the key is missing or its passphrase wrong
        print(error, file=sys.stderr)
        return 2
    reply = final_reply(period, outcome, edition)
    print(reply.text)
    if reply.document is None:
        return 1
    _given(engine, desk, reply.document, FINAL, period)
    return _save(reply.document, args.out, settings)


def _attachments(pdf: bytes, folder: Path) -> int:
    """What a final carries (its data, spreadsheet and evidence), written to a folder, each
    named with its relationship and SHA-256."""
    found = attached_files(pdf)
    folder.mkdir(parents=True, exist_ok=True)
    for file in found:
        (folder / Path(file.name).name).write_bytes(file.data)
        print(texts.ATTACHMENT_LINE.format(name=file.name, relationship=file.relationship,
                                           sha=hashlib.sha256(file.data).hexdigest()))  # fmt: skip
    print(texts.ATTACHMENTS_SAVED.format(count=len(found), folder=folder.resolve()))
    return 0


def _given(engine: Engine, desk: ReportDesk, document: Document, kind: str,
           period: PeriodRecord) -> None:  # fmt: skip
    """Keep that the person at the server was given this file."""
    RecordsDesk(engine, desk).given(document, kind=kind, period=period, member_id=None,
                                    channel=CLI_CHANNEL)  # fmt: skip


def _save(document: Document, out: Path | None, settings: Settings) -> int:
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(document.data)
        path = out.resolve()
    else:
        path = save_document(document, settings.reports_dir)
    print(common.REPORT_SAVED)
    print(path)
    return 0


def admin_name(engine: Engine) -> str:
    with session_scope(engine) as session:
        admins = [m.name for m in queries.active_members(session) if Role.ADMIN in m.roles]
    return admins[0] if admins else ""  # no admin yet: the report leaves the name to write


def _verify(path: Path, desk: ReportDesk) -> int:
    matched, text = verdict(Verifier(desk), path.read_bytes(), fetch=texts.FETCH_CLI)
    print(text)
    return 0 if matched else 1
