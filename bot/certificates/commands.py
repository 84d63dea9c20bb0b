"""The admin's certificate commands in any chat: /templat, /sertifikat, /kedaluwarsa, and a sent
XLSX or CSV file imported into the register. (/cabut is a conversation of the engine's:
conversations/turn_revoke.py.)"""

import logging
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine

from bot import texts as common
from bot.admin import AdminCommands
from bot.certificates import texts
from bot.certificates.desk import CertificateDesk
from bot.reports.editions import XLSX
from conversations.commands import Desk
from conversations.events import Document, Reply
from conversations.service import Message, period_label
from render import texts as report_texts
from render.filters import long_date, wita_date
from storage import queries, register
from storage.db import session_scope
from storage.periods import semester_end, semester_start
from storage.queries import MemberRecord, PeriodRecord

logger = logging.getLogger(__name__)

LISTED = 50


class CertificateCommands(AdminCommands):
    """Answers certificate commands from admins."""

    serves = Desk.CERTIFICATES
    refusal = texts.IMPORT_ADMIN_ONLY

    def __init__(
        self, db: Engine, desk: CertificateDesk, period: Callable[[str | None], PeriodRecord | None]
    ) -> None:
        self.db = db
        self.desk = desk
        self.period = period

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """/templat, /sertifikat or /kedaluwarsa."""
        logger.info("certificate command %s by member %s", name, member.id)
        if name == "templat":
            document = Document("Templat-Daftar-Sertifikat.xlsx", self.desk.template(), XLSX)
            return [Reply(texts.TEMPLATE_READY, document=document)]
        if name == "sertifikat":
            return [Reply(self._counts(argument.strip() or None))]
        return [Reply(self._expiring(argument.strip()))]

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
            return common.REPORT_UNKNOWN_PERIOD.format(text=text)
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
            texts.CERTIFICATES_BY_KIND: [report_texts.kind_name(c.kind) for c in issued],
            texts.CERTIFICATES_BY_ROUTE: [report_texts.route_name(c.route) for c in issued],
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
