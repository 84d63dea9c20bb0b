"""The admin's certificate commands in any chat: /templat, /sertifikat, /cabut (confirmed with
Ya/Tidak), /kedaluwarsa, and a sent XLSX or CSV file imported into the register."""

import logging
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine

from bot import texts
from bot.certificates.desk import CertificateDesk
from bot.editions import XLSX
from bot.report_commands import AdminCommands
from conversations.events import Document, Option, Reply
from conversations.parsing import Rejected, parse_date, parse_yes_no
from conversations.service import Message, period_label
from render.filters import long_date, wita_date
from storage import queries, register
from storage.db import session_scope
from storage.periods import semester_end, semester_start
from storage.queries import MemberRecord, PeriodRecord

logger = logging.getLogger(__name__)

COMMANDS = {"templat": "templat", "template": "templat", "sertifikat": "sertifikat",
            "cabut": "cabut", "kedaluwarsa": "kedaluwarsa"}  # fmt: skip
CONFIRM_FOR = timedelta(minutes=30)  # an unconfirmed revocation is forgotten after this
LISTED = 50
KIND_NAMES = {"unit": "Unit kompetensi", "klaster": "Klaster/paket", "kualifikasi": "Kualifikasi",
              "okupasi": "Okupasi", "": "(tidak disebut)"}  # fmt: skip
ROUTE_NAMES = {"reguler": "Reguler", "rcc": "RCC", "rpl": "RPL"}


class CertificateCommands(AdminCommands):
    """Answers certificate commands from admins, and Ya/Tidak to a revocation they asked for."""

    commands = COMMANDS
    refusal = texts.IMPORT_ADMIN_ONLY

    def __init__(
        self, db: Engine, desk: CertificateDesk, period: Callable[[str | None], PeriodRecord | None]
    ) -> None:
        self.db = db
        self.desk = desk
        self.period = period

    def handle(self, message: Message) -> list[Reply] | None:
        """A command, or the answer to a pending revocation; None for anything else."""
        answer = parse_yes_no(" ".join(message.text.split()))
        if answer is not None and not message.text.startswith("/"):
            confirmed = self._confirm(message, answer)
            if confirmed is not None:
                return confirmed
        return super().handle(message)

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """/templat, /sertifikat, /cabut or /kedaluwarsa."""
        logger.info("certificate command %s by member %s", name, member.id)
        if name == "templat":
            document = Document("Templat-Daftar-Sertifikat.xlsx", self.desk.template(), XLSX)
            return [Reply(texts.TEMPLATE_READY, document=document)]
        if name == "sertifikat":
            return [Reply(self._counts(argument.strip() or None))]
        if name == "kedaluwarsa":
            return [Reply(self._expiring(argument.strip()))]
        return [self._ask_revoke(message, argument)]

    def import_document(self, identity: str, filename: str, data: bytes) -> list[Reply]:
        """A certificate list sent by an admin; anyone else's file is not read."""
        with session_scope(self.db) as session:
            member = queries.member_by_identity(session, key=identity)
        if member is None or not member.active or "admin" not in member.roles:
            return [Reply(texts.IMPORT_ADMIN_ONLY)]
        channel = identity.split(":", 1)[0]
        outcome = self.desk.import_file(filename, data, by=member.id, channel=channel)
        return [Reply(outcome.text)]

    # ----- /sertifikat and /kedaluwarsa ----------------------------------------------------

    def _counts(self, text: str | None) -> str:
        period = self.period(text)
        if period is None:
            return texts.REPORT_UNKNOWN_PERIOD.format(text=text)
        start, end = (
            semester_start(period.year, period.semester),
            semester_end(period.year, period.semester),
        )
        with session_scope(self.db) as session:
            issued = register.certificates_issued(session, start=start, end=end)
            revoked = register.revoked_between(session, start=start, end=end)
        label = period_label(period)
        if not issued and not revoked:
            return texts.CERTIFICATES_NONE.format(period=label)
        lines = [texts.CERTIFICATES_HEADER.format(period=label, count=len(issued))]
        groups = {
            texts.CERTIFICATES_BY_KIND: [KIND_NAMES.get(c.kind, c.kind) for c in issued],
            texts.CERTIFICATES_BY_ROUTE: [ROUTE_NAMES.get(c.route, c.route) for c in issued],
            texts.CERTIFICATES_BY_SCHEME: [c.scheme for c in issued],
            texts.CERTIFICATES_BY_TUK: [c.tuk or texts.CERTIFICATES_NO_TUK for c in issued],
        }
        for title, names in groups.items():
            lines.append(title)
            for name, count in Counter(names).most_common():
                lines.append(texts.CERTIFICATES_LINE.format(name=name, count=count))
        renewals = sum(1 for c in issued if c.replaces)
        lines.append(texts.CERTIFICATES_RENEWED.format(count=renewals))
        lines.append(texts.CERTIFICATES_REVOKED.format(count=len(revoked)))
        return "\n".join(lines)

    def _expiring(self, argument: str) -> str:
        months = int(argument) if argument.isdigit() and 0 < int(argument) <= 36 else 3
        today = wita_date(self.desk.clock())
        until = today + timedelta(days=round(months * 30.44))
        with session_scope(self.db) as session:
            found = register.expiring(session, start=today, end=until)
        if not found:
            return texts.EXPIRING_NONE.format(months=months)
        lines = [texts.EXPIRING_HEADER.format(months=months, count=len(found))]
        lines += [
            texts.EXPIRING_LINE.format(
                number=c.number, holder=c.holder, scheme=c.scheme, until=long_date(c.valid_until)
            )
            for c in found[:LISTED]
        ]
        if len(found) > LISTED:
            lines.append(texts.EXPIRING_MORE.format(more=len(found) - LISTED))
        return "\n".join(lines)

    # ----- /cabut ----------------------------------------------------------------------------

    def _ask_revoke(self, message: Message, argument: str) -> Reply:
        words = argument.split(maxsplit=1)
        number = words[0] if words else ""
        rest = words[1] if len(words) > 1 else ""
        on, reason = _date_and_reason(rest)
        if not number or on is None or not reason:
            return Reply(texts.REVOKE_USAGE)
        with session_scope(self.db) as session:
            found = register.certificates_by_number(session, numbers=[number]).get(number)
            if found is None:
                return Reply(texts.REVOKE_UNKNOWN.format(number=number))
            if found.revoked_on is not None:
                since = long_date(found.revoked_on)
                return Reply(texts.REVOKE_ALREADY.format(number=number, on=since))
            if on < found.issued_on:
                return Reply(texts.REVOKE_BEFORE_ISSUE.format(issued=long_date(found.issued_on)))
            register.set_pending_revocation(session, key=message.identity, number=number, on=on,
                                            reason=reason, now=self.desk.clock())  # fmt: skip
            session.commit()
        question = texts.REVOKE_CONFIRM.format(number=number, holder=found.holder,
                                               scheme=found.scheme, on=long_date(on),
                                               reason=reason)  # fmt: skip
        return Reply(question, (Option("ya", texts.REVOKE_YES), Option("tidak", texts.REVOKE_NO)))

    def _confirm(self, message: Message, yes: bool) -> list[Reply] | None:
        now = self.desk.clock()
        with session_scope(self.db) as session:
            pending = register.pending_revocation(session, key=message.identity)
            if pending is None:
                return None
            register.clear_pending_revocation(session, key=message.identity)
            if pending.created_at < now - CONFIRM_FOR:
                session.commit()
                return None
            member = queries.member_by_identity(session, key=message.identity)
            if not yes or member is None or "admin" not in member.roles:
                session.commit()
                return [Reply(texts.REVOKE_NOT_DONE.format(number=pending.number))]
            certificate = register.certificate_id(session, number=pending.number)
            assert certificate is not None
            register.revoke(session, certificate=certificate, on=pending.revoked_on,
                            reason=pending.reason, by=member.id, channel=message.channel,
                            now=now)  # fmt: skip
            session.commit()
        logger.info("certificate revoked by member %s", member.id)
        return [Reply(texts.REVOKE_DONE.format(number=pending.number,
                                               on=long_date(pending.revoked_on)))]  # fmt: skip


def _date_and_reason(text: str) -> tuple[date | None, str]:
    """'24-11-2026 alasan ...' or '24 November 2026 alasan ...': the date and the reason."""
    words = text.split()
    for length in (3, 1):
        if len(words) > length:
            parsed = parse_date(" ".join(words[:length]))
            if not isinstance(parsed, Rejected):
                return parsed, " ".join(words[length:])
    return None, ""
