"""The certificate desk: imports a sent list all or nothing, makes the template; for the chat
commands and the CLI alike."""

import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.certificates import texts
from bot.certificates.checking import (
    KINDS,
    ROUTES,
    NewCertificate,
    Plan,
    Register,
    check,
    header_key,
    numbers_in,
    summary_lines,
)
from bot.certificates.reading import Refused, read_table
from conversations.parsing import Rejected, parse_date
from render.filters import long_date, wita_date, wita_long
from storage import register, register_writes
from storage.db import session_scope
from storage.register import StoredCertificate
from storage.types import utcnow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Imported:
    """What an import did: the reply, and whether the file was accepted (stored, or nothing
    new in it)."""

    text: str
    accepted: bool
    stored: int = 0


class CertificateDesk:
    """Everything the admin does with the register."""

    def __init__(self, db: Engine, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    def import_file(
        self, filename: str, data: bytes, *, by: int | None, channel: str,
        by_name: str | None = None,
    ) -> Imported:  # fmt: skip
        """Check a sent list and store it as one issuance when it is clean; the summary, or
        exactly what is wrong, row by row. `by_name`: the person named at the server."""
        sha = hashlib.sha256(data).hexdigest()
        with session_scope(self.db) as session:
            earlier = register.issuance_with_file(session, sha256=sha)
        if earlier is not None:
            at = wita_long(earlier.recorded_at)
            return Imported(texts.IMPORT_SAME_FILE.format(issuance=earlier.number, at=at), True)
        try:
            table = read_table(filename, data)
        except Refused as refusal:
            return Imported(str(refusal), False)
        with session_scope(self.db) as session:
            known = Register(
                stored=register.certificates_by_number(session, numbers=numbers_in(table)),
                names=register.known_names(session),
                validity=register.scheme_validity(session),
            )
        plan = check(table, known)
        if plan.missing:
            missing = ", ".join(plan.missing)
            return Imported(texts.IMPORT_MISSING_COLUMNS.format(columns=missing), False)
        if plan.errors:
            lines = "\n".join(summary_lines(plan.errors))
            text = texts.IMPORT_REFUSED.format(filename=filename, count=len(plan.errors),
                                               lines=lines)  # fmt: skip
            return Imported(text, False)
        if not plan.new:
            nothing = texts.IMPORT_NOTHING_NEW.format(count=plan.already)
            return Imported(self._summary(nothing, plan), True)
        try:
            issuance = self._store(plan.new, filename, sha, by=by, channel=channel,
                                   by_name=by_name)  # fmt: skip
        except IntegrityError:
            logger.info("certificates of %s stored concurrently", filename)
            return Imported(texts.IMPORT_RACE, False)
        logger.info("issuance %s: %s certificates from a file", issuance, len(plan.new))
        head = texts.IMPORT_STORED.format(count=len(plan.new), issuance=issuance,
                                          filename=filename, sha=sha)  # fmt: skip
        if plan.already:
            head += " " + texts.IMPORT_SKIPPED.format(count=plan.already)
        return Imported(self._summary(head, plan), True, len(plan.new))

    def _summary(self, head: str, plan: Plan) -> str:
        lines = [head]
        if plan.ignored:
            lines.append(texts.IMPORT_IGNORED.format(columns=", ".join(plan.ignored)))
        if plan.warnings:
            lines.append(
                texts.IMPORT_WARNINGS.format(lines="\n".join(summary_lines(plan.warnings)))
            )
        return "\n".join(lines)

    def _store(
        self, new: list[NewCertificate], filename: str, sha: str, *, by: int | None, channel: str,
        by_name: str | None,
    ) -> int:  # fmt: skip
        now = self.clock()
        with session_scope(self.db) as session:
            issuance = register_writes.add_issuance(
                session, by=by, channel=channel, file_name=filename, file_sha256=sha, now=now,
                by_name=by_name,
            )  # fmt: skip
            ids = _named_ids(session, new, now)
            assert issuance.id is not None
            rows = [
                {
                    "number": c.number, "holder": c.holder, "scheme_id": ids["scheme"][c.scheme],
                    "kind": c.kind, "route": c.route,
                    "tuk_id": ids["tuk"].get(c.tuk) if c.tuk else None,
                    "assessor_id": ids["assessor"].get(c.assessor) if c.assessor else None,
                    "issued_on": c.issued_on, "valid_until": c.valid_until,
                    "replaces": c.replaces, "issuance_id": issuance.id, "source_row": c.row,
                    "revision": 1, "updated_at": now,
                }
                for c in new
            ]  # fmt: skip
            register_writes.add_certificates(session, rows=rows)
            issuance.certificates = len(rows)
            session.add(issuance)
            session.commit()
            return issuance.number

    def correct(
        self, number: str, fields: dict[str, str], *, by: int | None, channel: str,
        by_name: str | None = None,
    ) -> tuple[bool, str]:  # fmt: skip
        """Correct a certificate (holder, valid until, TUK, assessor, ...): a new revision,
        the old values kept. Whether it was done, and what to say."""
        changes: dict[str, object] = {}
        now = self.clock()
        for field, text in fields.items():
            value = " ".join(text.split())
            if field in ("issued_on", "valid_until"):
                parsed = parse_date(value)
                if isinstance(parsed, Rejected):
                    return False, texts.CORRECT_BAD_DATE.format(text=value)
                changes[field] = parsed
            elif field in ("kind", "route"):
                vocabulary = KINDS if field == "kind" else ROUTES
                key = header_key(value)
                found = next((v for v, words in vocabulary.items() if key in words), None)
                if found is None:
                    accepted = texts.IMPORT_KINDS if field == "kind" else texts.IMPORT_ROUTES
                    return False, texts.IMPORT_UNKNOWN_WORD.format(given=value, accepted=accepted)
                changes[field] = found
            elif field in ("tuk", "assessor"):
                changes[f"{field}_id"] = value  # resolved below, in the transaction
            elif value:
                changes[field] = value
        with session_scope(self.db) as session:
            for kind in ("tuk", "assessor"):
                if f"{kind}_id" in changes:
                    name = str(changes[f"{kind}_id"])
                    changes[f"{kind}_id"] = register_writes.ensure_named(
                        session, kind=kind, name=name, now=now
                    )
            old = register_writes.correct(session, number=number, changes=changes, by=by,
                                          channel=channel, now=now, by_name=by_name)  # fmt: skip
            if old is None:
                return False, texts.UNKNOWN_NUMBER.format(number=number)
            session.commit()
        return True, texts.CORRECTED.format(number=number, fields=", ".join(sorted(fields)))

    def scheme(
        self, name: str, *, number: str | None, kind: str | None, validity: int | None
    ) -> tuple[bool, str]:
        """Set a scheme's number, kind and default validity; whether done, and what to say."""
        value = None
        if kind is not None:
            key = header_key(kind)
            value = next((v for v, words in KINDS.items() if key in words), None)
            if value is None:
                given = texts.IMPORT_UNKNOWN_WORD.format(given=kind, accepted=texts.IMPORT_KINDS)
                return False, given
        if validity is not None and not 1 <= validity <= 10:
            return False, texts.SCHEME_BAD_VALIDITY
        if not " ".join(name.split()):
            return False, texts.SCHEME_BAD_VALIDITY
        with session_scope(self.db) as session:
            scheme = register_writes.set_scheme(session, name=name, number=number, kind=value,
                                                validity_years=validity,
                                                now=self.clock())  # fmt: skip
            session.commit()
            return True, texts.SCHEME_SHOWN.format(
                name=scheme.name, number=scheme.number or "-", kind=scheme.kind or "-",
                years=scheme.validity_years,
            )  # fmt: skip

    def find(self, typed: str) -> StoredCertificate | None:
        """The certificate a typed number names exactly (as printed, spaces and case aside)."""
        with session_scope(self.db) as session:
            return register.find_exactly(session, text=typed)

    def revoke(
        self, number: str, *, on: date, reason: str, decision: str, by: int | None, channel: str,
        by_name: str | None = None,
    ) -> tuple[bool, str]:  # fmt: skip
        """Revoke a certificate (the caller has had it confirmed); whether done, what to say."""
        today = wita_date(self.clock())
        reason = " ".join(reason.split())
        with session_scope(self.db) as session:
            certificate = register.find_exactly(session, text=number)
            if certificate is None:
                return False, texts.UNKNOWN_NUMBER.format(number=number)
            if certificate.revoked_on is not None:
                on_text = long_date(certificate.revoked_on)
                return False, texts.REVOKE_ALREADY.format(number=certificate.number, on=on_text)
            if on < certificate.issued_on or on > today or not reason:
                return False, texts.REVOKE_BAD.format(issued=long_date(certificate.issued_on),
                                                      today=long_date(today))  # fmt: skip
            ident = register.certificate_id(session, number=certificate.number)
            assert ident is not None
            register_writes.revoke(session, certificate=ident, on=on, reason=reason,
                                   decision=" ".join(decision.split()), by=by, channel=channel,
                                   now=self.clock(), by_name=by_name)  # fmt: skip
            session.commit()
        logger.info("certificate %s revoked at the server", ident)
        return True, texts.REVOKED.format(number=certificate.number, on=long_date(on))

    def template(self) -> bytes:
        """An XLSX with the header row, one example row and a sheet explaining each column."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = texts.TEMPLATE_SHEET
        header = [name for name, _need, _help in texts.TEMPLATE_HELP]
        sheet.append(header)
        sheet.append(list(texts.TEMPLATE_EXAMPLE))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 26
        guide = book.create_sheet(texts.TEMPLATE_HELP_SHEET)
        guide.append(["Kolom", "Wajib?", "Isi"])
        for row in texts.TEMPLATE_HELP:
            guide.append(list(row))
        for letter, width in zip("ABC", (20, 14, 80), strict=True):
            guide.column_dimensions[letter].width = width
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _named_ids(
    session: Session, new: list[NewCertificate], now: datetime
) -> dict[str, dict[str, int]]:
    """Ids of the schemes, TUKs and assessors the new certificates name (made on first use)."""
    ids: dict[str, dict[str, int]] = {"scheme": {}, "tuk": {}, "assessor": {}}
    for certificate in new:
        for kind, name in (("scheme", certificate.scheme), ("tuk", certificate.tuk),
                           ("assessor", certificate.assessor)):  # fmt: skip
            if name and name not in ids[kind]:
                ids[kind][name] = register_writes.ensure_named(session, kind=kind, name=name,
                                                               now=now)  # fmt: skip
    return ids
