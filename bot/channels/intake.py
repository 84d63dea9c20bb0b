"""What every chat channel does with a message once the platform's shapes are read, written
once: the dispatcher on threads (it is synchronous), the message whose buttons were live
before, what is recorded once the replies are out (the live prompt, the replies as sent, the
update as handled: written with the person's next message or with everyone's within a moment,
bot/channels/deliveries.py), stale buttons, and incoming documents (who may send them, how
large, what is done with them). The inbox (bot/channels/inbox.py) keeps updates and their
order; a channel (telegram/, whatsapp/) only translates between its platform and these calls.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot import texts as common
from bot.certificates import texts as certificate_texts
from bot.channels import store, texts
from bot.channels.deliveries import FLUSH_AFTER, Deliveries
from bot.dispatcher import Dispatcher
from conversations.events import Reply
from conversations.service import Message
from storage.delivery import Delivered
from storage.types import utcnow

logger = logging.getLogger(__name__)

MAX_DOWNLOAD_BYTES = 20_000_000
SHEET_TYPES = {
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
T = TypeVar("T")


@dataclass(frozen=True)
class IncomingDocument:
    """A file a person sent: its name and type as the platform says, its size if known, and
    how to fetch its bytes (None when it is larger than allowed)."""

    filename: str
    mime_type: str
    size: int | None
    fetch: Callable[[int], Awaitable[bytes | None]]

    @property
    def kind(self) -> str | None:
        """'pdf' (a report to verify), 'sheet' (a certificate list) or None."""
        name = self.filename.lower()
        if self.mime_type == "application/pdf" or name.endswith(".pdf"):
            return "pdf"
        if name.endswith((".xlsx", ".csv")) or self.mime_type in SHEET_TYPES:
            return "sheet"
        return None


class Intake:
    """The channel-agnostic half of a chat channel."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        db: Engine,
        channel: str,
        *,
        workers: int = 16,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.dispatcher = dispatcher
        self.db = db
        self.channel = channel
        self.clock = clock
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix=f"lsp-bot-{channel}")
        self.deliveries = Deliveries()
        # Its own thread: a message waiting for its person's delivery to be written never
        # holds the thread that writes it.
        self._flusher = ThreadPoolExecutor(1, thread_name_prefix=f"lsp-bot-{channel}-flush")
        self._flush: asyncio.TimerHandle | None = None
        self._flushing: set[asyncio.Task[None]] = set()

    def close(self) -> None:
        """Wait for the dispatcher threads to finish; write the deliveries still waiting."""
        self._executor.shutdown(wait=True)
        self._flusher.shutdown(wait=True)
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        self._write(self.deliveries.drain())

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Blocking work (the dispatcher, the database) off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    # --- a message -------------------------------------------------------------------------

    async def converse(self, message: Message) -> tuple[str | None, list[Reply]]:
        """The message whose buttons were live before this one (taken with the message's own
        transaction: they are the channel's to take away, once), and this one's replies. The
        person's delivery still waiting is written in that same transaction."""
        return await self.run(self._answer, message)

    def _answer(self, message: Message) -> tuple[str | None, list[Reply]]:
        return self.dispatcher.answer(message, self.deliveries.take(message.identity))

    def delivered(self, message: Message, prompt: str | None, update: str | None) -> None:
        """The replies to `message` are out: which message's buttons are live now, the replies
        as sent (a redelivery gets nothing more) and the update (its inbox key) as handled,
        written with the person's next message or within FLUSH_AFTER (the update needs no mark
        of its own). On the event loop."""
        replied = (message.message_id,) if message.message_id is not None else ()
        updates = ((self.channel, update),) if update is not None else ()
        self._wait(Delivered(message.identity, prompt, replied, updates))

    def _wait(self, delivery: Delivered) -> None:
        self.deliveries.add(delivery)
        self._schedule()

    def _schedule(self) -> None:
        """Write the waiting deliveries within FLUSH_AFTER (unless that is planned already)."""
        if self._flush is not None:
            return
        loop = asyncio.get_running_loop()

        def start() -> None:
            task = loop.create_task(self.flush())
            self._flushing.add(task)
            task.add_done_callback(self._flushing.discard)

        self._flush = loop.call_later(FLUSH_AFTER, start)

    async def flush(self) -> None:
        """Write every waiting delivery, in one transaction."""
        self._flush = None
        waiting = self.deliveries.drain()
        if waiting:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._flusher, self._write, waiting)
        if len(self.deliveries):  # some could not be written, or came meanwhile
            self._schedule()

    def _write(self, waiting: list[Delivered]) -> None:
        if not waiting:
            return
        try:
            store.record_deliveries(self.db, waiting, self.clock())
        except Exception:  # kept, and tried again with the next ones
            logger.exception("could not record %d deliveries", len(waiting))
            self.deliveries.written(waiting, ok=False)
        else:
            self.deliveries.written(waiting, ok=True)

    # --- buttons ---------------------------------------------------------------------------

    async def live_prompt(self, identity: str) -> str | None:
        """The platform's id of the message whose buttons answer the current question."""
        known, prompt = self.deliveries.prompt(identity)
        if known:
            return prompt
        return await self.run(store.open_prompt, self.db, identity)

    async def is_live(self, identity: str, shown: str | None) -> bool:
        """Whether a press on message `shown` answers the question on screen."""
        return shown is not None and await self.live_prompt(identity) == shown

    async def set_prompt(self, identity: str, ref: str | None) -> None:
        """Remember the live message (None: no live buttons), as a delivery."""
        self._wait(Delivered(identity, ref))

    async def awaits_file(self, identity: str) -> bool:
        """Whether the person's conversation is waiting for files (evidence of an answer)."""
        return await self.run(store.awaits_file, self.db, identity)

    async def is_admin(self, identity: str) -> bool:
        """Whether the identity belongs to an active Manajer Administrasi."""
        return await self.run(store.is_admin, self.db, identity)

    # --- documents -------------------------------------------------------------------------

    async def document(
        self, identity: str, document: IncomingDocument, *, too_large: str
    ) -> tuple[list[Reply], bool]:
        """(replies, whether the file was read). From an admin, a PDF is checked against the
        stored finals and a spreadsheet is imported into the certificate register; anything
        else, or anyone else's, is declined unread (`too_large`: the channel's words for a file
        over the limit)."""
        kind = document.kind
        if kind is None or self.dispatcher.reports is None:
            return [Reply(texts.TG_DOCUMENT_NOT_PDF)], False
        if not await self.is_admin(identity):
            refusal = common.DOCUMENT_ADMIN_ONLY if kind == "pdf" else None
            return [Reply(refusal or certificate_texts.IMPORT_ADMIN_ONLY)], False
        if (document.size or 0) > MAX_DOWNLOAD_BYTES:
            return [Reply(too_large)], True
        data = await document.fetch(MAX_DOWNLOAD_BYTES)
        if data is None:
            return [Reply(too_large)], True
        if kind == "pdf":
            return await self.run(self.dispatcher.reports.verify, identity, data), True
        filename = document.filename or "daftar.xlsx"
        return await self.run(self.dispatcher.document, identity, filename, data), True

    # --- the channel's own lookups ---------------------------------------------------------

    async def admin_identities(self) -> list[str]:
        """This channel's active admins."""
        return await self.run(store.admin_identities, self.db, self.channel)
