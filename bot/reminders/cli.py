"""`lsp-bot reminders [--at ISO-DATETIME] [--dry-run]`: the reminders due at an instant, one
line per recipient: listed (dry run) or sent through Telegram, like one tick of `lsp-bot run`."""

import argparse
import asyncio
import sys
from datetime import datetime

from sqlalchemy import Engine

from bot.reminders import texts
from bot.reminders.delivery import TickReport
from bot.reminders.desk import RECENTLY_MISSED, ReminderDesk
from bot.server.app import build_reminder_desk
from bot.server.config import Settings
from render.filters import wita_long
from storage.periods import WITA
from storage.types import utcnow

OUTCOMES = {
    "sent": "terkirim",
    "pending": "gagal, dicoba lagi nanti",
    "unreachable": "tidak dapat dihubungi",
    "not_needed": "tidak perlu lagi (sudah mengirim)",
    "expired": "terlambat, tidak dikirim",
    "uncertain": "tidak pasti",
}


def parse_at(text: str | None) -> datetime | None:
    """An ISO instant; without a zone it is WITA. None if it cannot be read."""
    if text is None:
        return utcnow()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=WITA)


def run(args: argparse.Namespace, settings: Settings, engine: Engine) -> int:
    """List or send the reminders due at `--at` (default: now)."""
    at = parse_at(args.at)
    if at is None:
        print(texts.REMINDERS_BAD_AT, file=sys.stderr)
        return 2
    desk = build_reminder_desk(settings, engine)
    desk.clock = lambda: at
    if args.dry_run:
        lines = preview(desk, at)
    else:
        if not settings.telegram_bot_token:
            print(texts.REMINDERS_NEED_TOKEN, file=sys.stderr)
            return 2
        lines = report_lines(asyncio.run(_send(desk, settings)))
    for line in lines:
        print(line)
    if not lines:
        print(texts.REMINDERS_NONE.format(at=wita_long(at)))
    return 0


def preview(desk: ReminderDesk, at: datetime) -> list[str]:
    """What a tick at `at` would send, writing nothing but the periods' rows."""
    lines: list[str] = []
    for occasion, why in desk.due_now(at)[1]:
        if at - occasion.due_at < RECENTLY_MISSED:
            lines.append(_skipped(occasion.key, why))
    for key, name, identity, first_line in desk.preview(at, ("telegram",)):
        lines.append(
            texts.REMINDERS_LINE.format(
                occasion=key, name=name, identity=identity or "-", outcome=first_line
            )
        )
    return lines


def report_lines(report: TickReport) -> list[str]:
    """One line per recipient of a tick that sent."""
    lines = [_skipped(key, why) for key, why in report.recent_skips]
    for occasion, name, identity, state in report.outcomes:
        lines.append(
            texts.REMINDERS_LINE.format(
                occasion=occasion,
                name=name,
                identity=identity or "-",
                outcome=OUTCOMES.get(str(state), str(state)),
            )
        )
    return lines


def _skipped(key: str, why: str) -> str:
    return texts.REMINDERS_SKIPPED.format(occasion=key, why=texts.SKIP_REASONS.get(why, why))


async def _send(desk: ReminderDesk, settings: Settings) -> TickReport:
    from bot.channels.telegram.application import sending_application
    from bot.channels.telegram.push import TelegramPusher

    assert settings.telegram_bot_token is not None
    application = sending_application(settings.telegram_bot_token, settings.telegram_api_base_url)
    async with application:
        pusher = TelegramPusher(application.bot, application.bot.username)
        return await desk.run(pusher)
