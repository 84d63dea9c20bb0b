"""`lsp-bot run`: Telegram (by long polling, or by webhook behind bot/server/web.py), WhatsApp (by
webhook behind bot/server/web.py), or both at once on one web server and one database.

One lifecycle: start each channel (Telegram: getMe and the command menus; WhatsApp: the
number's display phone), the reminder scheduler, then receive until told to stop, and stop in
reverse order.
"""

import asyncio
import contextlib
import logging
import re
import socket
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import uvicorn
from sqlalchemy import Engine, text
from telegram.error import NetworkError

from bot.channels.pushers import Pushers
from bot.channels.telegram.application import ALLOWED_UPDATES
from bot.channels.telegram.channel import TelegramChannel
from bot.reminders.delivery import Pusher
from bot.reminders.desk import ReminderDesk
from bot.reminders.scheduler import ReminderScheduler
from bot.server import texts
from bot.server.config import Settings
from bot.server.lifecycle import until_reachable
from bot.server.web import TelegramWebhook, WhatsAppWebhook, build_web

if TYPE_CHECKING:
    from bot.channels.whatsapp.channel import WhatsAppChannel
    from bot.server.verify_web import VerificationPages

logger = logging.getLogger(__name__)

WEBHOOK_PORTS = (443, 80, 88, 8443)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(Exception):
    """The settings cannot run the bot; the message says what to change (in Indonesian)."""


WHATSAPP_REQUIRED = (
    ("whatsapp_token", "WHATSAPP_TOKEN"),
    ("whatsapp_phone_number_id", "WHATSAPP_PHONE_NUMBER_ID"),
    ("whatsapp_app_secret", "WHATSAPP_APP_SECRET"),
    ("whatsapp_verify_token", "WHATSAPP_VERIFY_TOKEN"),
)


def whatsapp_enabled(settings: Settings) -> bool:
    """Whether any WhatsApp setting is given (then all of them must be)."""
    return any(getattr(settings, name) for name, _ in WHATSAPP_REQUIRED)


def check_settings(settings: Settings) -> None:
    """Refuse settings Telegram or Meta would refuse, before anything starts: at least one
    channel, and each given channel complete."""
    if whatsapp_enabled(settings):
        _check_whatsapp(settings)
    elif not settings.telegram_bot_token:
        raise SettingsError(texts.NO_CHANNEL)
    if settings.telegram_bot_token:
        _check_telegram(settings)
    _check_signing(settings)


def _check_signing(settings: Settings) -> None:
    """A configured signing key opens now, not at the first /final."""
    from bot.server.app import build_signer
    from render.signing import SigningError

    signer = build_signer(settings)
    if signer is None:
        return
    try:
        signer.certificates()
    except SigningError as problem:
        raise SettingsError(str(problem)) from None


def _check_whatsapp(settings: Settings) -> None:
    if not settings.whatsapp_app_secret:
        raise SettingsError(texts.WA_SECRET_MISSING)
    missing = [env for name, env in WHATSAPP_REQUIRED if not getattr(settings, name)]
    if missing:
        raise SettingsError(texts.WA_SETTINGS_MISSING.format(names=", ".join(missing)))
    url = urlsplit(settings.whatsapp_api_base_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise SettingsError(texts.WA_BASE_URL_INVALID)


def _check_telegram(settings: Settings) -> None:
    if settings.telegram_webhook_url is None:
        return
    url = urlsplit(settings.telegram_webhook_url)
    if url.scheme != "https" or not url.hostname or (url.port or 443) not in WEBHOOK_PORTS:
        raise SettingsError(texts.TG_WEBHOOK_URL_INVALID)
    if not settings.telegram_webhook_secret:
        raise SettingsError(texts.TG_SECRET_MISSING)
    if not _SECRET.match(settings.telegram_webhook_secret):
        raise SettingsError(texts.TG_SECRET_INVALID)


def webhook_path(settings: Settings) -> str:
    """The path this server listens on: the webhook URL's path ('/telegram' if it has none)."""
    path = urlsplit(settings.telegram_webhook_url or "").path
    return path if path not in ("", "/") else "/telegram"


def database_answers(engine: Engine) -> Callable[[], bool]:
    """A health probe: can the database run a trivial query?"""

    def probe() -> bool:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            logger.exception("database health check failed")
            return False
        return True

    return probe


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the runner decides when to stop."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def run_telegram(
    settings: Settings,
    channel: TelegramChannel,
    *,
    engine: Engine,
    stop: asyncio.Event,
    started: Callable[[str], None] | None = None,
    reminders: ReminderDesk | None = None,
) -> None:
    """Run the Telegram bot alone until `stop` is set."""
    await run_bot(
        settings, engine=engine, stop=stop, telegram=channel, started=started, reminders=reminders
    )


async def run_bot(
    settings: Settings,
    *,
    engine: Engine,
    stop: asyncio.Event,
    telegram: TelegramChannel | None = None,
    whatsapp: "WhatsAppChannel | None" = None,
    started: Callable[[str], None] | None = None,
    reminders: ReminderDesk | None = None,
    listener: socket.socket | None = None,
    verification: "VerificationPages | None" = None,
) -> None:
    """Run the channels given until `stop` is set, with one web server (the health check, and
    the webhooks where they are used) on `listener` or HOST:PORT; with a reminder desk, reminders
    go out through whichever channel reaches each member (and those missed while the bot was
    down, if still useful, right after start). Telegram or Meta unreachable at start is retried
    until it answers or `stop` is set."""
    async with contextlib.AsyncExitStack() as stack:
        pushers: list[Pusher] = []
        application: Any = None
        telegram_hook: TelegramWebhook | None = None
        whatsapp_hook: WhatsAppWebhook | None = None
        if telegram is not None:
            assert settings.telegram_bot_token is not None
            application = telegram.build(
                token=settings.telegram_bot_token,
                api_base_url=settings.telegram_api_base_url,
                updater=settings.telegram_webhook_url is None,
                instances=settings.telegram_instances,
                per_second=settings.telegram_messages_per_second,
            )
            stack.callback(telegram.close)
            if not await until_reachable("Telegram", application.initialize, (NetworkError,), stop):
                return
            stack.push_async_callback(application.shutdown)
            await telegram.start(application)
            await telegram.replay(application)
            await application.start()
            stack.push_async_callback(application.stop)
            pushers.append(telegram.pusher(application))
            if settings.telegram_webhook_url is not None:
                telegram_hook = await _set_webhook(application, settings, telegram.keep)
        if whatsapp is not None:
            stack.push_async_callback(whatsapp.stop)
            if not await until_reachable("WhatsApp", whatsapp.start, (httpx.TransportError,), stop):
                return
            pushers.append(whatsapp.pusher)
            whatsapp_hook = WhatsAppWebhook(
                settings.whatsapp_app_secret or "", settings.whatsapp_verify_token or "", whatsapp
            )
        details = None
        if reminders is not None:
            scheduler = ReminderScheduler(
                reminders, Pushers(*pushers), every=settings.reminder_tick_seconds
            )
            scheduler.start()
            stack.push_async_callback(scheduler.stop)
            details = _reminder_details(scheduler)
            for channel in (telegram, whatsapp):
                if channel is not None and channel.dispatcher.reminders is not None:
                    channel.dispatcher.reminders.wake = scheduler.poke
                if channel is not None:  # a returned part is told to its owner at once
                    channel.dispatcher.service.on_notice = scheduler.poke
        if started is not None:
            started(_who(application, whatsapp))
        if application is not None and telegram_hook is None:
            updater = application.updater
            await updater.start_polling(
                timeout=timedelta(seconds=settings.telegram_poll_timeout),
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=-1,
            )
            stack.push_async_callback(updater.stop)
        web = build_web(
            telegram=telegram_hook,
            whatsapp=whatsapp_hook,
            healthy=database_answers(engine),
            details=details,
            verification=verification,
        )
        await _serve(web, settings, stop, listener)


def _reminder_details(scheduler: ReminderScheduler) -> Callable[[], dict[str, Any]]:
    def details() -> dict[str, Any]:
        checked = scheduler.checked_at
        return {
            "reminders_checked_at": checked.isoformat() if checked is not None else None,
            "reminder_ticks": scheduler.ticks,
        }

    return details


def _who(application: Any, whatsapp: "WhatsAppChannel | None") -> str:
    names = []
    if application is not None:
        names.append(f"@{application.bot.username}")
    if whatsapp is not None:
        names.append(f"WhatsApp {whatsapp.number}")
    return ", ".join(names)


async def _set_webhook(
    application: Any,
    settings: Settings,
    keep: Callable[[list[dict[str, Any]]], Any] | None = None,
) -> TelegramWebhook:
    await application.bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret,
        allowed_updates=list(ALLOWED_UPDATES),
    )
    return TelegramWebhook(
        webhook_path(settings), settings.telegram_webhook_secret or "", application, keep
    )


async def _serve(
    web: Any, settings: Settings, stop: asyncio.Event, listener: socket.socket | None
) -> None:
    config = uvicorn.Config(
        web, host=settings.host, port=settings.port, log_level="warning", lifespan="off"
    )
    server = _Server(config)
    serving = asyncio.create_task(server.serve(sockets=[listener] if listener else None))
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    await serving
    stopping.cancel()
