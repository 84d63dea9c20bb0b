"""A small client of the WhatsApp Cloud API (Meta's Graph API) over httpx: send a message,
upload and download media, mark a message read with the typing indicator, and read the
number's display phone. The base URL carries the Graph version and may point at a proxy or a
stand-in; the token goes in a header, never in a URL, so logged URLs hold no secret.

Sending keeps under Meta's pace: about one message a second to one person (a burst of a few
allowed), 80 a second from the number, and waits out a rate-limit error a few times.
"""

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx

from conversations.events import Document

logger = logging.getLogger(__name__)

RATE_LIMITED = frozenset({4, 80007, 130429, 131056})  # app, account, number, pair
WINDOW_CLOSED = 131047
PER_PERSON_RATE = 1.0  # messages a second, sustained, to one person
PER_PERSON_BURST = 3
NUMBER_SPACING = 1 / 80
RATE_RETRIES = 4


@dataclass
class GraphError(Exception):
    """What the Graph API refused: HTTP status, Meta's error code and message."""

    status: int
    code: int | None
    message: str
    retry_after: float | None = None

    def __str__(self) -> str:
        return f"HTTP {self.status}, code {self.code}: {self.message}"

    @property
    def rate_limited(self) -> bool:
        """Too many messages: to retry later."""
        return self.status == 429 or self.code in RATE_LIMITED

    @property
    def window_closed(self) -> bool:
        """More than 24 hours since the person wrote: only a template may go."""
        return self.code == WINDOW_CLOSED


class _Bucket:
    """A token bucket: `rate` a second, up to `burst` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.at = float(burst), time.monotonic()
        self.lock = asyncio.Lock()

    async def take(self) -> None:
        async with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens < 1:
                await asyncio.sleep((1 - self.tokens) / self.rate)
                self.tokens, self.at = 1.0, time.monotonic()
            self.tokens -= 1


class GraphClient:
    """One business phone number's messages through `base_url` (such as
    https://graph.facebook.com/v23.0)."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        phone_number_id: str,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 60.0,
        per_person_rate: float = PER_PERSON_RATE,
        rate_wait: float = 2.0,
    ) -> None:
        self.phone_number_id = phone_number_id
        self.per_person_rate = per_person_rate
        self.rate_wait = rate_wait
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            transport=transport,
        )
        self._people: dict[str, _Bucket] = {}
        self._number = _Bucket(1 / NUMBER_SPACING, 1)

    async def close(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    async def display_number(self) -> str:
        """The business number's phone as people see it (checks the token on the way)."""
        body = await self._call(
            "GET", self.phone_number_id, params={"fields": "display_phone_number"}
        )
        return str(body.get("display_phone_number", ""))

    async def set_commands(self, commands: list[tuple[str, str]]) -> None:
        """The number's command menu ((name, description) each), shown to everyone who
        writes to it (conversational automation: no welcome message, no prompts)."""
        listed = [{"command_name": name, "command_description": text} for name, text in commands]
        payload = {"enable_welcome_message": False, "prompts": [], "commands": listed}
        path = f"{self.phone_number_id}/conversational_automation"
        await self._call("POST", path, json=payload)

    async def send(self, recipient: dict[str, str], content: dict[str, Any]) -> str:
        """Send one message (`recipient`: {'to': phone} or {'recipient': business-scoped id});
        its message id. Rate-limit refusals are waited out a few times, then raised."""
        key = next(iter(recipient.values()))
        bucket = self._people.setdefault(key, _Bucket(self.per_person_rate, PER_PERSON_BURST))
        payload = {"messaging_product": "whatsapp", "recipient_type": "individual"}
        payload |= recipient | content
        for attempt in range(RATE_RETRIES + 1):
            await bucket.take()
            await self._number.take()
            try:
                body = await self._call("POST", f"{self.phone_number_id}/messages", json=payload)
            except GraphError as error:
                if not error.rate_limited or attempt == RATE_RETRIES:
                    raise
                wait = error.retry_after or self.rate_wait * 2**attempt
                logger.warning("WhatsApp rate limit (code %s): waiting %.1f s", error.code, wait)
                await asyncio.sleep(wait)
                continue
            self._forget_idle()
            return str(body["messages"][0]["id"])
        raise AssertionError("unreachable")

    async def upload(self, document: Document) -> str:
        """Upload a file as media; its media id (valid 30 days)."""
        files = {"file": (document.filename, document.data, document.mime_type)}
        data = {"messaging_product": "whatsapp", "type": document.mime_type}
        body = await self._call("POST", f"{self.phone_number_id}/media", data=data, files=files)
        return str(body["id"])

    async def mark_read(self, message_id: str, *, typing: bool) -> None:
        """Mark an incoming message read, showing 'typing…' (about 25 s, or until a reply)."""
        payload: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": message_id,
        }
        if typing:
            payload["typing_indicator"] = {"type": "text"}
        await self._call("POST", f"{self.phone_number_id}/messages", json=payload)

    async def download(self, media_id: str, *, max_bytes: int) -> bytes | None:
        """An incoming file's bytes (None when larger than `max_bytes`)."""
        meta = await self._call("GET", media_id, params={"phone_number_id": self.phone_number_id})
        if int(meta.get("file_size") or 0) > max_bytes:
            return None
        chunks: list[bytes] = []
        size = 0
        async with self._http.stream("GET", str(meta["url"])) as response:
            if response.status_code != 200:
                raise GraphError(response.status_code, None, "media download failed")
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return None
                chunks.append(chunk)
        return b"".join(chunks)

    async def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise GraphError(0, None, f"{type(error).__name__}") from error
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code == 200 and isinstance(body, dict):
            return body
        problem = body.get("error", {}) if isinstance(body, dict) else {}
        retry = response.headers.get("Retry-After")
        raise GraphError(
            response.status_code,
            problem.get("code"),
            str(problem.get("message", response.reason_phrase)),
            float(retry) if retry and retry.replace(".", "", 1).isdigit() else None,
        )

    def _forget_idle(self) -> None:
        if len(self._people) < 2000:
            return
        for key in [k for k, b in self._people.items() if b.tokens >= b.burst - 1]:
            del self._people[key]
