"""Reminders through Telegram: one message per person, nobody's chat more than once a second,
and what Telegram answered turned into sent / retry later / cannot be reached.

The overall pace (about 30 messages a second) is the Application's rate limiter's job; it also
waits out a 429 a few times before giving up, and then the reminder is retried later.
"""

import asyncio
import logging
import time

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.channels.telegram.send import send_reply
from bot.channels.telegram.wire import ON_WIRE, NotHeld
from bot.reminders.delivery import Begin, Delivery, always_begin
from conversations.events import Reply

logger = logging.getLogger(__name__)

PER_CHAT_GAP = 1.0  # Telegram: avoid more than one message per second in one chat
_UNREACHABLE = (
    ("blocked", "bot was blocked"),
    ("deactivated", "user is deactivated"),
    ("not_found", "chat not found"),
    ("blocked", "bot can't initiate conversation"),
)


class TelegramPusher:
    """Sends reminders with a PTB bot (the running Application's, or one made for the CLI)."""

    channels: tuple[str, ...] = ("telegram",)

    def __init__(self, bot: Bot, username: str | None, *, per_chat_gap: float = PER_CHAT_GAP):
        self.bot = bot
        self.username = username
        self.per_chat_gap = per_chat_gap
        self._last: dict[int, float] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def push(self, identity: str, reply: Reply, begin: Begin = always_begin) -> Delivery:
        """Send one reminder to `telegram:ID`; `begin` is awaited when the rate limiter lets
        its first request through."""
        chat_id = int(identity.split(":", 1)[1])
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            wait = self._last.get(chat_id, 0.0) + self.per_chat_gap - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._send(chat_id, reply, begin)
            finally:
                self._last[chat_id] = time.monotonic()
                self._forget_old()

    async def _send(self, chat_id: int, reply: Reply, begin: Begin) -> Delivery:
        async def on_wire() -> None:  # before each request of the reply (see Begin)
            if not await begin():
                raise NotHeld

        token = ON_WIRE.set(on_wire)
        try:
            await send_reply(self.bot, chat_id, reply, self.username)
        except NotHeld:
            return Delivery(False, detail="taken over by another instance")
        except RetryAfter as error:
            seconds = error.retry_after
            wait = seconds.total_seconds() if hasattr(seconds, "total_seconds") else float(seconds)
            return Delivery(False, retry_after=wait, detail=str(error))
        except (Forbidden, BadRequest) as error:
            reason = unreachable_reason(error.message)
            if reason is not None:
                return Delivery(False, unreachable=reason, detail=error.message)
            return Delivery(False, detail=error.message)
        except TelegramError as error:  # network trouble, 5xx, timeouts: try again later
            return Delivery(False, detail=f"{type(error).__name__}: {error.message}")
        finally:
            ON_WIRE.reset(token)
        return Delivery(True)

    def _forget_old(self) -> None:
        if len(self._last) < 1000:
            return
        horizon = time.monotonic() - self.per_chat_gap
        for chat_id in [c for c, at in self._last.items() if at < horizon]:
            del self._last[chat_id]
            lock = self._locks.get(chat_id)
            if lock is not None and not lock.locked():
                del self._locks[chat_id]


def unreachable_reason(message: str) -> str | None:
    """'blocked', 'deactivated' or 'not_found' for Telegram's refusals that will not change by
    trying again; None for anything else."""
    lowered = message.lower()
    for reason, words in _UNREACHABLE:
        if words in lowered:
            return reason
    return None
