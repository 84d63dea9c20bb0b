"""Channel-agnostic dispatch: one message in, replies out; never a crash."""

import logging

from bot.texts import APOLOGY
from conversations.events import Reply
from conversations.service import ConversationService, Message

logger = logging.getLogger(__name__)


class Dispatcher:
    """Hands messages to the conversation service; the one top-level error handler."""

    def __init__(self, service: ConversationService) -> None:
        self.service = service

    def handle(self, message: Message) -> list[Reply]:
        """The replies to a message; on any failure, an apology (the traceback goes to the log)."""
        try:
            return self.service.handle(message)
        except Exception:
            logger.exception("failed to handle a message of %s", message.identity)
            return [Reply(APOLOGY)]
