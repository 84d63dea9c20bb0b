"""The reminder tick inside `lsp-bot run`: APScheduler's AsyncIOScheduler (Asia/Makassar) runs
`ReminderDesk.run` every minute, at once after start (catching up on what fell due while the
bot was down), and soon after an admin's /ingatkan or /tenggat.

APScheduler only says *when* to look; *what* is due and whether it was sent lives in our
database (storage/reminders.py), so restarts, crashes and a second running instance neither
lose nor repeat a reminder.
"""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.reminders.delivery import Pusher
from bot.reminders.desk import ReminderDesk
from storage import inbox
from storage.db import session_scope
from storage.enums import ReminderState
from storage.periods import WITA

logger = logging.getLogger(__name__)

JOB_ID = "reminders"
FORGET_ID = "forget-handled-updates"
STOP_WAIT = 30.0
KEEP_UPDATES = timedelta(days=7)  # Telegram redelivers for a day, Meta for a week


class ReminderScheduler:
    """Runs reminder ticks on the running event loop."""

    def __init__(self, desk: ReminderDesk, pusher: Pusher, *, every: float = 60.0) -> None:
        self.desk = desk
        self.pusher = pusher
        self.every = every
        self.ticks = 0
        self.checked_at: datetime | None = None  # when the last tick finished without failing
        self._scheduler = AsyncIOScheduler(timezone=WITA)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._running: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start ticking (the first tick runs at once)."""
        self._loop = asyncio.get_running_loop()
        self._scheduler.add_job(
            self._tick,
            IntervalTrigger(seconds=self.every, timezone=WITA),
            id=JOB_ID,
            next_run_time=datetime.now(WITA),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self._scheduler.add_job(
            self._forget,
            IntervalTrigger(hours=1, timezone=WITA),
            id=FORGET_ID,
            next_run_time=datetime.now(WITA),
            coalesce=True,
            max_instances=1,
        )
        self._scheduler.start()

    async def _forget(self) -> None:
        """Housekeeping: the inbox forgets updates handled a week ago."""
        try:
            count = await asyncio.to_thread(self._forget_now)
        except Exception:
            logger.exception("forgetting handled updates failed; tried again in an hour")
            return
        if count:
            logger.info("%d handled updates older than %s forgotten", count, KEEP_UPDATES)

    def _forget_now(self) -> int:
        with session_scope(self.desk.db) as session:
            count = inbox.forget(session, handled_before=datetime.now(UTC) - KEEP_UPDATES)
            session.commit()
        return count

    def poke(self) -> None:
        """Run a tick soon; safe to call from any thread (the dispatcher's workers)."""
        if self._loop is None or self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._poke_now)

    def _poke_now(self) -> None:
        if self._scheduler.running and self._scheduler.get_job(JOB_ID) is not None:
            self._scheduler.modify_job(JOB_ID, next_run_time=datetime.now(WITA))

    async def _tick(self) -> None:
        self._running = asyncio.current_task()
        try:
            report = await self.desk.run(self.pusher)
        except Exception:
            logger.exception("reminder tick failed; the next one tries again")
            return
        else:
            self.checked_at = datetime.now(UTC)
        finally:
            self._running = None
            self.ticks += 1
        if report.planned or report.outcomes:
            logger.info(
                "reminders: planned %s; sent %d, retry %d, unreachable %d",
                report.planned,
                report.count(ReminderState.SENT),
                report.count(ReminderState.PENDING),
                report.count(ReminderState.UNREACHABLE),
            )

    async def stop(self) -> None:
        """Let the sends under way finish (no new ones), then stop ticking."""
        self.desk.stop()
        running = self._running
        if running is not None and not running.done():
            try:
                await asyncio.wait_for(asyncio.shield(running), STOP_WAIT)
            except TimeoutError:
                logger.warning(
                    "reminder tick still running after %.0f s; stopping anyway", STOP_WAIT
                )
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
