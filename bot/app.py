"""Wiring: settings -> database -> service, report desk -> dispatcher."""

import logging

from sqlalchemy import Engine

from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.report_commands import ReportCommands
from bot.reports import ReportDesk
from conversations.service import ConversationService
from render.renderer import Renderer
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


def build_renderer(settings: Settings) -> Renderer:
    """The pool of rendering processes (started on first use)."""
    return Renderer(settings.render_workers or None)


def build_dispatcher(engine: Engine, renderer: Renderer) -> Dispatcher:
    """The dispatcher every channel talks to."""
    desk = ReportDesk(engine, renderer)
    return Dispatcher(ConversationService(engine), ReportCommands(engine, desk))
