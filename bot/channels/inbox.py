"""A channel's inbox, the same for every chat channel: updates stored before the platform is
told they arrived (the next poll's offset, the webhook's 200), marked once handled, handled
again after a stop or a crash; and, with several instances on one database, a person's earlier
update another instance holds is waited for (then taken over if that instance died), so each
person's updates apply in order on whichever instance gets them."""

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from bot.channels import store
from storage.inbox import Kept

logger = logging.getLogger(__name__)

EARLIER_WAIT = 10.0  # s: longer than any update takes while its instance lives
TAKEN_KEPT = 10_000

__all__ = ["EARLIER_WAIT", "Inbox", "Kept"]


class Inbox:
    """The inbox of one channel ('telegram', 'whatsapp') of one running bot."""

    def __init__(
        self, db: Engine, channel: str, clock: Callable[[], datetime], *, instances: int = 1
    ) -> None:
        self.db = db
        self.channel = channel
        self.clock = clock
        # Several instances share the database: a PostgreSQL one may always be shared; a
        # SQLite file is when the settings say so (TELEGRAM_INSTANCES).
        self.shared = db.dialect.name != "sqlite" or instances > 1
        # Storing updates, and looking for a person's earlier ones, never queue behind the
        # conversations they feed.
        self._keeper = ThreadPoolExecutor(2, thread_name_prefix=f"lsp-bot-{channel}-inbox")
        # Updates this instance took (the newest): a person's earlier update taken here has
        # finished before the next starts (PersonLocks), even if its mark is not yet stored.
        self._taken: OrderedDict[int, None] = OrderedDict()

    def close(self) -> None:
        """Wait for the inbox's threads."""
        self._keeper.shutdown(wait=True)

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._keeper, function, *args)

    async def keep(self, updates: list[Kept]) -> None:
        """Store updates before the platform is told they arrived (a known one is ignored)."""
        if updates:
            await self._run(store.keep_updates, self.db, self.channel, updates, self.clock())

    def mark_handled(self, key: str) -> None:
        """The update has been handled (its replies sent). Blocking."""
        store.update_handled(self.db, self.channel, key, self.clock())

    async def pending(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, body) of the updates kept and not handled (before a stop or a crash)."""
        found: list[tuple[str, dict[str, Any]]] = await self._run(
            store.pending_updates, self.db, self.channel
        )
        return found

    async def after_earlier(self, sender: str, sequence: int) -> list[dict[str, Any]]:
        """With several instances on one database, wait until the person's earlier updates
        are handled (each person's updates apply in order); past EARLIER_WAIT, the bodies of
        those still not handled, for this instance to take over (theirs has died; applying a
        message once is the service's)."""
        if not self.shared:
            return []
        self._taken[sequence] = None
        while len(self._taken) > TAKEN_KEPT:
            self._taken.popitem(last=False)
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + EARLIER_WAIT, 0.01
        while await self._run(self._earlier_elsewhere, sender, sequence):
            if loop.time() > deadline:
                bodies: list[dict[str, Any]] = await self._run(
                    store.pending_of, self.db, self.channel, sender, sequence
                )
                logger.warning("%s update %s: %d earlier updates of its sender taken over",
                               self.channel, sequence, len(bodies))  # fmt: skip
                return bodies
            await asyncio.sleep(pause)  # another process's commit: nothing to await but the db
            pause = min(pause * 2, 0.2)
        return []

    def _earlier_elsewhere(self, sender: str, sequence: int) -> bool:
        """Whether the person has an earlier update not yet handled that another instance
        took (or nobody has yet)."""
        earlier = store.earlier_pending(self.db, self.channel, sender, sequence)
        return any(number not in self._taken for number in earlier)
