"""The admin's report commands in any chat: /draft, /final, /laporan [VERSI], /ekspor."""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from bot import texts as common
from bot.admin import AdminCommands
from bot.records.commands import archive_replies, record_given
from bot.records.desk import RecordsDesk
from bot.reports import texts
from bot.reports.desk import FinalOutcome, ReportDesk
from bot.reports.editions import (
    ACTIVITIES,
    CHAT_FILE_LIMIT,
    PDF,
    SEMESTER_CERTIFICATES,
    XLSX,
    ZIP,
    Edition,
    draft_filename,
    edition_label,
    evidence_filename,
    export_filename,
    final_filename,
)
from bot.reports.verification import Verifier, verdict
from conversations.commands import Desk
from conversations.events import Document, Reply
from conversations.service import Message, period_label
from render.filters import long_date, wita_long
from render.signing import SigningError
from storage import queries
from storage.db import session_scope
from storage.periods import parse_period
from storage.queries import MemberRecord, PeriodRecord

logger = logging.getLogger(__name__)


class ReportCommands(AdminCommands):
    """Answers report commands from admins; anything else is left to the conversation."""

    serves = Desk.REPORTS
    refusal = texts.REPORT_ADMIN_ONLY

    def __init__(self, db: Engine, desk: ReportDesk) -> None:
        self.db = db
        self.desk = desk
        self.verifier = Verifier(desk)
        self.clock: Callable[[], datetime] = desk.clock
        self.records = RecordsDesk(db, desk, clock=desk.clock)

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """Draft, final, archive or export (of report A, or with 'sertifikat' or 'penerbitan N'
        of report B)."""
        edition, words = _edition(argument.split())
        if edition.issuance is not None:
            period = self.desk.issuance_period(edition.issuance)
            if period is None:
                return [Reply(texts.ISSUANCE_UNKNOWN.format(number=edition.issuance))]
        else:
            period_words = [w for w in words if parse_period(w)]
            period = self.desk.period(period_words[0] if period_words else None)
            if period is None:
                return [Reply(common.REPORT_UNKNOWN_PERIOD.format(text=period_words[0]))]
        logger.info("report command %s by member %s", name, member.id)
        replies = self._replies(name, words, period, member, message.channel, edition)
        record_given(self.records, replies, command=name, words=words, period=period,
                     member=member, channel=message.channel)  # fmt: skip
        return replies

    def _replies(self, name: str, words: list[str], period: PeriodRecord, member: MemberRecord,
                 channel: str, edition: Edition) -> list[Reply]:  # fmt: skip
        numbers = [int(w) for w in words if w.isdigit() and len(w) < 4]
        if name == "arsip":
            return archive_replies(self.records, period, member, channel)
        if name == "draft":
            return self._draft(period, member, edition)
        if name == "final":
            return self._final(period, member, channel, edition)
        if name == "laporan":
            return self._archive(period, numbers[0] if numbers else None, edition)
        if "bukti" in (w.casefold() for w in words):
            return self._evidence(period, channel)
        return self._export(period)

    def verify(self, identity: str, data: bytes) -> list[Reply]:
        """The answer to a PDF sent in the chat by an admin: is it a stored final?"""
        with session_scope(self.db) as session:
            admin = queries.is_active_admin(session, key=identity)
        if not admin:
            return [Reply(common.DOCUMENT_ADMIN_ONLY)]
        return [Reply(verdict(self.verifier, data, fetch=texts.FETCH_CHAT)[1])]

    def _draft(self, period: PeriodRecord, member: MemberRecord, edition: Edition) -> list[Reply]:
        ctx, pdf = self.desk.draft(period, prepared_by=member.name, edition=edition)
        chapters = ctx["content"]["chapters"]
        text = texts.DRAFT_READY.format(
            title=ctx["content"]["title"],
            period=period_label(period)
            + (
                texts.EDITION_ISSUANCE_SUFFIX.format(number=edition.issuance)
                if edition.issuance
                else ""
            ),
            at=ctx["document"]["issued_at"],
            complete=sum(1 for ch in chapters if ch["state"] != "belum"),
            total=len(chapters),
        )
        if ctx["content"]["crosscheck"]:
            text += "\n" + texts.DRAFT_CHECKS.format(count=len(ctx["content"]["crosscheck"]))
        if ctx["content"]["profile_missing"]:
            fields = ", ".join(f["field"] for f in ctx["content"]["profile_missing"])
            text += "\n" + texts.DRAFT_PROFILE.format(fields=fields)
        document = Document(draft_filename(period, self.clock(), edition), pdf, PDF)
        return [Reply(text, document=document)]

    def _final(
        self, period: PeriodRecord, member: MemberRecord, channel: str, edition: Edition
    ) -> list[Reply]:
        try:
            outcome = self.desk.final(
                period, prepared_by=member.name, member_id=member.id, channel=channel,
                edition=edition,
            )  # fmt: skip
        except SigningError as error:  # the key is missing or its passphrase wrong
            logger.error("final not signed: %s", error)
            return [Reply(str(error))]
        reply = final_reply(period, outcome, edition)
        version = outcome.info.version if outcome.info is not None else 0
        return [sendable(reply, period, edition, version)]

    def _archive(self, period: PeriodRecord, version: int | None, edition: Edition) -> list[Reply]:
        if version is None:
            return [Reply(archive_list(self.desk, period, edition))]
        outcome = self.desk.final_file(period, version, edition)
        if outcome is None or outcome.info is None:
            return [Reply(not_found(self.desk, period, version, edition))]
        info = outcome.info
        text = texts.FINAL_SENT.format(
            period=edition_label(period, edition),
            version=info.version,
            at=wita_long(info.created_at),
            sha=info.pdf_sha256,
        )
        document = Document(final_filename(period, info.version, edition), outcome.pdf, PDF)
        return [sendable(Reply(text, document=document), period, edition, info.version)]

    def _evidence(self, period: PeriodRecord, channel: str) -> list[Reply]:
        code = f"{period.year}-{period.semester}"
        if channel == "whatsapp":  # WhatsApp sends no ZIP documents (PDF and Office files only)
            return [Reply(texts.EVIDENCE_NOT_ON_WHATSAPP.format(code=code))]
        data = self.desk.evidence(period)
        if len(data) > CHAT_FILE_LIMIT:
            size = f"{len(data) / 1_000_000:.0f} MB"
            return [Reply(texts.EVIDENCE_TOO_BIG.format(size=size, code=code))]
        document = Document(evidence_filename(period, self.clock()), data, ZIP)
        return [Reply(texts.EVIDENCE_READY.format(period=period_label(period)), document=document)]

    def _export(self, period: PeriodRecord) -> list[Reply]:
        data = self.desk.export(period)
        document = Document(export_filename(period, self.clock()), data, XLSX)
        return [Reply(texts.EXPORT_READY.format(period=period_label(period)), document=document)]


def sendable(reply: Reply, period: PeriodRecord, edition: Edition, version: int) -> Reply:
    """A final too big for a chat (its evidence embedded) is not sent there: the reply says
    where to fetch it at the server."""
    document = reply.document
    if document is None or len(document.data) <= CHAT_FILE_LIMIT:
        return reply
    command = texts.FETCH_CLI.format(version=version)
    command += f" --period {period.year}-{period.semester}"
    command += " --report B" if edition.report == "B" else ""
    size = f"{len(document.data) / 1_000_000:.0f} MB"
    return Reply(reply.text + "\n" + texts.FINAL_TOO_BIG.format(size=size, command=command))


def _edition(words: list[str]) -> tuple[Edition, list[str]]:
    """Report B when the words name it ('sertifikat', or 'penerbitan N'); the other words."""
    lowered = [w.casefold() for w in words]
    if "penerbitan" in lowered:
        at = lowered.index("penerbitan")
        following = words[at + 1] if at + 1 < len(words) else ""
        if following.isdigit():
            return Edition("B", int(following)), words[:at] + words[at + 2 :]
    if "sertifikat" in lowered:
        return SEMESTER_CERTIFICATES, [w for w in words if w.casefold() != "sertifikat"]
    return ACTIVITIES, words


def final_reply(
    period: PeriodRecord, outcome: FinalOutcome, edition: Edition = ACTIVITIES
) -> Reply:
    """The answer to /final: the refusal with what is missing, or the document."""
    label = edition_label(period, edition)
    if outcome.opens_on is not None:
        return Reply(texts.FINAL_TOO_EARLY.format(period=label, date=long_date(outcome.opens_on)))
    if outcome.info is None:
        return Reply(texts.FINAL_REFUSED.format(period=label, reasons=refusal_reasons(outcome)))
    info = outcome.info
    template = texts.FINAL_MADE if outcome.created else texts.FINAL_UNCHANGED
    text = template.format(
        period=label,
        version=info.version,
        number=info.document_number,
        sha=info.pdf_sha256,
        at=wita_long(info.created_at),
    )
    document = Document(final_filename(period, info.version, edition), outcome.pdf, PDF)
    return Reply(text, document=document)


def refusal_reasons(outcome: FinalOutcome) -> str:
    """Why a final was refused: sections missing, the profile unset, figures that disagree
    with the register; each with what to do."""
    reasons = []
    if outcome.returned:
        lines = "\n".join(
            texts.FINAL_RETURNED_LINE.format(key=r.section, name=r.owner_name, by=r.by,
                                             note=r.note)
            for r in outcome.returned
        )  # fmt: skip
        reasons.append(texts.FINAL_REFUSED_RETURNED.format(lines=lines))
    if outcome.missing:
        lines = "\n".join(
            texts.FINAL_MISSING_LINE.format(clause=m.clause, title=m.title, owed=m.owed_by or "—")
            for m in outcome.missing
        )
        reasons.append(texts.FINAL_REFUSED_MISSING.format(lines=lines))
    if outcome.profile:
        lines = "\n".join(texts.FINAL_PROFILE_LINE.format(**f) for f in outcome.profile)
        reasons.append(texts.FINAL_REFUSED_PROFILE.format(lines=lines))
    if outcome.disagreements:
        lines = "\n".join(texts.FINAL_CHECK_LINE.format(**f) for f in outcome.disagreements)
        reasons.append(texts.FINAL_REFUSED_CHECK.format(lines=lines))
    return "\n\n".join(reasons)


def archive_list(desk: ReportDesk, period: PeriodRecord, edition: Edition = ACTIVITIES) -> str:
    """Every final of a period, one line each."""
    stored = desk.versions(period, edition)
    label = edition_label(period, edition)
    if not stored:
        return texts.FINALS_NONE.format(period=label)
    names = desk.member_names({i.created_by for i in stored if i.created_by is not None})
    lines = [texts.FINALS_LIST.format(period=label)]
    lines += [
        texts.FINALS_LINE.format(
            version=i.version,
            at=wita_long(i.created_at),
            by=names.get(i.created_by or 0, texts.NO_ADMIN_NAME),
            sha=i.pdf_sha256[:16],
        )
        for i in stored
    ]
    lines.append(texts.FINALS_HOW.format(version=stored[-1].version))
    return "\n".join(lines)


def not_found(
    desk: ReportDesk, period: PeriodRecord, version: int, edition: Edition = ACTIVITIES
) -> str:
    """Why a version cannot be sent, and which ones exist."""
    versions = [str(i.version) for i in desk.versions(period, edition)]
    available = texts.FINAL_AVAILABLE.format(versions=", ".join(versions)) if versions else ""
    return texts.FINAL_NOT_FOUND.format(
        period=edition_label(period, edition), version=version, available=available
    ).strip()
