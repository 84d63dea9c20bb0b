"""The one web server: Telegram's and WhatsApp's webhooks beside a health check.

Starlette serves it (uvicorn runs it, see bot/server/runner.py). Telegram's updates follow PTB's
custom-webhook example: checked and parsed here, then put on the Application's update queue.
WhatsApp's deliveries are checked against their signature before they are parsed, answered 200
at once and handled after by the WhatsApp channel.
"""

import asyncio
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.channels.telegram.updates import lenient
from bot.channels.whatsapp.updates import SIGNATURE_HEADER, signature_valid
from bot.server.verify_web import VerificationPages

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class TelegramWebhook:
    """Where Telegram posts updates, the secret it must present, and the Application they feed."""

    path: str
    secret: str
    application: Any
    keep: Callable[[list[dict[str, Any]]], Awaitable[None]] | None = None


WHATSAPP_PATH = "/webhook/whatsapp"


@dataclass(frozen=True)
class WhatsAppWebhook:
    """Where Meta posts WhatsApp deliveries, the secrets that prove them, and who takes them
    (an object with `keep(body)`, awaited before the 200, and `accept(body)`)."""

    app_secret: str
    verify_token: str
    channel: Any
    path: str = WHATSAPP_PATH


def build_web(
    *,
    telegram: TelegramWebhook | None,
    healthy: Callable[[], bool],
    whatsapp: WhatsAppWebhook | None = None,
    details: Callable[[], dict[str, Any]] | None = None,
    verification: VerificationPages | None = None,
) -> Starlette:
    """The ASGI app: POST {telegram.path}, GET and POST {whatsapp.path}, GET /healthz (with
    `details`, e.g. when reminders were last checked, for monitoring), and the public
    verification pages (/verifikasi, bot/server/verify_web.py)."""
    routes = [Route("/healthz", _health(healthy, details), methods=["GET"])]
    if verification is not None:
        routes.extend(verification.routes())
    if telegram is not None:
        routes.append(Route(telegram.path, _telegram(telegram), methods=["POST"]))
    if whatsapp is not None:
        routes.append(Route(whatsapp.path, _whatsapp(whatsapp), methods=["GET", "POST"]))
    return Starlette(routes=routes)


def _health(
    healthy: Callable[[], bool], details: Callable[[], dict[str, Any]] | None
) -> Callable[[Request], Any]:
    async def health(_request: Request) -> Response:
        """200 while the database answers, 503 otherwise."""
        ok = await asyncio.to_thread(healthy)
        body: dict[str, Any] = {"status": "ok" if ok else "database unavailable"}
        if details is not None:
            body.update(details())
        return JSONResponse(body, 200 if ok else 503)

    return health


def _telegram(hook: TelegramWebhook) -> Callable[[Request], Any]:
    expected = hook.secret.encode()

    async def receive(request: Request) -> Response:
        """Accept an update only with the right secret header and a sane JSON body."""
        given = request.headers.get(SECRET_HEADER)
        if given is None or not secrets.compare_digest(given.encode(), expected):
            logger.warning("webhook call without the right secret from %s", _client(request))
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return Response(status_code=413)
        try:
            data = json.loads(body)
            update = Update.de_json(lenient(data), hook.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            logger.warning("webhook body is not an update")
            return Response(status_code=400)
        if hook.keep is not None:  # stored before the 200 tells Telegram it arrived
            await hook.keep([data])
        await hook.application.update_queue.put(update)
        return Response(status_code=200)

    return receive


def _whatsapp(hook: WhatsAppWebhook) -> Callable[[Request], Any]:
    token = hook.verify_token.encode()

    async def receive(request: Request) -> Response:
        """GET: Meta's verification handshake. POST: a delivery, accepted only with a valid
        signature over the raw body; answered at once, handled after."""
        if request.method == "GET":
            query = request.query_params
            given = query.get("hub.verify_token", "").encode()
            challenge = query.get("hub.challenge", "")
            if query.get("hub.mode") == "subscribe" and secrets.compare_digest(given, token):
                return PlainTextResponse(challenge)
            logger.warning("WhatsApp verification with a wrong token from %s", _client(request))
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return Response(status_code=413)
        signature = request.headers.get(SIGNATURE_HEADER)
        if signature is None:
            logger.warning("unsigned WhatsApp delivery from %s refused", _client(request))
            return Response(status_code=401)
        if not signature_valid(hook.app_secret, body, signature):
            logger.warning("WhatsApp delivery with a wrong signature from %s", _client(request))
            return Response(status_code=403)
        try:
            data = json.loads(body)
        except ValueError:
            logger.warning("signed WhatsApp delivery is not JSON")
            return Response(status_code=400)
        try:
            await hook.channel.keep(data)  # stored before Meta is told it arrived
        except Exception:
            logger.exception("could not keep a WhatsApp delivery; Meta will send it again")
            return Response(status_code=503)
        hook.channel.accept(data)
        return Response(status_code=200)

    return receive


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "?"
