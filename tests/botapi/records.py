"""What the stand-in Bot API knows: the people, what the bot sent and called, and failures
a test wants it to produce."""

from dataclasses import dataclass
from typing import Any

from tests.botapi.spec import Upload

BOT = {"id": 5000000001, "is_bot": True, "first_name": "LSP Bot", "username": "lsp_uji_bot"}


@dataclass
class Person:
    """Someone on Telegram (their private chat has the same id)."""

    id: int
    first_name: str
    last_name: str | None = None

    def as_user(self) -> dict[str, Any]:
        """The User object."""
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        user["language_code"] = "id"
        return user

    def as_chat(self) -> dict[str, Any]:
        """Their private Chat object."""
        return {"id": self.id, "type": "private", "first_name": self.first_name}


@dataclass
class Sent:
    """A message the bot sent, as it stands now (edits applied)."""

    message_id: int
    chat_id: int
    text: str | None
    reply_markup: dict[str, Any] | None = None
    document: Upload | None = None
    edits: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class Failure:
    """An injected failure: the next `times` calls of `method` get this HTTP status."""

    method: str
    times: int
    status: int
    retry_after: int = 0
    chat_id: int | None = None
