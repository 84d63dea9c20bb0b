"""A stand-in of Meta's Graph API (WhatsApp Cloud API) over real HTTP, for tests; and Meta's
side of the webhook: it posts people's messages and delivery statuses, signed with the app
secret, to the bot's webhook URL.

It runs uvicorn on a thread of its own, so a bot in the test's event loop or in another
process talks to it exactly as to graph.facebook.com. Every request is checked against Meta's
OpenAPI description and limits (`tests.graphapi.spec`), the 24-hour window is enforced (error
131047, at once or later as a failed status), the pair rate and the number's throughput are
watched, and rate-limit errors come on demand. Breaches are collected in `violations`; the
`graph` fixture fails the test on any.
"""

import asyncio
import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.graphapi.spec import automation_problems, limit, message_problems

VERSION = "v23.0"
TOKEN = "EAAtest-lsp-bot-whatsapp-token"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_NUMBER = "+62 811-3800-0001"
APP_SECRET = "TEST_APP_SECRET"
VERIFY_TOKEN = "verify-lsp-bot"
WINDOW = 24 * 3600
PAIR_BURST = 6  # tolerated: a short burst to one person, then about one a second
PAIR_RATE = 1.0
THROUGHPUT = limit("throughput per business phone number")["max"]


@dataclass
class Person:
    """Someone on WhatsApp: a phone number (wa_id), a business-scoped id, or both."""

    name: str
    wa_id: str | None = None
    user_id: str | None = None

    @property
    def key(self) -> str:
        """How the stand-in files what is sent to them."""
        return self.user_id or self.wa_id or ""


@dataclass
class Sent:
    """A message the bot sent to someone."""

    id: str
    to: str
    kind: str
    payload: dict[str, Any]
    at: float
    document: bytes | None = None

    @property
    def text(self) -> str:
        """What the person reads: the text, an interactive body, a caption, a template's
        variables."""
        p = self.payload
        if self.kind == "text":
            return str(p["text"]["body"])
        if self.kind == "interactive":
            return str(p["interactive"]["body"]["text"])
        if self.kind == "document":
            return str(p["document"].get("caption", ""))
        if self.kind == "template":
            body = next(c for c in p["template"]["components"] if c["type"] == "body")
            return " | ".join(str(x["text"]) for x in body["parameters"])
        return ""

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(title, id) of its reply buttons or list rows; a template's quick reply."""
        p = self.payload
        if self.kind == "interactive":
            action = p["interactive"]["action"]
            if "buttons" in action:
                return [(b["reply"]["title"], b["reply"]["id"]) for b in action["buttons"]]
            return [(r["title"], r["id"]) for s in action["sections"] for r in s["rows"]]
        return []

    @property
    def filename(self) -> str | None:
        """The document's file name."""
        return self.payload["document"]["filename"] if self.kind == "document" else None


@dataclass
class _State:
    sent: dict[str, list[Sent]] = field(default_factory=dict)
    requests: list[tuple[str, str, float]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    media: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)
    incoming_media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    last_inbound: dict[str, float] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    reads: list[dict[str, Any]] = field(default_factory=list)
    recent: deque[float] = field(default_factory=deque)
    pair: dict[str, tuple[float, float]] = field(default_factory=dict)
    fail_next: list[tuple[int, int, str | None]] = field(default_factory=list)
    late_window_failure: bool = False
    statuses: bool = False
    posted: list[tuple[int, str]] = field(default_factory=list)
    commands: list[dict[str, str]] = field(default_factory=list)


class GraphStandIn:
    """Start with `start()`, point the bot at `base_url`, then `write`/`pick`/`send_file` as
    people and read `screen(...)`; webhook posts go to `webhook_url` once it is set."""

    def __init__(self, *, pair_rate: float = PAIR_RATE) -> None:
        """`pair_rate`: messages a second one person may get after a burst (Meta's is about
        one; tests that do not look at pacing raise it, and so do the bot's)."""
        self.pair_rate = pair_rate
        self._lock = threading.Lock()
        self._state = _State()
        self._ids = itertools.count(1)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.port = 0
        self.webhook_url = ""
        self.app_secret = APP_SECRET

    # --- lifecycle -----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What WHATSAPP_API_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}/{VERSION}"

    def start(self) -> "GraphStandIn":
        """Serve on a free local port until `stop()`."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(
            uvicorn.Config(self._app(), log_level="error", lifespan="off")
        )

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            try:
                self._loop.run_until_complete(self._server.serve(sockets=[sock]))  # type: ignore[union-attr]
            finally:
                sock.close()
                self._loop.close()

        self._thread = threading.Thread(target=serve, name="graph-stand-in", daemon=True)
        self._thread.start()
        wait_for(lambda: bool(self._server and self._server.started), 10, "stand-in start")
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    # --- what people do (Meta posts it to the webhook) -------------------------------------

    def write(self, person: Person, text: str) -> str:
        """The person types a message; its id."""
        return self._deliver(person, {"type": "text", "text": {"body": text}})

    def pick(self, person: Person, sent: Sent, choice_id: str, title: str) -> str:
        """The person presses a reply button or picks a list row of `sent`."""
        kind = (
            "button_reply" if "buttons" in sent.payload["interactive"]["action"] else "list_reply"
        )
        interactive = {"type": kind, kind: {"id": choice_id, "title": title}}
        message = {"type": "interactive", "interactive": interactive}
        message["context"] = {"from": DISPLAY_NUMBER, "id": sent.id}
        return self._deliver(person, message)

    def quick_reply(self, person: Person, sent: Sent, payload: str, text: str) -> str:
        """The person presses a template's quick-reply button."""
        message = {"type": "button", "button": {"payload": payload, "text": text}}
        message["context"] = {"from": DISPLAY_NUMBER, "id": sent.id}
        return self._deliver(person, message)

    def send_file(self, person: Person, filename: str, data: bytes, mime: str) -> str:
        """The person sends a document."""
        media_id = str(9000000 + next(self._ids))
        with self._lock:
            self._state.incoming_media[media_id] = (data, mime)
        document = {"filename": filename, "mime_type": mime, "id": media_id, "sha256": "x"}
        return self._deliver(person, {"type": "document", "document": document})

    def send_image(self, person: Person, data: bytes, caption: str | None = None) -> str:
        """The person sends a photo."""
        media_id = str(9000000 + next(self._ids))
        with self._lock:
            self._state.incoming_media[media_id] = (data, "image/jpeg")
        image: dict[str, Any] = {"mime_type": "image/jpeg", "id": media_id, "sha256": "x"}
        if caption:
            image["caption"] = caption
        return self._deliver(person, {"type": "image", "image": image})

    def send_other(self, person: Person, kind: str, content: dict[str, Any]) -> str:
        """A reaction, sticker, location, voice note, ..."""
        return self._deliver(person, {"type": kind, kind: content})

    def post(self, body: bytes, headers: dict[str, str]) -> int:
        """Post raw bytes to the webhook (forged, unsigned, replayed deliveries); the status.
        Whoever wrote in it opens their 24-hour window, as with Meta."""
        self._note_writers(body)
        response = httpx.post(self.webhook_url, content=body, headers=headers, timeout=30)
        return response.status_code

    def signed(self, body: bytes, secret: str | None = None) -> dict[str, str]:
        """The headers Meta sends with a body."""
        digest = hmac.new((secret or self.app_secret).encode(), body, hashlib.sha256).hexdigest()
        return {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}

    def delivery(self, person: Person, message: dict[str, Any]) -> bytes:
        """A webhook body carrying one message of this person, as Meta words it in 2026."""
        message = {
            "id": f"wamid.in{next(self._ids)}",
            "timestamp": str(int(time.time())),
            **message,
        }
        contact: dict[str, Any] = {"profile": {"name": person.name}}
        if person.wa_id:
            message["from"] = person.wa_id
            contact["wa_id"] = person.wa_id
        if person.user_id:
            message["from_user_id"] = person.user_id
            contact["user_id"] = person.user_id
        value = {"contacts": [contact], "messages": [message]}
        return self._wrap(value)

    def _note_writers(self, body: bytes) -> None:
        try:
            values = [c["value"] for e in json.loads(body)["entry"] for c in e["changes"]]
        except (ValueError, KeyError, TypeError):
            return
        with self._lock:
            for value in values:
                contacts = value.get("contacts") or [{}]
                for message in value.get("messages") or []:
                    user_id = message.get("from_user_id") or contacts[0].get("user_id")
                    wa_id = message.get("from") or contacts[0].get("wa_id")
                    key = user_id or wa_id
                    self._state.last_inbound[key] = time.time()
                    for alias in (user_id, wa_id):
                        if alias:
                            self._state.aliases[alias] = key

    def _deliver(self, person: Person, message: dict[str, Any]) -> str:
        body = self.delivery(person, message)
        status = self.post(body, self.signed(body))
        if status != 200:
            raise AssertionError(f"the webhook answered {status}")
        return str(json.loads(body)["entry"][0]["changes"][0]["value"]["messages"][0]["id"])

    def _wrap(self, value: dict[str, Any]) -> bytes:
        metadata = {"display_phone_number": DISPLAY_NUMBER, "phone_number_id": PHONE_NUMBER_ID}
        value = {"messaging_product": "whatsapp", "metadata": metadata, **value}
        change = {"value": value, "field": "messages"}
        body = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}
        return json.dumps(body).encode()

    def status(self, sent: Sent, state: str, code: int | None = None) -> int:
        """Meta reports a delivery status of a message the bot sent."""
        status: dict[str, Any] = {
            "id": sent.id,
            "status": state,
            "timestamp": str(int(time.time())),
            "recipient_id": sent.to,
        }
        if code is not None:
            status["errors"] = [{"code": code, "title": _TITLES.get(code, "Failed")}]
        body = self._wrap({"statuses": [status]})
        return self.post(body, self.signed(body))

    # --- what the test controls --------------------------------------------------------------

    def close_window(self, person: Person, *, later: bool = False) -> None:
        """Make it more than 24 hours since the person wrote. `later`: sends outside the window
        are accepted, then fail as a 'failed' status with 131047 (as Meta often does)."""
        with self._lock:
            self._state.last_inbound[person.key] = time.time() - WINDOW - 60
            self._state.late_window_failure = later

    def fail_next(self, times: int, code: int, person: Person | None = None) -> None:
        """The next `times` sends (to this person) are refused with this error code."""
        with self._lock:
            self._state.fail_next.append((times, code, person.key if person else None))

    # --- what the test reads ----------------------------------------------------------------

    def screen(self, person: Person) -> list[Sent]:
        """Every message the bot sent to this person, oldest first."""
        with self._lock:
            return list(self._state.sent.get(person.key, []))

    def all_sent(self) -> list[Sent]:
        """Every message the bot sent."""
        with self._lock:
            return sorted((s for v in self._state.sent.values() for s in v), key=lambda s: s.at)

    def commands(self) -> list[dict[str, str]]:
        """The command menu the number publishes."""
        with self._lock:
            return list(self._state.commands)

    def reads(self) -> list[dict[str, Any]]:
        """The mark-read (and typing) requests."""
        with self._lock:
            return list(self._state.reads)

    def requests(self) -> list[tuple[str, str, float]]:
        """(method, path, time) of every request."""
        with self._lock:
            return list(self._state.requests)

    @property
    def violations(self) -> list[str]:
        """Every breach of the OpenAPI description, the limits or the rates."""
        with self._lock:
            return list(self._state.violations)

    def media(self, media_id: str) -> tuple[bytes, str, str]:
        """An uploaded file: bytes, mime type, filename."""
        with self._lock:
            return self._state.media[media_id]

    # --- the HTTP side ----------------------------------------------------------------------

    def _app(self) -> Starlette:
        base = f"/{VERSION}"
        return Starlette(
            routes=[
                Route(f"{base}/{{phone}}/messages", self._messages, methods=["POST"]),
                Route(f"{base}/{{phone}}/media", self._upload, methods=["POST"]),
                Route(
                    f"{base}/{{phone}}/conversational_automation",
                    self._automation,
                    methods=["POST"],
                ),
                Route("/download/{media}", self._download, methods=["GET"]),
                Route(f"{base}/{{node}}", self._node, methods=["GET"]),
            ]
        )

    def _refuse(self, status: int, code: int, message: str) -> JSONResponse:
        error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "x"}
        return JSONResponse({"error": error}, status)

    def _authorized(self, request: Request) -> JSONResponse | None:
        with self._lock:
            self._state.requests.append((request.method, request.url.path, time.monotonic()))
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            with self._lock:
                self._state.violations.append(f"{request.url.path} without the token")
            return self._refuse(401, 190, "Invalid OAuth access token")
        if "access_token" in request.query_params:
            with self._lock:
                self._state.violations.append("token in the URL")
        return None

    async def _node(self, request: Request) -> Response:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        node = request.path_params["node"]
        if node == PHONE_NUMBER_ID:
            return JSONResponse({"display_phone_number": DISPLAY_NUMBER, "id": PHONE_NUMBER_ID})
        with self._lock:
            found = self._state.incoming_media.get(node)
        if found is None:
            return self._refuse(400, 100, "Unsupported get request")
        data, mime = found
        url = f"http://127.0.0.1:{self.port}/download/{node}"
        sha = hashlib.sha256(data).hexdigest()
        return JSONResponse(
            {"url": url, "mime_type": mime, "sha256": sha, "file_size": str(len(data)), "id": node}
        )

    async def _download(self, request: Request) -> Response:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        with self._lock:
            found = self._state.incoming_media.get(request.path_params["media"])
        return Response(found[0], media_type=found[1]) if found else Response(status_code=404)

    async def _upload(self, request: Request) -> Response:
        refused = self._authorized(request)
        if refused is not None:
            return refused
        form = await request.form(max_part_size=200_000_000)
        upload = form.get("file")
        problems = []
        if form.get("messaging_product") != "whatsapp":
            problems.append("media upload without messaging_product=whatsapp")
        if not isinstance(upload, UploadFile):
            problems.append("media upload without a file")
            data, mime, name = b"", "", ""
        else:
            data = await upload.read()
            mime, name = upload.content_type or "", upload.filename or ""
            if len(data) > limit("document media size")["max_bytes"]:
                problems.append(f"document of {len(data)} bytes")
            if form.get("type") != mime:
                problems.append(f"media type {form.get('type')!r} is not the file's {mime!r}")
        await form.close()
        if problems:
            with self._lock:
                self._state.violations.extend(problems)
            return self._refuse(400, 100, "; ".join(problems))
        media_id = str(5000000 + next(self._ids))
        with self._lock:
            self._state.media[media_id] = (data, mime, name)
        return JSONResponse({"id": media_id})

    async def _automation(self, request: Request) -> Response:
        """The number's command menu (ConversationalAutomationRequest)."""
        payload = await self._checked(request, automation_problems, "conversational_automation")
        if isinstance(payload, Response):
            return payload
        with self._lock:
            self._state.commands = list(payload.get("commands", []))
        return JSONResponse({"success": True})

    async def _checked(
        self, request: Request, problems_of: Callable[[dict[str, Any]], list[str]], what: str
    ) -> dict[str, Any] | Response:
        """The request's JSON body once its token, number and body pass, else the refusal;
        each problem is recorded as a violation, named by `what` (or the message's type)."""
        refused = self._authorized(request)
        if refused is not None:
            return refused
        if request.path_params["phone"] != PHONE_NUMBER_ID:
            return self._refuse(400, 100, "Unknown phone number id")
        try:
            payload = json.loads(await request.body())
        except ValueError:
            return self._refuse(400, 100, "body is not JSON")
        problems = problems_of(payload)
        if problems:
            name = what or str(payload.get("type"))
            with self._lock:
                self._state.violations.extend(f"{name}: {p}" for p in problems)
            return self._refuse(400, 100, "; ".join(problems))
        found: dict[str, Any] = payload
        return found

    async def _messages(self, request: Request) -> Response:
        payload = await self._checked(request, message_problems, "")
        if isinstance(payload, Response):
            return payload
        if payload.get("status") == "read":
            with self._lock:
                self._state.reads.append(payload)
            return JSONResponse({"success": True})
        return self._send(payload)

    def _send(self, payload: dict[str, Any]) -> Response:
        address = payload.get("to") or payload.get("recipient") or ""
        now = time.time()
        with self._lock:
            key = self._state.aliases.get(address, address)
            injected = self._injected(key)
            if injected is not None:
                return self._refuse(400, injected, _TITLES.get(injected, "refused"))
            rate = self._rate_problem(key, now)
            if rate is not None:
                self._state.violations.append(rate)
                return self._refuse(400, 131056 if "pair" in rate else 130429, rate)
            inside = now - self._state.last_inbound.get(key, float("-inf")) < WINDOW
            window_refusal = payload["type"] != "template" and not inside
            if window_refusal and not self._state.late_window_failure:
                return self._refuse(400, 131047, _TITLES[131047])
            sent = Sent(f"wamid.out{next(self._ids)}", key, payload["type"], payload, now)
            if sent.kind == "document":
                sent.document = self._state.media.get(payload["document"].get("id", ""), (b"",))[0]
            self._state.sent.setdefault(key, []).append(sent)
        if window_refusal:
            self._later(lambda: self.status(sent, "failed", 131047))
        contacts = [{"input": address, "wa_id": address}]
        return JSONResponse(
            {"messaging_product": "whatsapp", "contacts": contacts, "messages": [{"id": sent.id}]}
        )

    def _injected(self, key: str) -> int | None:
        for index, (times, code, who) in enumerate(self._state.fail_next):
            if who is None or who == key:
                if times <= 1:
                    del self._state.fail_next[index]
                else:
                    self._state.fail_next[index] = (times - 1, code, who)
                return code
        return None

    def _rate_problem(self, key: str, now: float) -> str | None:
        recent = self._state.recent
        recent.append(now)
        while recent and recent[0] < now - 1:
            recent.popleft()
        if len(recent) > THROUGHPUT:
            return f"{len(recent)} messages within a second from the number"
        tokens, at = self._state.pair.get(key, (float(PAIR_BURST), now))
        tokens = min(PAIR_BURST, tokens + (now - at) * self.pair_rate)
        if tokens < 1 - 1e-6:
            return f"pair rate: too many messages to {key}"
        self._state.pair[key] = (tokens - 1, now)
        return None

    def _later(self, work: Callable[[], Any]) -> None:
        threading.Thread(target=work, daemon=True).start()


_TITLES = {
    131047: "Re-engagement message",
    130429: "Rate limit hit",
    131056: "Pair rate limit hit",
    131026: "Message undeliverable",
}


def wait_for(condition: Callable[[], bool], timeout: float = 20, what: str = "") -> None:
    """Block until the condition holds (checked every 10 ms)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what or condition}")
        time.sleep(0.01)
