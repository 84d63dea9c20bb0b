"""Channel-agnostic dispatch: one message in, replies out; never a crash."""

import logging

from bot.admin import AdminCommands
from bot.certificates.commands import CertificateCommands
from bot.members.commands import MemberCommands
from bot.reminders.commands import ReminderCommands
from bot.reports.commands import ReportCommands
from bot.texts import APOLOGY
from conversations.commands import Command, Desk
from conversations.events import Reply
from conversations.service import ConversationService, Message
from storage.delivery import Delivered

logger = logging.getLogger(__name__)


class Dispatcher:
    """Report commands go to the report desk, deadline and reminder commands to the reminder
    desk, member and profile commands to the member desk, everything else to the
    conversation; the one top-level error handler."""

    def __init__(
        self,
        service: ConversationService,
        reports: ReportCommands | None = None,
        reminders: ReminderCommands | None = None,
        members: MemberCommands | None = None,
        certificates: CertificateCommands | None = None,
    ) -> None:
        self.service = service
        self.reports = reports
        self.reminders = reminders
        self.members = members
        self.certificates = certificates

    @property
    def desks(self) -> dict[Desk, "AdminCommands"]:
        """The desk answering each kind of command (conversations/commands.py)."""
        desks = (self.reports, self.reminders, self.members, self.certificates)
        return {desk.serves: desk for desk in desks if desk is not None}

    def handle(self, message: Message) -> list[Reply]:
        """The replies to a message; on any failure, an apology (the traceback goes to the log).

        A command goes to the desk the registry names (conversations/commands.py); the
        conversation answers everything else, and a desk's command from someone it does not
        know."""
        return self.answer(message)[1]

    def answer(
        self, message: Message, earlier: Delivered | None = None
    ) -> tuple[str | None, list[Reply]]:
        """`handle`, with the live prompt the replies replace (the platform's id of the
        message whose buttons answered the question before; None: none, or it stays live).
        `earlier`: the person's last delivery not yet written, written with this message."""
        try:
            parsed = message.parsed
            desk = self.desks.get(parsed.spec.desk) if isinstance(parsed, Command) else None
            replies = desk.handle(message) if desk is not None else None
            if replies is None:
                return self.service.answer(message, earlier)
            live = None
            if replies:  # answered (a redelivery is answered with nothing)
                live = self.service.leave_waits(message, earlier)
            elif earlier is not None:
                self.service.record(earlier)
            return live, replies
        except Exception:
            logger.exception("failed to handle a message of %s", message.identity)
            if earlier is not None:
                self._record(earlier)
            return None, [Reply(APOLOGY)]

    def _record(self, earlier: Delivered) -> None:
        """A delivery the failed message did not write (writing it twice changes nothing)."""
        try:
            self.service.record(earlier)
        except Exception:  # its update is handled again at the next start
            logger.exception("could not record a delivery to %s", earlier.identity)

    def replied(self, message: Message) -> None:
        """The replies to `message` have been sent (a redelivery gets nothing more)."""
        try:
            self.service.replied(message)
        except Exception:  # at worst a redelivery gets them once more
            logger.exception("could not record the replies to %s as sent", message.identity)

    def document(self, identity: str, filename: str, data: bytes) -> list[Reply]:
        """A certificate list (XLSX or CSV) sent in a chat; an apology on any failure."""
        if self.certificates is None:
            return []
        try:
            return self.certificates.import_document(identity, filename, data)
        except Exception:
            logger.exception("failed to import a document of %s", identity)
            return [Reply(APOLOGY)]
