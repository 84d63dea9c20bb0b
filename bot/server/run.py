"""`lsp-bot run`: check the settings, open the database (at the current schema), take the
web server's port, then run the channels until SIGINT or SIGTERM; exit 0 whenever it is told to
stop, 2 on a setting that cannot work."""

import asyncio
import socket
import sys
from typing import TYPE_CHECKING

from bot.server import texts
from bot.server.config import ConfigError, Settings
from bot.server.lifecycle import Stopped, stop_on_signals

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.dispatcher import Dispatcher
    from bot.reminders.desk import ReminderDesk


def listening_socket(settings: Settings) -> socket.socket:
    """The web server's socket (health check, webhooks), bound now so a taken port is a clear
    error before anything starts."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((settings.host, settings.port))
    except OSError:
        sock.close()
        raise ConfigError(texts.PORT_TAKEN.format(port=settings.port, host=settings.host)) from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def cmd_run(settings: Settings) -> int:
    """Run the bot (Telegram, WhatsApp or both) until Ctrl-C or SIGTERM."""
    renderer = None
    listener = None
    try:
        from bot.server.app import build_dispatcher, build_reminder_desk, build_renderer
        from bot.server.database import open_database
        from bot.server.runner import SettingsError, check_settings

        try:
            check_settings(settings)
        except SettingsError as problem:
            print(problem, file=sys.stderr)
            return 2
        engine = open_database(settings)
        reminders = build_reminder_desk(settings, engine)
        listener = listening_socket(settings)
        renderer = build_renderer(settings)
        renderer.warm()
        dispatcher = build_dispatcher(engine, renderer, settings, reminders)
        return _serve(settings, engine, dispatcher, reminders, listener)
    except Stopped:
        return 0
    finally:
        try:
            if renderer is not None:
                renderer.close()
            if listener is not None:
                listener.close()
        except Stopped:  # told again while closing: the workers die with us (see Renderer)
            pass


def _serve(
    settings: Settings,
    engine: "Engine",
    dispatcher: "Dispatcher",
    reminders: "ReminderDesk",
    listener: socket.socket,
) -> int:
    from telegram.error import InvalidToken

    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.whatsapp.client import GraphError
    from bot.server.app import build_whatsapp
    from bot.server.runner import run_bot, whatsapp_enabled
    from bot.server.verify_web import VerificationPages

    telegram = None
    if settings.telegram_bot_token:
        telegram = TelegramChannel(dispatcher, engine, workers=settings.dispatch_workers,
                                   instances=settings.telegram_instances)  # fmt: skip
    mode = _mode(settings, telegram is not None)

    def started(who: str) -> None:
        print(texts.RUN_STARTED.format(mode=mode, username=who), file=sys.stderr, flush=True)

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)
        whatsapp = (
            build_whatsapp(settings, dispatcher, engine) if whatsapp_enabled(settings) else None
        )
        pages = None
        if dispatcher.reports is not None:
            https = (settings.public_url or "").startswith("https://")
            pages = VerificationPages(dispatcher.reports.verifier, https=https)
        await run_bot(
            settings,
            engine=engine,
            stop=stop,
            telegram=telegram,
            whatsapp=whatsapp,
            started=started,
            reminders=reminders,
            listener=listener,
            verification=pages,
        )

    try:
        asyncio.run(main())
    except InvalidToken:
        print(texts.TG_TOKEN_REFUSED, file=sys.stderr)
        return 2
    except GraphError as error:
        if error.status in (400, 401, 403, 404):
            print(texts.WA_TOKEN_REFUSED, file=sys.stderr)
            return 2
        raise
    return 0


def _mode(settings: Settings, telegram: bool) -> str:
    from bot.server.runner import whatsapp_enabled

    if telegram and settings.telegram_webhook_url:
        mode = "Telegram webhook"
    else:
        mode = "Telegram long polling" if telegram else "WhatsApp webhook"
    if telegram and whatsapp_enabled(settings):
        mode += " + WhatsApp webhook"
    return mode
