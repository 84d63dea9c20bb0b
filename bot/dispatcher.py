"""Channel-agnostic dispatch: one message in, replies out; never a crash."""

import logging

from bot.member_commands import MemberCommands
from bot.reminders.commands import ReminderCommands
from bot.report_commands import ReportCommands
from bot.texts import APOLOGY
from conversations.events import Reply
from conversations.service import ConversationService, Message

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
    ) -> None:
        self.service = service
        self.reports = reports
        self.reminders = reminders
        self.members = members

    def handle(self, message: Message) -> list[Reply]:
        """The replies to a message; on any failure, an apology (the traceback goes to the log)."""
        try:
            for commands in (self.reports, self.reminders, self.members):
                if commands is not None:
                    replies = commands.handle(message)
                    if replies is not None:
                        return replies
            return self.service.handle(message)
        except Exception:
            logger.exception("failed to handle a message of %s", message.identity)
            return [Reply(APOLOGY)]
