"""Updates as Telegram (or an older Bot API server) may send them, made acceptable to PTB.

Telegram's own webhook guide shows updates without `is_bot` on users, `chat_instance` on
callback queries or `file_unique_id` on files, which PTB's strict constructors refuse.
Refusing one would stall long polling (the same update comes back forever) or make Telegram
retry a webhook without end, so the few required fields that can be missing get their neutral
value before parsing.
"""

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.request import HTTPXRequest, RequestData

logger = logging.getLogger(__name__)

_USER_KEYS = ("from", "user", "forward_from", "via_bot", "sender_business_bot")


def lenient(update: dict[str, Any]) -> dict[str, Any]:
    """The update with missing required fields filled in (is_bot, chat type,
    chat_instance, file_unique_id)."""
    for value in update.values():
        if isinstance(value, dict):
            _fill(value)
    query = update.get("callback_query")
    if isinstance(query, dict):
        query.setdefault("chat_instance", "")
    return update


def _fill(node: dict[str, Any]) -> None:
    if "file_id" in node:
        node.setdefault("file_unique_id", node["file_id"])
    for key, value in node.items():
        if isinstance(value, dict):
            if key in _USER_KEYS:
                value.setdefault("is_bot", False)
                value.setdefault("first_name", "")
            if key == "chat" and "id" in value:
                value.setdefault("type", "private" if value["id"] > 0 else "group")
            _fill(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _fill(item)


Keep = Callable[[list[dict[str, Any]]], Awaitable[None]]


class LenientUpdatesRequest(HTTPXRequest):
    """The connection for getUpdates, passing every update through `lenient`; with `keep`,
    the updates are stored before PTB sees them, so before the next getUpdates confirms them
    to Telegram (if storing fails, the call fails and Telegram sends them again)."""

    def __init__(self, *args: Any, keep: Keep | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep = keep

    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        """Fetch as usual; rewrite a successful getUpdates answer (and keep its updates)."""
        code, payload = await super().do_request(url, method, request_data, **timeouts)
        if code != 200 or not url.endswith("/getUpdates"):
            return code, payload
        try:
            body = json.loads(payload)
        except ValueError:
            return code, payload
        if isinstance(body, dict) and isinstance(body.get("result"), list):
            body["result"] = [lenient(u) if isinstance(u, dict) else u for u in body["result"]]
            if self.keep is not None:
                await self.keep([u for u in body["result"] if isinstance(u, dict)])
            return code, json.dumps(body).encode()
        return code, payload
