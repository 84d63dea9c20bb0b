"""The one web server: Telegram's webhook (and later WhatsApp's) beside a health check.

Starlette serves it (uvicorn runs it, see bot/runner.py), the pattern of PTB's custom-webhook
example: the request is checked and parsed here, then put on the Application's update queue.
"""

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.channels.telegram_updates import lenient

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class TelegramWebhook:
    """Where Telegram posts updates, the secret it must present, and the Application they feed."""

    path: str
    secret: str
    application: Any


def build_web(*, telegram: TelegramWebhook | None, healthy: Callable[[], bool]) -> Starlette:
    """The ASGI app: POST {telegram.path} and GET /healthz."""
    routes = [Route("/healthz", _health(healthy), methods=["GET"])]
    if telegram is not None:
        routes.append(Route(telegram.path, _telegram(telegram), methods=["POST"]))
    return Starlette(routes=routes)


def _health(healthy: Callable[[], bool]) -> Callable[[Request], Any]:
    async def health(_request: Request) -> Response:
        """200 while the database answers, 503 otherwise."""
        ok = await asyncio.to_thread(healthy)
        return JSONResponse({"status": "ok" if ok else "database unavailable"}, 200 if ok else 503)

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
        await hook.application.update_queue.put(update)
        return Response(status_code=200)

    return receive


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "?"
