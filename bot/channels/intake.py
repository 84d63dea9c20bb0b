"""What every chat channel does with a message once the platform's shapes are read, written
once: the dispatcher on threads (it is synchronous), the message whose buttons were live
before, one transaction once the replies are out (the live prompt, the replies as sent, the
update as handled), stale buttons, and incoming documents (who may send them, how large, what
is done with them). The inbox (bot/channels/inbox.py) keeps updates and their order; a channel
(telegram/, whatsapp/) only translates between its platform and these calls.
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
from bot.dispatcher import Dispatcher
from conversations.events import Reply
from conversations.service import Message
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

    def close(self) -> None:
        """Wait for the dispatcher threads to finish."""
        self._executor.shutdown(wait=True)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Blocking work (the dispatcher, the database) off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    # --- a message -------------------------------------------------------------------------

    async def converse(self, message: Message) -> tuple[str | None, list[Reply]]:
        """The message whose buttons were live before this one (taken with the message's own
        transaction: they are the channel's to take away, once), and this one's replies."""
        return await self.run(self.dispatcher.answer, message)

    async def delivered(self, message: Message, prompt: str | None, update: str | None) -> bool:
        """The replies to `message` are out: which message's buttons are live now, the replies
        as sent (a redelivery gets nothing more) and the update (its inbox key) as handled, in
        one transaction. False if that failed (at worst a redelivery gets them once more)."""
        try:
            await self.run(self._delivered, message, prompt, update)
        except Exception:
            logger.exception("could not record the replies to %s as sent", message.identity)
            return False
        return True

    def _delivered(self, message: Message, prompt: str | None, update: str | None) -> None:
        store.delivered(
            self.db, identity=message.identity, message_id=message.message_id, prompt=prompt,
            update=(self.channel, update) if update is not None else None, now=self.clock(),
        )  # fmt: skip

    # --- buttons ---------------------------------------------------------------------------

    async def live_prompt(self, identity: str) -> str | None:
        """The platform's id of the message whose buttons answer the current question."""
        return await self.run(store.open_prompt, self.db, identity)

    async def is_live(self, identity: str, shown: str | None) -> bool:
        """Whether a press on message `shown` answers the question on screen."""
        return shown is not None and await self.live_prompt(identity) == shown

    async def set_prompt(self, identity: str, ref: str | None) -> None:
        """Remember the live message (None: no live buttons)."""
        await self.run(store.set_prompt, self.db, identity, ref, self.clock())

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
