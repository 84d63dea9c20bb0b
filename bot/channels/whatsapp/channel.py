"""The WhatsApp channel: webhook deliveries in (already signature-checked), the shared
dispatcher in the middle, Graph API messages out. It only translates: who is writing (by
business-scoped id or phone number), what they typed or picked, how each reply looks in
WhatsApp (text, reply buttons, lists, documents).

A delivery's messages are kept in the inbox, then it is answered 200 and handled after, on
tasks: different people at the same time, one person's messages in order. A message id already
applied is dropped (redeliveries); one kept but not handled when the bot stopped (or died) is
handled at the next start.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot import texts as common
from bot.certificates import texts as certificate_texts
from bot.channels import lookups, texts
from bot.channels.whatsapp.client import GraphClient, GraphError
from bot.channels.whatsapp.format import parse_option_id, pieces_for
from bot.channels.whatsapp.push import WhatsAppPusher, recipient_of
from bot.channels.whatsapp.updates import Incoming, Status, read_delivery
from bot.dispatcher import Dispatcher
from conversations.commands import is_slow, listed, parse
from conversations.events import Reply
from conversations.service import Message
from storage import inbox, whatsapp, writes
from storage.db import read_scope, session_scope
from storage.types import utcnow

logger = logging.getLogger(__name__)

MAX_DOWNLOAD_BYTES = 20_000_000
MAX_COMMANDS = 30  # conversational automation takes at most 30 commands
TYPING_EVERY = 20.0  # Meta shows 'typing…' for about 25 s
SHEET_TYPES = {
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
T = TypeVar("T")


class WhatsAppChannel:
    """Handles webhook deliveries for one business phone number."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        db: Engine,
        client: GraphClient,
        pusher: WhatsAppPusher,
        *,
        workers: int = 16,
        clock: Callable[[], datetime] = utcnow,
        on_handled: Callable[[str], None] | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.db = db
        self.client = client
        self.pusher = pusher
        self.clock = clock
        self.on_handled = on_handled
        self.number: str | None = None
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="lsp-bot-wa")
        self._locks: dict[str, asyncio.Lock] = {}  # one per person with messages under way
        self._holders: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Learn the number's display phone (and so check the token and number id), then
        handle the messages kept before a stop or a crash."""
        self.number = await self.client.display_number()
        self.pusher.number = self.number
        await self._publish_commands()
        kept = await self._run(self._pending)
        for message in kept:
            self._queue(message, replayed=True)
        if kept:
            logger.info("%d WhatsApp messages kept before a stop are handled now", len(kept))

    async def _publish_commands(self) -> None:
        """The number's command menu: the members' commands (WhatsApp has one menu for
        everyone; the admin's commands are in /bantuan)."""
        menu = [(spec.name, spec.description) for spec in listed(admin=False)][:MAX_COMMANDS]
        try:
            await self.client.set_commands(menu)
        except GraphError as error:  # the menu is a convenience: the bot works without it
            logger.warning("WhatsApp command menu not published: %s", error)

    # --- the inbox: messages kept before Meta is told they arrived -----------------------

    async def keep(self, body: Any) -> None:
        """Store a delivery's messages (before the webhook answers 200)."""
        messages, _ = read_delivery(body)
        if messages:
            await self._run(self._keep, [m.id for m in messages], body)

    def _keep(self, ids: list[str], body: dict[str, Any]) -> None:
        kept = [inbox.Kept(key, None, None, body) for key in ids]
        lookups.keep_updates(self.db, "whatsapp", kept, self.clock())

    def _pending(self) -> list[Incoming]:
        with read_scope(self.db) as session:
            rows = inbox.pending_with_keys(session, channel="whatsapp")
        found = []
        for key, body in rows:
            found += [m for m in read_delivery(body)[0] if m.id == key]
        return found

    def _mark_handled(self, message_id: str) -> None:
        lookups.update_handled(self.db, "whatsapp", message_id, self.clock())

    async def stop(self) -> None:
        """Finish what is being handled, then close the connections and threads."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        await self.client.close()
        self._executor.shutdown(wait=True)

    def accept(self, body: Any) -> int:
        """Take a signed delivery: its messages and statuses are handled after this returns;
        how many there were."""
        messages, statuses = read_delivery(body)
        for message in messages:
            self._queue(message)
        for status in statuses:
            self._spawn(self._status(status))
        return len(messages) + len(statuses)

    def _queue(self, message: Incoming, *, replayed: bool = False) -> None:
        key = message.sender.key
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        self._spawn(self._in_order(lock, message, replayed))

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _in_order(self, lock: asyncio.Lock, message: Incoming, replayed: bool) -> None:
        try:
            async with lock:
                await self._handle(message, replayed)
        except Exception:
            logger.exception("WhatsApp message %s failed", message.id)
            with suppress(Exception):
                await self._send_all(message, [Reply(common.APOLOGY)], None)
        finally:
            with suppress(Exception):  # else it is handled again at the next start
                await self._run(self._mark_handled, message.id)
            key = message.sender.key
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key]
                del self._locks[key]
            if self.on_handled is not None:
                self.on_handled(message.id)

    # --- messages ------------------------------------------------------------------------

    async def _handle(self, message: Incoming, replayed: bool = False) -> None:
        identity = await self._run(self._arrive, message, replayed)
        if identity is None:
            logger.info("WhatsApp message %s already applied", message.id)
            return
        slow = message.kind == "document" or is_slow(parse(message.text))
        async with self._typing(message.id, slow):
            await self._answer(message, identity)

    async def _answer(self, message: Incoming, identity: str) -> None:
        """Everything a message gets, while it shows as read with 'typing…'."""
        if message.kind == "other":
            await self._send_all(message, [Reply(texts.WA_UNSUPPORTED)], None)
            return
        if message.kind == "document":
            await self._document(message, identity)
            return
        text = message.text
        if message.kind == "choice":
            picked = parse_option_id(message.text)
            live = await self._run(self._open_prompt, identity)
            if picked is None or (picked[0] == "answer" and live != message.context):
                await self._send_all(message, [Reply(texts.WA_STALE_BUTTON)], identity, keep=True)
                return
            text = picked[1]
        inbound = Message(identity, text, message_id=message.id, display_name=message.sender.name)
        replies = await self._run(self.dispatcher.handle, inbound)
        if replies:
            await self._send_all(message, replies, identity)
            await self._run(self.dispatcher.replied, inbound)

    async def _document(self, message: Incoming, identity: str) -> None:
        """From an admin, a PDF is checked against the stored finals and a spreadsheet is
        imported into the certificate register; anything else, or anyone else's, is declined
        unread."""
        name = (message.filename or "").lower()
        mime = message.mime_type or ""
        is_pdf = mime == "application/pdf" or name.endswith(".pdf")
        is_sheet = name.endswith((".xlsx", ".csv")) or mime in SHEET_TYPES
        if not (is_pdf or is_sheet) or self.dispatcher.reports is None:
            await self._send_all(message, [Reply(texts.TG_DOCUMENT_NOT_PDF)], identity, keep=True)
            return
        if not await self._run(self._is_admin, identity):
            refusal = common.DOCUMENT_ADMIN_ONLY if is_pdf else certificate_texts.IMPORT_ADMIN_ONLY
            await self._send_all(message, [Reply(refusal)], identity, keep=True)
            return
        assert message.media_id is not None
        data = await self.client.download(message.media_id, max_bytes=MAX_DOWNLOAD_BYTES)
        if data is None:
            replies = [Reply(texts.WA_DOCUMENT_TOO_LARGE)]
        elif is_pdf:
            replies = await self._run(self.dispatcher.reports.verify, identity, data)
        else:
            filename = message.filename or "daftar.xlsx"
            replies = await self._run(self.dispatcher.document, identity, filename, data)
        await self._send_all(message, replies, identity)

    async def _send_all(
        self, message: Incoming, replies: list[Reply], identity: str | None, *, keep: bool = False
    ) -> None:
        """Send replies in order to whoever wrote; the last live buttons become the open prompt
        (`keep`: a notice that leaves the current question's buttons live)."""
        recipient = recipient_of(message.sender.wa_id, message.sender.user_id)
        live: str | None = None
        for reply in replies:
            for piece in pieces_for(reply, self.number):
                sent = await self.pusher.send_piece(recipient, piece)
                live = sent if piece.live else None
        if identity is not None and not keep:
            await self._run(self._set_prompt, identity, live)

    def _typing(self, message_id: str, active: bool) -> Any:
        return _Typing(self.client, message_id, active)

    # --- statuses ------------------------------------------------------------------------

    async def _status(self, status: Status) -> None:
        try:
            await self.pusher.on_status(status)
        except Exception:
            logger.exception("WhatsApp status of %s failed", status.message_id)

    # --- blocking work, off the event loop -------------------------------------------------

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _arrive(self, message: Incoming, replayed: bool) -> str | None:
        """The writer's identity key (their 24-hour window opened); None for a message id
        already applied (one kept in the inbox and not handled is taken again: the dispatcher
        applies it once, and sends its replies if they were not sent)."""
        now = self.clock()
        with session_scope(self.db) as session:
            identity = whatsapp.seen(
                session,
                user_id=message.sender.user_id,
                wa_id=message.sender.wa_id,
                now=now,
                inbound=True,
            )
            fresh = writes.mark_processed(
                session, identity_key=identity, message_id=f"wa-in:{message.id}", now=now
            )
            session.commit()
        return identity if fresh or replayed else None

    def _open_prompt(self, identity: str) -> str | None:
        return lookups.open_prompt(self.db, identity)

    def _set_prompt(self, identity: str, ref: str | None) -> None:
        lookups.set_prompt(self.db, identity, ref, self.clock())

    def _is_admin(self, identity: str) -> bool:
        return lookups.is_admin(self.db, identity)


class _Typing:
    """While the body runs, the incoming message is marked read with 'typing…' (renewed)."""

    def __init__(self, client: GraphClient, message_id: str, renew: bool) -> None:
        self.client, self.message_id, self.renew = client, message_id, renew
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> None:
        self._task = asyncio.create_task(self._keep())

    async def __aexit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def _keep(self) -> None:
        with suppress(GraphError):
            while True:
                await self.client.mark_read(self.message_id, typing=True)
                if not self.renew:
                    return
                await asyncio.sleep(TYPING_EVERY)
