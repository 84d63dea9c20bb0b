"""Telegram's side of the inbox (bot/channels/inbox.py): an update's key, sender and place in
the order are its update_id and its sender's id; kept updates come back as PTB Updates."""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.channels.inbox import Inbox, Kept
from bot.channels.store import Database
from bot.channels.telegram.ordering import sender_key, sender_of
from bot.channels.telegram.updates import lenient

logger = logging.getLogger(__name__)

CHANNEL = "telegram"


class TelegramInbox:
    """The inbox of one running bot."""

    def __init__(self, db: Database, clock: Callable[[], datetime], *, instances: int = 1) -> None:
        self.inbox = Inbox(db, CHANNEL, clock, instances=instances)

    def close(self) -> None:
        self.inbox.close()

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Store updates (polled, or posted to the webhook) before they are confirmed."""
        kept = []
        for body in updates:
            number = body.get("update_id")
            if isinstance(number, int):
                sender = sender_of(body)
                who = None if sender is None else f"telegram:{sender}"
                kept.append(Kept(str(number), who, number, body))
        await self.inbox.keep(kept)

    def mark_handled(self, update_id: int) -> None:
        """The update has been handled (its replies sent). Blocking."""
        self.inbox.mark_handled(str(update_id))

    async def after_earlier(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sender's earlier update in another instance's hands is waited for; one whose
        instance died is taken over (queued here)."""
        sender = sender_key(update)
        if sender is None:
            return
        bodies = await self.inbox.after_earlier(f"telegram:{sender}", update.update_id)
        for body in bodies:
            earlier = Update.de_json(lenient(body), context.bot)
            if earlier is not None:
                await context.application.update_queue.put(earlier)

    async def replay(self, application: Application) -> int:
        """Queue the updates kept but not handled before a stop or a crash; how many."""
        kept = await self.inbox.pending()
        for _key, body in kept:
            update = Update.de_json(lenient(body), application.bot)
            if update is not None:
                await application.update_queue.put(update)
        if kept:
            logger.info("%d updates kept before a stop are handled now", len(kept))
        return len(kept)
