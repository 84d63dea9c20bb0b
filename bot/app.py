"""Wiring: settings -> database -> service -> dispatcher."""

import logging

from sqlalchemy import Engine

from bot.config import Settings
from bot.dispatcher import Dispatcher
from conversations.service import ConversationService
from storage.db import make_engine, upgrade


def configure_logging(settings: Settings) -> None:
    """Log to standard error, so standard output carries only what people should read."""
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def open_database(settings: Settings) -> Engine:
    """The engine for the configured database, with the schema brought up to date."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def build_dispatcher(engine: Engine) -> Dispatcher:
    """The dispatcher every channel talks to."""
    return Dispatcher(ConversationService(engine))
