"""The moment a Telegram request leaves: PTB's rate limiter holds requests back (about 30 a
second overall, and after a 429); a reminder is marked as being sent only when its request is
let through, so one in the queue when the process dies is sent by another instance instead of
being counted as perhaps delivered."""

from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.ext import AIORateLimiter

# Set by whoever sends (the reminder pusher) around its request; awaited once it may go out.
ON_WIRE: ContextVar[Callable[[], Awaitable[None]] | None] = ContextVar("on_wire", default=None)


class NotHeld(Exception):
    """The reminder is no longer this instance's to send: the request is not made."""


class WireLimiter(AIORateLimiter):
    """AIORateLimiter that awaits ON_WIRE (if set) when a request is let through."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        hook = ON_WIRE.get()
        if hook is None:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def on_wire(*given: Any, **named: Any) -> Any:
            await hook()
            return await callback(*given, **named)

        return await super().process_request(on_wire, args, kwargs, endpoint, data, rate_limit_args)
