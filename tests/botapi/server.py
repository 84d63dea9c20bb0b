"""A stand-in of the Telegram Bot API over real HTTP, for tests.

It runs uvicorn on a thread of its own, so a bot in the test's event loop or in another
process talks to it exactly as to api.telegram.org. It serves `getUpdates` from what the test
pushes (texts, button presses, documents), answers every method lsp-bot uses with objects of
the real shape, checks every call against the spec and limits (`tests.botapi.spec`), and keeps
what the bot sent per chat, as a person's screen would show it.

Breaches are collected in `violations`; the `standin` fixture fails the test on any.
"""

import asyncio
import itertools
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.botapi.records import BOT, Call, Failure, Person, Sent
from tests.botapi.spec import Checked, Upload

TOKEN = "123456:TEST-lsp-bot-token"
OVERALL_PER_SECOND = 30
IN_FLIGHT_GRACE = 0.1
# Requests to other chats that the bot sent before the 429 reached it may arrive a little
# after the 429 went out, more so on a busy machine; a retry to the refused chat may not.
IN_FLIGHT_START = 0.5
SENDING = frozenset(
    {"sendMessage", "sendDocument", "editMessageText", "editMessageReplyMarkup", "sendChatAction"}
)


@dataclass(frozen=True)
class _Quiet:
    """A retry_after given out: when, until when, and to which chat's request."""

    issued: float
    until: float
    chat: int | None


@dataclass
class _State:
    updates: deque[dict[str, Any]] = field(default_factory=deque)
    delivered: set[int] = field(default_factory=set)
    messages: dict[int, list[Sent]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    callback_queries: dict[str, bool] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)
    quiet: dict[int | None, "_Quiet"] = field(default_factory=dict)
    recent_sends: deque[float] = field(default_factory=deque)
    chats: set[int] = field(default_factory=set)
    blocked: set[int] = field(default_factory=set)
    webhook_url: str = ""
    commands: dict[str, list[dict[str, str]]] = field(default_factory=dict)


class BotApiStandIn:
    """Start with `start()`, point the bot at `url`, push updates, read `chat(...)`."""

    def __init__(self, *, token: str = TOKEN, overall_per_second: int = OVERALL_PER_SECOND) -> None:
        self.token = token
        self.overall_per_second = overall_per_second
        self._lock = threading.Lock()
        self._state = _State()
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """What TELEGRAM_API_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "BotApiStandIn":
        """Serve on a free local port until `stop()`."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        # Telegram's servers (nginx) keep an idle connection 75 s; uvicorn's 5 s would race
        # httpx's own 5 s expiry on a busy machine and close a connection as the bot reuses it.
        config = uvicorn.Config(self._app(), log_level="error", lifespan="off",
                                timeout_keep_alive=75)  # fmt: skip
        self._server = uvicorn.Server(config)
        ready = threading.Event()

        def serve() -> None:
            loop = self._loop = asyncio.new_event_loop()
            self._new_update = asyncio.Event()
            loop.call_soon(ready.set)
            try:
                loop.run_until_complete(self._server.serve(sockets=[sock]))  # type: ignore[union-attr]
            finally:
                sock.close()
                loop.close()

        self._thread = threading.Thread(target=serve, name="bot-api-stand-in", daemon=True)
        self._thread.start()
        ready.wait(10)
        self._wait(lambda: bool(self._server and self._server.started), 10, "stand-in start")
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    # --- what people do --------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (its update_id is assigned here); its id."""
        update_id = next(self._update_ids)
        source = update.get("message") or update.get("callback_query", {}).get("message") or {}
        with self._lock:
            if "chat" in source:
                self._state.chats.add(source["chat"]["id"])
            self._state.updates.append({"update_id": update_id, **update})
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update_id

    def take_updates(self) -> list[dict[str, Any]]:
        """The queued updates, taken out (for a test that delivers them to a webhook)."""
        with self._lock:
            taken = list(self._state.updates)
            self._state.updates.clear()
        return taken

    def meet(self, person: Person) -> None:
        """Telegram knows this person's chat (they wrote to the bot, e.g. through a webhook)."""
        with self._lock:
            self._state.chats.add(person.id)

    def block(self, person: Person) -> None:
        """The person blocks the bot: sending to them gets Telegram's 403."""
        with self._lock:
            self._state.blocked.add(person.id)

    def unblock(self, person: Person) -> None:
        """The person unblocks the bot."""
        with self._lock:
            self._state.blocked.discard(person.id)

    def send_text(self, person: Person, text: str) -> int:
        """The person types a message (commands get their entity, as Telegram adds it)."""
        message = self._incoming(person)
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
        return self.push({"message": message})

    def send_document(self, person: Person, filename: str, data: bytes, mime: str) -> int:
        """The person sends a file."""
        file_id = f"file-{next(self._ids)}"
        with self._lock:
            self._state.files[file_id] = Upload(filename, data, mime)
        message = self._incoming(person)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "mime_type": mime,
            "file_size": len(data),
        }
        return self.push({"message": message})

    def send_photo(self, person: Person, data: bytes, caption: str | None = None) -> int:
        """The person sends a photo: Telegram offers it in sizes, the largest last (here the
        smaller ones are a few bytes of it)."""
        sizes = []
        for width, part in ((90, data[:64]), (320, data[:512]), (1280, data)):
            file_id = f"photo-{next(self._ids)}"
            with self._lock:
                self._state.files[file_id] = Upload(f"{file_id}.jpg", part, "image/jpeg")
            sizes.append({"file_id": file_id, "file_unique_id": f"u{file_id}", "width": width,
                          "height": width * 3 // 4, "file_size": len(part)})  # fmt: skip
        message = self._incoming(person)
        message["photo"] = sizes
        if caption:
            message["caption"] = caption
        return self.push({"message": message})

    def press(self, person: Person, sent: Sent, data: str) -> int:
        """The person presses a button (with this callback_data) under a message."""
        query_id = f"q{next(self._ids)}"
        with self._lock:
            self._state.callback_queries[query_id] = False
        message = {
            "message_id": sent.message_id,
            "from": BOT,
            "chat": person.as_chat(),
            "date": int(time.time()),
            "text": sent.text or "",
        }
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        query = {
            "id": query_id,
            "from": person.as_user(),
            "message": message,
            "chat_instance": f"ci{person.id}",
            "data": data,
        }
        return self.push({"callback_query": query})

    def send_in_group(self, person: Person, text: str, group_id: int = -1001234567890) -> int:
        """The person writes in a group the bot is in."""
        message = self._incoming(person)
        message["chat"] = {"id": group_id, "type": "supergroup", "title": "Grup LSP"}
        message["text"] = text
        return self.push({"message": message})

    def _incoming(self, person: Person) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "from": person.as_user(),
            "chat": person.as_chat(),
            "date": int(time.time()),
        }

    # --- what the test reads ----------------------------------------------------------------

    def chat(self, chat_id: int) -> list[Sent]:
        """The bot's messages in a chat, oldest first, as they look now."""
        with self._lock:
            return list(self._state.messages.get(chat_id, []))

    def calls(self, method: str | None = None) -> list[Call]:
        """Requests the bot made (of one method)."""
        with self._lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    @property
    def violations(self) -> list[str]:
        """Every breach of the spec, the limits or a retry_after."""
        with self._lock:
            return list(self._state.violations)

    def delivered(self, update_id: int) -> bool:
        """Whether getUpdates has handed this update to the bot."""
        with self._lock:
            return update_id in self._state.delivered

    def commands(self) -> dict[str, list[dict[str, str]]]:
        """Command menus by scope ('all_private_chats', 'chat:ID')."""
        with self._lock:
            return dict(self._state.commands)

    def fail(self, failure: Failure) -> None:
        """Make upcoming calls fail (502 for a network problem, 429 for flood control)."""
        with self._lock:
            self._state.failures.append(failure)

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20, what: str = "") -> None:
        """Block until the condition holds (checked every 10 ms)."""
        self._wait(condition, timeout, what)

    @staticmethod
    def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout} s for {what or condition}")
            time.sleep(0.01)

    # --- the HTTP side ----------------------------------------------------------------------

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._method, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )

    async def _method(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.path_params["method"]
        raw = await _form(request)
        checked = Checked(method, raw)
        now = time.monotonic()
        with self._lock:
            refused = self._refused(method, checked, now)
            status = refused.status_code if refused is not None else 200
            self._state.calls.append(Call(method, checked.params, now, status))
            if checked.problems:
                self._state.violations.extend(checked.problems)
                return _error(400, "Bad Request: " + "; ".join(checked.problems))
            if refused is not None:
                return refused
        if method == "getUpdates":
            return await self._get_updates(checked.params)
        with self._lock:
            return self._answer(method, checked.params)

    def _refused(self, method: str, checked: Checked, now: float) -> Response | None:
        """Injected failures and flood control (the caller holds the lock)."""
        chat_id = _int(checked.params.get("chat_id"))
        for key in (None, chat_id):
            quiet = self._state.quiet.get(key)
            # A request already on its way when the 429 went out is not the bot's fault.
            if (
                quiet is not None
                and method in SENDING
                and now < quiet.until - IN_FLIGHT_GRACE
                and (chat_id == quiet.chat or now > quiet.issued + IN_FLIGHT_START)
            ):
                self._state.violations.append(
                    f"{method} to chat {chat_id} {quiet.until - now:.2f} s before retry_after ended"
                )
        for failure in self._state.failures:
            if failure.method == method and failure.times > 0:
                if failure.chat_id is not None and failure.chat_id != chat_id:
                    continue
                failure.times -= 1
                if failure.status == 429:
                    until = now + failure.retry_after + IN_FLIGHT_GRACE
                    self._state.quiet[failure.chat_id] = _Quiet(now, until, chat_id)
                    return _error(429, "Too Many Requests", retry_after=failure.retry_after)
                return Response("Bad Gateway", status_code=failure.status)
        if method in SENDING and method != "sendChatAction":
            sends = self._state.recent_sends
            while sends and now - sends[0] > 1.0:
                sends.popleft()
            if len(sends) >= self.overall_per_second:
                self._state.quiet[None] = _Quiet(now, now + 1 + IN_FLIGHT_GRACE, chat_id)
                return _error(429, "Too Many Requests: retry after 1", retry_after=1)
            sends.append(now)
        return None

    async def _get_updates(self, params: dict[str, Any]) -> Response:
        if self._state.webhook_url:
            return _error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = params.get("offset", 0)
        deadline = time.monotonic() + min(params.get("timeout", 0), 5)
        assert self._new_update is not None
        while True:
            with self._lock:
                updates = self._state.updates
                while updates and updates[0]["update_id"] < offset:
                    updates.popleft()
                ready = list(updates)[: params.get("limit", 100)]
                if ready:
                    self._state.delivered.update(u["update_id"] for u in ready)
                    return _ok(ready)
                self._new_update.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _ok([])
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                return _ok([])

    def _answer(self, method: str, params: dict[str, Any]) -> Response:
        handler = getattr(self, f"_do_{method}", None)
        if handler is None:
            return _ok(True)
        return handler(params)  # type: ignore[no-any-return]

    def _do_getMe(self, _params: dict[str, Any]) -> Response:
        return _ok({**BOT, "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": False})  # fmt: skip

    def _do_sendMessage(self, params: dict[str, Any]) -> Response:
        return self._store(params, text=params["text"])

    def _do_sendDocument(self, params: dict[str, Any]) -> Response:
        document = params["document"]
        if not isinstance(document, Upload):
            return _error(400, "Bad Request: wrong file identifier")
        return self._store(params, text=params.get("caption"), document=document)

    def _store(
        self, params: dict[str, Any], *, text: str | None, document: Upload | None = None
    ) -> Response:
        chat_id = _int(params["chat_id"])
        if chat_id not in self._state.chats:
            return _error(400, "Bad Request: chat not found")
        if chat_id in self._state.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        sent = Sent(next(self._message_ids), chat_id, text, params.get("reply_markup"), document)
        self._state.messages.setdefault(chat_id, []).append(sent)
        return _ok(self._message(sent))

    def _find(self, params: dict[str, Any]) -> Sent | None:
        chat_id, message_id = _int(params.get("chat_id")), params.get("message_id")
        for sent in self._state.messages.get(chat_id or 0, []):
            if sent.message_id == message_id:
                return sent
        return None

    def _do_editMessageText(self, params: dict[str, Any]) -> Response:
        sent = self._find(params)
        if sent is None:
            return _error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if sent.text == params["text"] and sent.reply_markup == markup:
            self._state.violations.append(
                f"editMessageText left message {sent.message_id} as it was"
            )
            return _error(400, "Bad Request: message is not modified")
        sent.text, sent.reply_markup, sent.edits = params["text"], markup, sent.edits + 1
        return _ok(self._message(sent))

    def _do_editMessageReplyMarkup(self, params: dict[str, Any]) -> Response:
        sent = self._find(params)
        if sent is None:
            return _error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if not (markup or {}).get("inline_keyboard"):
            markup = None
        if sent.reply_markup == markup:
            self._state.violations.append(
                f"editMessageReplyMarkup left message {sent.message_id} as it was"
            )
            return _error(400, "Bad Request: message is not modified")
        sent.reply_markup, sent.edits = markup, sent.edits + 1
        return _ok(self._message(sent))

    def _do_answerCallbackQuery(self, params: dict[str, Any]) -> Response:
        query_id = params["callback_query_id"]
        answered = self._state.callback_queries.get(query_id)
        if answered is None:
            return _error(400, "Bad Request: query is too old and response timeout expired")
        if answered:
            self._state.violations.append(f"callback query {query_id} answered twice")
        self._state.callback_queries[query_id] = True
        return _ok(True)

    def _do_setMyCommands(self, params: dict[str, Any]) -> Response:
        scope = params.get("scope", {"type": "default"})
        key = scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")
        self._state.commands[key] = params["commands"]
        return _ok(True)

    def _do_setWebhook(self, params: dict[str, Any]) -> Response:
        self._state.webhook_url = params["url"]
        return _ok(True)

    def _do_deleteWebhook(self, _params: dict[str, Any]) -> Response:
        self._state.webhook_url = ""
        return _ok(True)

    def _do_getFile(self, params: dict[str, Any]) -> Response:
        upload = self._state.files.get(params["file_id"])
        if upload is None:
            return _error(400, "Bad Request: invalid file_id")
        file_id = params["file_id"]
        return _ok(
            {
                "file_id": file_id,
                "file_unique_id": "u" + file_id,
                "file_size": len(upload.data),
                "file_path": f"documents/{file_id}",
            }
        )

    async def _file(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return Response(status_code=401)
        file_id = request.path_params["path"].rsplit("/", 1)[-1]
        with self._lock:
            upload = self._state.files.get(file_id)
        if upload is None:
            return Response(status_code=404)
        return Response(upload.data, media_type=upload.content_type)

    def _message(self, sent: Sent) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "from": BOT,
            "chat": {"id": sent.chat_id, "type": "private", "first_name": "Pengguna"},
            "date": int(time.time()),
        }
        if sent.document is not None:
            message["document"] = {"file_id": f"sent-{sent.message_id}",
                                   "file_unique_id": f"us{sent.message_id}",
                                   "file_name": sent.document.filename,
                                   "mime_type": sent.document.content_type,
                                   "file_size": len(sent.document.data)}  # fmt: skip
            if sent.text:
                message["caption"] = sent.text
        elif sent.text is not None:
            message["text"] = sent.text
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        return message


async def _form(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query_params)
    if not request.headers.get("content-type"):
        return {}
    raw: dict[str, Any] = {}
    async with request.form() as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                raw[name] = Upload(value.filename or name, data, value.content_type or "")
            else:
                raw[name] = value
    return raw


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ok(result: Any) -> Response:
    return JSONResponse({"ok": True, "result": result})


def _error(code: int, description: str, *, retry_after: int | None = None) -> Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return JSONResponse(body, status_code=code)
