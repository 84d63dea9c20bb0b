"""Reminders through WhatsApp and what Meta later says about them.

Within 24 hours of a person's last message a reminder goes as ordinary text with buttons;
outside it only an approved template may go, so it goes as the configured utility template
(variables: name, what is owed, deadline; one quick-reply button that runs a command). A send
refused with 131047 (the window closed), at once or later as a failed status, is sent again
once as the template. Other failures mark the person unreachable, which the admin's digest
shows, as with Telegram.
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.channels import store
from bot.channels.store import Contact, Database, SentReminder
from bot.channels.whatsapp.client import GraphClient, GraphError
from bot.channels.whatsapp.format import Piece, pieces_for
from bot.channels.whatsapp.updates import Status
from bot.reminders.delivery import Begin, Delivery, always_begin
from conversations.events import Gist, Reply
from storage.types import utcnow

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)
WINDOW_MARGIN = timedelta(minutes=15)  # a message must arrive before the window closes
MAX_PARAMETER = 200
# Refusals that will not change by trying again (Meta's error codes).
_UNDELIVERABLE = {131026: "failed", 131030: "not_found", 131051: "failed", 131008: "failed"}


def recipient_of(wa_id: str | None, user_id: str | None) -> dict[str, str]:
    """The addressing fields: the phone number where known, else the business-scoped id."""
    if wa_id:
        return {"to": wa_id}
    if user_id:
        return {"recipient": user_id}
    raise ValueError("nobody to send to")


def template_content(gist: Gist, name: str, language: str) -> dict[str, Any]:
    """The reminder template's message: body variables {{1}} name, {{2}} what is owed,
    {{3}} deadline; button 0's payload is the command to run."""

    def text(value: str) -> dict[str, str]:
        flat = " ".join(value.split()) or "-"  # Meta refuses new lines and tabs in variables
        if len(flat) > MAX_PARAMETER:
            flat = flat[: MAX_PARAMETER - 1].rstrip() + "…"
        return {"type": "text", "text": flat}

    return {
        "type": "template",
        "template": {
            "name": name,
            "language": {"policy": "deterministic", "code": language},
            "components": [
                {
                    "type": "body",
                    "parameters": [text(gist.name), text(gist.subject), text(gist.deadline)],
                },
                {
                    "type": "button",
                    "sub_type": "quick_reply",
                    "index": "0",
                    "parameters": [{"type": "payload", "payload": gist.command}],
                },
            ],
        },
    }


class WhatsAppPusher:
    """Sends replies and reminders through one Graph client."""

    channels: tuple[str, ...] = ("whatsapp",)

    def __init__(
        self,
        client: GraphClient,
        db: Database,
        *,
        template: str,
        language: str = "id",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.client = client
        self.db = db
        self.template = template
        self.language = language
        self.clock = clock
        self.number: str | None = None

    async def send_piece(self, recipient: dict[str, str], piece: Piece) -> str:
        """Send one message (uploading its document first); its message id."""
        content = piece.content
        if piece.document is not None:
            media = await self.client.upload(piece.document)
            content = {**content, "document": {**content["document"], "id": media}}
        return await self.client.send(recipient, content)

    async def push(self, identity: str, reply: Reply, begin: Begin = always_begin) -> Delivery:
        """Send one reminder to `whatsapp:KEY`: as text inside the 24-hour window, else (or
        when Meta says the window closed) as the template; `begin` is awaited just before."""
        contact = await asyncio.to_thread(self._contact, identity)
        if contact is None:
            return Delivery(False, unreachable="not_found", detail="no WhatsApp contact")
        if not await begin():
            return Delivery(False, detail="taken over by another instance")
        recipient = recipient_of(contact.wa_id, contact.user_id)
        now = self.clock()
        inside = contact.last_inbound_at is not None and (
            now - contact.last_inbound_at < WINDOW - WINDOW_MARGIN
        )
        try:
            if inside:
                try:
                    return Delivery(True, message_ref=await self._send_reply(recipient, reply))
                except GraphError as error:
                    if not error.window_closed:
                        raise
                    logger.info("%s: the 24-hour window closed; sending the template", identity)
            if reply.gist is None:
                return Delivery(False, unreachable="window", detail="outside 24 hours, no gist")
            ref = await self.client.send(recipient, self._template(reply.gist))
            return Delivery(True, message_ref=ref, as_template=True)
        except GraphError as error:
            return _failed(error)

    async def _send_reply(self, recipient: dict[str, str], reply: Reply) -> str:
        ref = ""
        for piece in pieces_for(reply, self.number):
            ref = await self.send_piece(recipient, piece)
        return ref

    def _template(self, gist: Gist) -> dict[str, Any]:
        return template_content(gist, self.template, self.language)

    async def on_status(self, status: Status) -> None:
        """Record a delivery status on its reminder; a reminder refused for the 24-hour window
        goes again once as the template, any other failure marks the person unreachable."""
        now = self.clock()
        error = f"{status.error_code}: {status.error}" if status.error_code else status.error
        sent = await asyncio.to_thread(self._record, status, error, now)
        if sent is None or status.status != "failed":
            if status.status == "failed" and sent is None:
                logger.warning("a WhatsApp message failed: %s (%s)", status.message_id, error)
            return
        if status.error_code == 131047 and not sent.as_template and sent.gist is not None:
            contact = await asyncio.to_thread(self._contact, sent.identity_key or "")
            if contact is not None:
                gist = Gist(**sent.gist)
                try:
                    ref = await self.client.send(
                        recipient_of(contact.wa_id, contact.user_id), self._template(gist)
                    )
                except GraphError as retry_error:
                    error = str(retry_error)
                else:
                    await asyncio.to_thread(self._resent, sent.id, ref, gist)
                    logger.info("reminder %s sent again as the template", sent.id)
                    return
        reason = "window" if status.error_code == 131047 else "failed"
        await asyncio.to_thread(self._undelivered, sent, reason, error or "failed")

    # --- the database, on threads (bot/channels/store.py) ----------------------------------

    def _contact(self, identity: str) -> Contact | None:
        return store.whatsapp_contact(self.db, identity)

    def _record(self, status: Status, error: str | None, now: datetime) -> SentReminder | None:
        return store.whatsapp_status(
            self.db, message_ref=status.message_id, status=status.status, error=error, now=now
        )

    def _resent(self, reminder_id: int, ref: str, gist: Gist) -> None:
        store.whatsapp_resent(self.db, reminder_id=reminder_id, ref=ref, gist=gist,
                              now=self.clock())  # fmt: skip

    def _undelivered(self, sent: SentReminder, reason: str, error: str) -> None:
        store.whatsapp_undelivered(self.db, sent=sent, reason=reason, error=error,
                                   now=self.clock())  # fmt: skip
        logger.warning("reminder %s was not delivered (%s): marked", sent.id, error)


def _failed(error: GraphError) -> Delivery:
    if error.rate_limited:
        return Delivery(False, retry_after=error.retry_after or 60.0, detail=str(error))
    reason = _UNDELIVERABLE.get(error.code or 0)
    if reason is not None:
        return Delivery(False, unreachable=reason, detail=str(error))
    return Delivery(False, detail=str(error))  # network trouble, 5xx, the unexpected: later
