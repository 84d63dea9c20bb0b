"""The process's life: a signal ends `lsp-bot run` cleanly at any moment (before the event loop
runs, while it runs, and while things close), and a service that cannot be reached at start is
retried with backoff, one log line per try, until it answers or the run is stopped."""

import asyncio
import faulthandler
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from bot.server import texts

logger = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT, signal.SIGTERM)
FIRST_DELAY = 1.0
LONGEST_DELAY = 60.0
SHUTDOWN_GRACE = 30.0  # below systemd's TimeoutStopSec (90 s): our line, not its SIGKILL


class Stopped(BaseException):
    """SIGTERM or SIGINT arrived while no event loop was listening: unwind and exit 0."""


def _raise_stopped(_number: int, _frame: Any) -> None:
    raise Stopped


def stop_as_exception() -> None:
    """From now on SIGINT and SIGTERM raise Stopped (until an event loop takes them over)."""
    for number in SIGNALS:
        signal.signal(number, _raise_stopped)


def stop_on_signals(stop: asyncio.Event) -> None:
    """While the running loop lives, SIGINT and SIGTERM set `stop`; once it has closed they
    raise Stopped again, so closing down can be interrupted only into a clean exit."""
    loop = asyncio.get_running_loop()
    told: list[threading.Timer] = []

    def handler(number: int, frame: Any) -> None:
        if told:  # told twice: the operator does not want to wait
            _force_exit(0)
        told.append(_watchdog(SHUTDOWN_GRACE, loop))
        try:
            loop.call_soon_threadsafe(stop.set)
        except RuntimeError:  # the loop is closed: nothing listens for `stop` any more
            _raise_stopped(number, frame)

    for number in SIGNALS:
        signal.signal(number, handler)


async def until_reachable(
    what: str,
    attempt: Callable[[], Awaitable[None]],
    retriable: tuple[type[BaseException], ...],
    stop: asyncio.Event,
) -> bool:
    """Run `attempt` until it succeeds (True) or `stop` is set while waiting (False); errors of
    the `retriable` kinds are logged in one line each and tried again after 1, 2, 4 ... 60 s."""
    delay, tries = FIRST_DELAY, 0
    while True:
        tries += 1
        try:
            await attempt()
            return True
        except retriable as error:
            reason = f"{what}: {type(error).__name__}: {error}".strip()
            logger.warning(
                texts.UNREACHABLE_RETRY.format(reason=reason, attempt=tries, delay=delay)
            )
        try:
            await asyncio.wait_for(stop.wait(), delay)
            return False
        except TimeoutError:
            delay = min(delay * 2, LONGEST_DELAY)


def _watchdog(grace: float, loop: asyncio.AbstractEventLoop) -> threading.Timer:
    """If closing down takes longer than `grace` seconds, say so with where every thread and
    every task stands (for the operator's bug report), and exit 1: a stop never hangs."""

    def overdue() -> None:
        print(texts.SHUTDOWN_OVERDUE.format(seconds=int(grace)), file=sys.stderr, flush=True)
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        try:  # read from another thread: good enough for a diagnosis, so never fatal
            for task in list(asyncio.all_tasks(loop)):
                task.print_stack(file=sys.stderr)
        except Exception:
            pass
        _force_exit(1)

    timer = threading.Timer(grace, overdue)
    timer.daemon = True
    timer.start()
    return timer


def _force_exit(code: int) -> None:
    """End the process now (render workers end with it: see render.renderer)."""
    sys.stderr.flush()
    os._exit(code)
