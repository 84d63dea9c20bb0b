"""What a WhatsApp webhook delivery says, read defensively: messages (text, a button or list
pick, a template's quick reply, a document, anything else) and delivery statuses. Pure: the
signature was checked before the body was parsed (bot/server/web.py)."""

import hashlib
import hmac
from dataclasses import dataclass, replace
from typing import Any

SIGNATURE_HEADER = "X-Hub-Signature-256"


def signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    """Whether `header` is 'sha256=' + the HMAC-SHA256 of the raw body (constant time)."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256=").strip().lower(), expected)


@dataclass(frozen=True)
class Sender:
    """Who wrote: the business-scoped user id and/or the phone number, and the profile name."""

    user_id: str | None
    wa_id: str | None
    name: str | None

    @property
    def key(self) -> str:
        """One key per person for ordering their messages."""
        return self.user_id or self.wa_id or ""


@dataclass(frozen=True)
class Incoming:
    """One message. `kind`: 'text', 'choice' (button or list pick: `text` is its id), 'quick'
    (a template's quick-reply button: `text` is its payload), 'document', 'image' (`text`: the
    caption) or 'other'.
    `context`: the id of the bot's message a pick came from."""

    id: str
    sender: Sender
    kind: str
    text: str = ""
    context: str | None = None
    media_id: str | None = None
    filename: str | None = None
    mime_type: str | None = None
    original_type: str = ""
    sent_at: int = 0  # WhatsApp's timestamp (seconds)
    position: int = 0  # its place among the delivery's messages

    @property
    def sequence(self) -> int:
        """Its place in the order of its sender's messages."""
        return self.sent_at * 1000 + min(self.position, 999)


@dataclass(frozen=True)
class Status:
    """A delivery status of a message the bot sent."""

    message_id: str
    status: str
    error_code: int | None = None
    error: str | None = None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_delivery(body: Any) -> tuple[list[Incoming], list[Status]]:
    """The messages and statuses of one webhook body; anything malformed is skipped."""
    messages: list[Incoming] = []
    statuses: list[Status] = []
    if not isinstance(body, dict):
        return messages, statuses
    for entry in body.get("entry") or []:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, dict) else None
            if isinstance(value, dict):
                messages += _messages(value)
                statuses += _statuses(value)
    return messages, statuses


def _messages(value: dict[str, Any]) -> list[Incoming]:
    contacts = [c for c in value.get("contacts") or [] if isinstance(c, dict)]
    found: list[Incoming] = []
    for message in value.get("messages") or []:
        if not isinstance(message, dict) or not _str(message.get("id")):
            continue
        sender = _sender(message, contacts)
        if sender is None:
            continue
        stamp = message.get("timestamp")
        sent_at = int(stamp) if isinstance(stamp, str) and stamp.isdigit() else 0
        found.append(replace(_incoming(message, sender), sent_at=sent_at, position=len(found)))
    return found


def _sender(message: dict[str, Any], contacts: list[dict[str, Any]]) -> Sender | None:
    user_id = _str(message.get("from_user_id"))
    wa_id = _str(message.get("from"))
    contact = next(
        (
            c
            for c in contacts
            if (user_id and c.get("user_id") == user_id) or (wa_id and c.get("wa_id") == wa_id)
        ),
        contacts[0] if len(contacts) == 1 else {},
    )
    user_id = user_id or _str(contact.get("user_id"))
    wa_id = wa_id or _str(contact.get("wa_id"))
    if not user_id and not wa_id:
        return None
    profile: dict[str, Any] = contact["profile"] if isinstance(contact.get("profile"), dict) else {}
    return Sender(user_id, wa_id, _str(profile.get("name")) or _str(contact.get("username")))


def _incoming(message: dict[str, Any], sender: Sender) -> Incoming:
    kind = message.get("type")
    ident = str(message["id"])
    context: dict[str, Any] = message["context"] if isinstance(message.get("context"), dict) else {}
    came_from = _str(context.get("id"))
    if kind == "text":
        body = (message.get("text") or {}).get("body")
        if isinstance(body, str):
            return Incoming(ident, sender, "text", body, original_type="text")
    if kind == "interactive":
        interactive = message.get("interactive") or {}
        picked = interactive.get("button_reply") or interactive.get("list_reply") or {}
        if isinstance(picked, dict) and _str(picked.get("id")):
            return Incoming(ident, sender, "choice", picked["id"], came_from, original_type=kind)
    if kind == "button":
        payload = (message.get("button") or {}).get("payload")
        if isinstance(payload, str):
            return Incoming(ident, sender, "quick", payload, came_from, original_type=kind)
    if kind in ("document", "image"):
        media = message.get(kind) or {}
        if isinstance(media, dict) and _str(media.get("id")):
            return Incoming(
                ident,
                sender,
                kind,
                _str(media.get("caption")) or "",
                media_id=media["id"],
                filename=_str(media.get("filename")),
                mime_type=_str(media.get("mime_type")),
                original_type=kind,
            )
    return Incoming(ident, sender, "other", original_type=str(kind))


def _statuses(value: dict[str, Any]) -> list[Status]:
    found: list[Status] = []
    for status in value.get("statuses") or []:
        if not isinstance(status, dict):
            continue
        message_id, state = _str(status.get("id")), _str(status.get("status"))
        if message_id is None or state is None:
            continue
        errors = [e for e in status.get("errors") or [] if isinstance(e, dict)]
        first = errors[0] if errors else {}
        code = first.get("code") if isinstance(first.get("code"), int) else None
        detail = _str(first.get("title")) or _str(first.get("message"))
        found.append(Status(message_id, state, code, detail))
    return found
