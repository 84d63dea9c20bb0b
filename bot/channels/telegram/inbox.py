"""Telegram's inbox: updates stored before Telegram is told they arrived (the next poll's
offset, the webhook's 200), marked once handled, handled again after a stop or a crash; and,
with several instances on one database, a member's earlier update another instance holds is
waited for (then taken over if that instance died), so each member's updates apply in order."""

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.channels import lookups
from bot.channels.telegram.ordering import sender_key, sender_of
from bot.channels.telegram.updates import lenient
from storage import inbox
from storage.db import read_scope

logger = logging.getLogger(__name__)

EARLIER_WAIT = 10.0  # s: longer than any update takes while its instance lives
TAKEN_KEPT = 10_000
CHANNEL = "telegram"


class TelegramInbox:
    """The inbox of one running bot."""

    def __init__(self, db: Engine, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock
        # Several instances can share a PostgreSQL database; one SQLite file has one instance.
        self.shared = db.dialect.name != "sqlite"
        # Storing polled updates, and looking for a sender's earlier ones, never queue behind
        # the conversations they feed.
        self._keeper = ThreadPoolExecutor(2, thread_name_prefix="lsp-bot-inbox")
        # Updates this instance took (the newest): a sender's earlier update taken here has
        # finished before the next starts (PerSenderOrder), even if its mark is not yet stored.
        self._taken: OrderedDict[int, None] = OrderedDict()

    def close(self) -> None:
        self._keeper.shutdown(wait=True)

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Store updates (polled, or posted to the webhook) before they are confirmed."""
        if updates:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._keeper, self._keep, updates)

    def _keep(self, updates: list[dict[str, Any]]) -> None:
        kept = []
        for body in updates:
            number = body.get("update_id")
            if isinstance(number, int):
                sender = sender_of(body)
                who = None if sender is None else f"telegram:{sender}"
                kept.append(inbox.Kept(str(number), who, number, body))
        lookups.keep_updates(self.db, CHANNEL, kept, self.clock())

    def mark_handled(self, update_id: int) -> None:
        """The update has been handled (its replies sent)."""
        lookups.update_handled(self.db, CHANNEL, str(update_id), self.clock())

    async def after_earlier(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """With several instances on one database, a sender's earlier update may be in another
        instance's hands: wait until it is handled (each member's updates apply in order), and
        past EARLIER_WAIT take it over (that instance has died; the claim keeps it once)."""
        sender = sender_key(update)
        if not self.shared or sender is None:
            return
        self._taken[update.update_id] = None
        while len(self._taken) > TAKEN_KEPT:
            self._taken.popitem(last=False)
        identity = f"telegram:{sender}"
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + EARLIER_WAIT, 0.01
        while await loop.run_in_executor(
            self._keeper, self._earlier_elsewhere, identity, update.update_id
        ):
            if loop.time() > deadline:
                bodies = await loop.run_in_executor(
                    self._keeper, self._pending_of, identity, update.update_id
                )
                logger.warning("update %s: %d earlier updates of its sender taken over",
                               update.update_id, len(bodies))  # fmt: skip
                for body in bodies:
                    earlier = Update.de_json(lenient(body), context.bot)
                    if earlier is not None:
                        await context.application.update_queue.put(earlier)
                return
            await asyncio.sleep(pause)  # another process's commit: nothing to await but the db
            pause = min(pause * 2, 0.2)

    def _earlier_elsewhere(self, identity: str, sequence: int) -> bool:
        """Whether the sender has an earlier update not yet handled that another instance
        took (or nobody has yet)."""
        with read_scope(self.db) as session:
            earlier = inbox.earlier_pending(
                session, channel=CHANNEL, sender=identity, sequence=sequence
            )
        return any(number not in self._taken for number in earlier)

    def _pending_of(self, identity: str, sequence: int) -> list[dict[str, Any]]:
        with read_scope(self.db) as session:
            return inbox.pending(session, channel=CHANNEL, sender=identity, before=sequence)

    async def replay(self, application: Application) -> int:
        """Queue the updates kept but not handled before a stop or a crash; how many."""
        loop = asyncio.get_running_loop()
        bodies = await loop.run_in_executor(self._keeper, self._pending)
        for body in bodies:
            update = Update.de_json(lenient(body), application.bot)
            if update is not None:
                await application.update_queue.put(update)
        if bodies:
            logger.info("%d updates kept before a stop are handled now", len(bodies))
        return len(bodies)

    def _pending(self) -> list[dict[str, Any]]:
        with read_scope(self.db) as session:
            return inbox.pending(session, channel=CHANNEL)
