"""The WhatsApp channel: webhook deliveries in (already signature-checked), the shared intake
(bot/channels/intake.py) in the middle, Graph API messages out. It only translates: who is
writing (by business-scoped id or phone number), what they typed or picked, how each reply
looks in WhatsApp (text, reply buttons, lists, documents).

A delivery's messages are kept in the inbox, then it is answered 200 and handled after, on
tasks: different people at the same time, one person's messages in order (and, with several
instances on one database, after their earlier ones another instance holds). A message id
already applied is dropped (redeliveries); one kept but not handled when the bot stopped (or
died) is handled at the next start.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from datetime import datetime
from typing import Any

from bot import texts as common
from bot.channels import texts
from bot.channels.inbox import Inbox, Kept
from bot.channels.intake import MAX_DOWNLOAD_BYTES, IncomingDocument, Intake
from bot.channels.order import PersonLocks
from bot.channels.store import Database, whatsapp_arrival
from bot.channels.whatsapp.client import GraphClient, GraphError
from bot.channels.whatsapp.format import parse_option_id, pieces_for
from bot.channels.whatsapp.push import WhatsAppPusher, recipient_of
from bot.channels.whatsapp.reading import Reading
from bot.channels.whatsapp.updates import Incoming, Status, read_delivery
from bot.dispatcher import Dispatcher
from conversations.commands import is_slow, listed
from conversations.events import Reply
from conversations.files import IncomingFile
from conversations.service import Message
from storage.types import utcnow

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
MAX_COMMANDS = 30  # conversational automation takes at most 30 commands


class WhatsAppChannel:
    """Handles webhook deliveries for one business phone number."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        db: Database,
        client: GraphClient,
        pusher: WhatsAppPusher,
        *,
        workers: int = 16,
        clock: Callable[[], datetime] = utcnow,
        on_handled: Callable[[str], None] | None = None,
        instances: int = 1,
    ) -> None:
        self.dispatcher = dispatcher
        self.db = db
        self.client = client
        self.pusher = pusher
        self.clock = clock
        self.on_handled = on_handled
        self.number: str | None = None
        self.intake = Intake(dispatcher, db, CHANNEL, workers=workers, clock=clock)
        self.inbox = Inbox(db, CHANNEL, clock, instances=instances)
        self._order = PersonLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        self._marked: set[str] = set()  # handled with their replies (Intake.delivered)

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Learn the number's display phone (and so check the token and number id), publish
        the command menu, then handle the messages kept before a stop or a crash."""
        self.number = await self.client.display_number()
        self.pusher.number = self.number
        await self._publish_commands()
        kept = [
            message
            for key, body in await self.inbox.pending()
            for message in read_delivery(body)[0]
            if message.id == key
        ]
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

    async def stop(self) -> None:
        """Finish what is being handled, then close the connections and threads."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        await self.client.close()
        self.intake.close()
        self.inbox.close()

    # --- the inbox: messages kept before Meta is told they arrived -----------------------

    async def keep(self, body: Any) -> None:
        """Store a delivery's messages (before the webhook answers 200)."""
        messages, _ = read_delivery(body)
        await self.inbox.keep(
            [Kept(m.id, _sender(m), m.sequence, body) for m in messages if isinstance(body, dict)]
        )

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
        self._order.waiting(message.sender.key)
        self._spawn(self._in_order(message, replayed))

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _in_order(self, message: Incoming, replayed: bool) -> None:
        try:
            async with self._order.turn(message.sender.key):
                for body in await self.inbox.after_earlier(_sender(message), message.sequence):
                    for earlier in read_delivery(body)[0]:  # its instance died: taken over
                        if _sender(earlier) == _sender(message):
                            await self._handle(earlier, True)
                await self._handle(message, replayed)
        except Exception:
            logger.exception("WhatsApp message %s failed", message.id)
            with suppress(Exception):
                await self._send_all(message, [Reply(common.APOLOGY)], None)
        finally:
            if message.id in self._marked:
                self._marked.discard(message.id)
            else:
                with suppress(Exception):  # else it is handled again at the next start
                    await self.intake.run(self.inbox.mark_handled, message.id)
            if self.on_handled is not None:
                self.on_handled(message.id)

    # --- messages ------------------------------------------------------------------------

    async def _handle(self, message: Incoming, replayed: bool = False) -> None:
        identity = await self.intake.run(self._arrive, message, replayed)
        if identity is None:
            logger.info("WhatsApp message %s already applied", message.id)
            return
        inbound = self._inbound(message, identity)
        slow = message.kind == "document" or (inbound is not None and is_slow(inbound.parsed))
        async with Reading(self.client, message.id, slow):
            await self._answer(message, identity, inbound)

    def _inbound(self, message: Incoming, identity: str) -> Message | None:
        """What the person said, as the dispatcher reads it (None: nothing to read)."""
        if message.kind in ("other", "document", "image"):
            return None
        text = message.text
        if message.kind == "choice":
            picked = parse_option_id(message.text)
            text = picked[1] if picked is not None else ""
        return Message(identity, text, message_id=message.id, display_name=message.sender.name,
                       files=True)  # fmt: skip

    async def _answer(self, message: Incoming, identity: str, inbound: Message | None) -> None:
        """Everything a message gets, while it shows as read with 'typing…' (`inbound`: what
        it says, read once by `_inbound`)."""
        if message.kind == "other":
            await self._send_all(message, [Reply(texts.WA_UNSUPPORTED)], None)
            return
        if message.kind == "image" or (
            message.kind == "document" and await self.intake.awaits_file(identity)
        ):  # evidence (a photo nobody asked for is answered by the conversation)
            await self._file_answer(message, identity)
            return
        if message.kind == "document":
            await self._document(message, identity)
            return
        if message.kind == "choice":
            picked = parse_option_id(message.text)
            if picked is None or (
                picked[0] == "answer" and not await self.intake.is_live(identity, message.context)
            ):
                await self._send_all(message, [Reply(texts.WA_STALE_BUTTON)], identity, keep=True)
                return
        assert inbound is not None
        await self._converse(message, identity, inbound)

    async def _converse(self, message: Incoming, identity: str, inbound: Message) -> None:
        """The conversation's replies sent; their delivery waits to be written (the intake)."""
        _live, replies = await self.intake.converse(inbound)
        if replies:
            prompt = await self._send_all(message, replies, identity, keep=True)
            self.intake.delivered(inbound, prompt, message.id)
            self._marked.add(message.id)  # handled with the delivery

    async def _file_answer(self, message: Incoming, identity: str) -> None:
        """A file handed to the conversation as the person's message, downloaded at once
        (media ids expire); the caption is its text."""
        assert message.media_id is not None
        data = await self.client.download(message.media_id, max_bytes=MAX_DOWNLOAD_BYTES)
        if data is None:
            await self._send_all(message, [Reply(texts.WA_DOCUMENT_TOO_LARGE)], identity, keep=True)
            return
        kind = "jpg" if message.kind == "image" else "bin"
        name = message.filename or f"{message.kind}-{message.media_id}.{kind}"
        inbound = Message(identity, message.text, message_id=message.id,
                          display_name=message.sender.name, file=IncomingFile(name, data),
                          files=True)  # fmt: skip
        await self._converse(message, identity, inbound)

    async def _document(self, message: Incoming, identity: str) -> None:
        """A file: what the intake does with it (bot/channels/intake.py)."""

        async def fetch(limit: int) -> bytes | None:
            assert message.media_id is not None
            return await self.client.download(message.media_id, max_bytes=limit)

        incoming = IncomingDocument(message.filename or "", message.mime_type or "", None, fetch)
        too_large = texts.WA_DOCUMENT_TOO_LARGE
        replies, read = await self.intake.document(identity, incoming, too_large=too_large)
        await self._send_all(message, replies, identity, keep=not read)

    async def _send_all(
        self, message: Incoming, replies: list[Reply], identity: str | None, *, keep: bool = False
    ) -> str | None:
        """Send replies in order to whoever wrote; the last live buttons become the open prompt
        (`keep`: the caller records it, or a notice leaves the current question's buttons
        live); the message whose buttons are live now."""
        recipient = recipient_of(message.sender.wa_id, message.sender.user_id)
        live: str | None = None
        for reply in replies:
            for piece in pieces_for(reply, self.number):
                sent = await self.pusher.send_piece(recipient, piece)
                live = sent if piece.live else None
        if identity is not None and not keep:
            await self.intake.set_prompt(identity, live)
        return live

    # --- statuses ------------------------------------------------------------------------

    async def _status(self, status: Status) -> None:
        try:
            await self.pusher.on_status(status)
        except Exception:
            logger.exception("WhatsApp status of %s failed", status.message_id)

    # --- blocking ------------------------------------------------------------------------

    def _arrive(self, message: Incoming, replayed: bool) -> str | None:
        """The writer's identity key (their 24-hour window opened); None for a message id
        already applied (one kept in the inbox and not handled is taken again: the dispatcher
        applies it once, and sends its replies if they were not sent)."""
        identity, fresh = whatsapp_arrival(
            self.db, user_id=message.sender.user_id, wa_id=message.sender.wa_id,
            message_id=message.id, now=self.clock(),
        )  # fmt: skip
        return identity if fresh or replayed else None


def _sender(message: Incoming) -> str:
    """The inbox's key for a writer (their ids as WhatsApp gives them)."""
    return f"whatsapp:{message.sender.key}"
