"""`lsp-bot run`: the Telegram bot by long polling, or by webhook behind bot/web.py.

Both modes share one lifecycle: initialize (getMe), publish the command menus, start the
update processing, receive updates until told to stop, then stop in reverse order.
"""

import asyncio
import contextlib
import logging
import re
import signal
from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import uvicorn
from sqlalchemy import Engine, text

from bot import texts
from bot.channels.telegram import ALLOWED_UPDATES, TelegramChannel
from bot.config import Settings
from bot.reminders.desk import ReminderDesk
from bot.reminders.scheduler import ReminderScheduler
from bot.web import TelegramWebhook, build_web

logger = logging.getLogger(__name__)

WEBHOOK_PORTS = (443, 80, 88, 8443)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(Exception):
    """The settings cannot run the bot; the message says what to change (in Indonesian)."""


def check_settings(settings: Settings) -> None:
    """Refuse settings Telegram would refuse, before anything starts."""
    if not settings.telegram_bot_token:
        raise SettingsError(texts.TG_TOKEN_MISSING)
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
    """Run the bot until `stop` is set; with a reminder desk, reminders are sent as they fall
    due (and those missed while the bot was down, if still useful, right after start)."""
    assert settings.telegram_bot_token is not None
    webhook = settings.telegram_webhook_url
    application = channel.build(
        token=settings.telegram_bot_token,
        api_base_url=settings.telegram_api_base_url,
        updater=webhook is None,
    )
    async with application:
        await channel.start(application)
        await application.start()
        scheduler = None
        if reminders is not None:
            scheduler = ReminderScheduler(
                reminders, channel.pusher(application), every=settings.reminder_tick_seconds
            )
            scheduler.start()
            if channel.dispatcher.reminders is not None:
                channel.dispatcher.reminders.wake = scheduler.poke
        if started is not None:
            started(application.bot.username)
        if webhook is None:
            await _poll(application, settings, stop)
        else:
            await _serve_webhook(application, settings, engine, stop)
        if scheduler is not None:
            await scheduler.stop()
        await application.stop()
    channel.close()


async def _poll(application: object, settings: Settings, stop: asyncio.Event) -> None:
    updater = application.updater  # type: ignore[attr-defined]
    await updater.start_polling(
        timeout=timedelta(seconds=settings.telegram_poll_timeout),
        allowed_updates=list(ALLOWED_UPDATES),
        bootstrap_retries=-1,
    )
    await stop.wait()
    await updater.stop()


async def _serve_webhook(
    application: object, settings: Settings, engine: Engine, stop: asyncio.Event
) -> None:
    bot = application.bot  # type: ignore[attr-defined]
    await bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret,
        allowed_updates=list(ALLOWED_UPDATES),
    )
    hook = TelegramWebhook(
        webhook_path(settings), settings.telegram_webhook_secret or "", application
    )
    web = build_web(telegram=hook, healthy=database_answers(engine))
    config = uvicorn.Config(
        web, host=settings.host, port=settings.port, log_level="warning", lifespan="off"
    )
    server = _Server(config)
    serving = asyncio.create_task(server.serve())
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    await serving
    stopping.cancel()


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM (Ctrl-C, systemctl stop) end the run cleanly."""
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
