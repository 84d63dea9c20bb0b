"""`/arsip [PERIODE]` for the admin in the chat, and the copies the report commands give,
recorded with who and when."""

from bot.records import texts
from bot.records.desk import RecordsDesk
from bot.reports.editions import CHAT_FILE_LIMIT
from conversations.events import Reply
from conversations.service import period_label
from storage.queries import MemberRecord, PeriodRecord
from storage.records import ARCHIVE, DRAFT, EVIDENCE, EXPORT, FINAL

KIND_OF_COMMAND = {"draft": DRAFT, "final": FINAL, "laporan": FINAL, "arsip": ARCHIVE}


def archive_replies(desk: RecordsDesk, period: PeriodRecord, member: MemberRecord,
                    channel: str) -> list[Reply]:  # fmt: skip
    """The semester's archive as a ZIP, or where to fetch it when the chat cannot carry it."""
    code = f"{period.year}-{period.semester}"
    if channel == "whatsapp":  # WhatsApp sends no ZIP documents (PDF and Office files only)
        return [Reply(texts.ARCHIVE_NOT_ON_WHATSAPP.format(code=code))]
    archive = desk.archive(period, made_by=member.name)
    if len(archive.document.data) > CHAT_FILE_LIMIT:
        size = f"{len(archive.document.data) / 1_000_000:.0f} MB"
        return [Reply(texts.ARCHIVE_TOO_BIG.format(size=size, code=code))]
    label = period_label(period)
    text = texts.ARCHIVE_READY.format(period=label, finals=archive.finals,
                                      evidence=archive.evidence)  # fmt: skip
    if not archive.finals:
        text += "\n" + texts.ARCHIVE_NO_FINALS.format(period=label)
    return [Reply(text, document=archive.document)]


def record_given(desk: RecordsDesk, replies: list[Reply], *, command: str, words: list[str],
                 period: PeriodRecord, member: MemberRecord, channel: str) -> None:  # fmt: skip
    """Keep every file the replies give (who, what, when, through which channel)."""
    kind = KIND_OF_COMMAND.get(command)
    if kind is None:  # /ekspor: the spreadsheet, or with 'bukti' the evidence
        kind = EVIDENCE if "bukti" in (w.casefold() for w in words) else EXPORT
    for reply in replies:
        if reply.document is not None:
            desk.given(reply.document, kind=kind, period=period, member_id=member.id,
                       channel=channel)  # fmt: skip
