"""Sending reminders: claim a batch (one conditional UPDATE, SKIP LOCKED on PostgreSQL), mark
each "sending" just before the channel is called and settle it after (sent, retried later,
unreachable, uncertain), several at once, the pace left to the channel's rate limiter. The
reminder desk (desk.py) plans them; this half delivers them.
"""

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.reminders.compose import compose
from bot.reminders.delivery import Delivery, Outgoing, Pusher, TickReport
from storage import reach, reminders, whatsapp
from storage.db import session_scope
from storage.enums import ReminderState

logger = logging.getLogger(__name__)

RETRY_BACKOFF = (timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1))
MAX_RETRY_WAIT = timedelta(hours=3)


class Sending:
    """Claims, sends and settles the reminders a desk planned (`prepare`)."""

    db: Engine
    clock: Callable[[], datetime]
    claimant: str
    batch: int
    lease: timedelta
    concurrency: int
    _stopping: bool

    def prepare(self, now: datetime | None = None) -> TickReport:
        """Plan what is due (the desk's)."""
        raise NotImplementedError

    # ----- claiming and composing --------------------------------------------------------------

    def take(
        self, channels: Sequence[str], now: datetime | None = None
    ) -> tuple[list[Outgoing], list[tuple[str, str, str, ReminderState]]]:
        """Claim a batch; the reminders to send, and those settled without sending."""
        now = now or self.clock()
        with session_scope(self.db) as session:
            for reminder_id, member_id, sender in reminders.abandon_stale_sends(session, now=now):
                logger.warning(
                    "reminder %s to member %s was being sent by %s, which stopped: "
                    "it may have arrived, so it is not sent again",
                    reminder_id,
                    member_id,
                    sender,
                )
            claimed = reminders.claim(
                session,
                claimant=self.claimant,
                now=now,
                lease_until=now + self.lease,
                limit=self.batch,
            )
            session.commit()
        if not claimed:
            return [], []
        with session_scope(self.db) as session:
            outgoing, settled = compose(session, self.claimant, claimed, channels, now)
            session.commit()
        return outgoing, settled

    # ----- sending ----------------------------------------------------------------------------

    def begin(self, item: Outgoing) -> int | None:
        """Mark a reminder as being sent: the attempt's number, or None if this desk no longer
        holds it."""
        with session_scope(self.db) as session:
            attempt = reminders.mark_sending(
                session,
                reminder_id=item.reminder_id,
                claimant=self.claimant,
                identity_key=item.identity,
                now=self.clock(),
            )
            session.commit()
        return attempt

    def settle(self, item: Outgoing, delivery: Delivery, attempt: int) -> ReminderState:
        """Record how a push ended."""
        now = self.clock()
        error: str | None = delivery.detail or None
        retry_at: datetime | None = None
        if delivery.sent:
            state = ReminderState.SENT
        elif delivery.unreachable is not None:
            state = ReminderState.UNREACHABLE
            error = delivery.detail or delivery.unreachable
        else:
            state = ReminderState.PENDING
            wait = RETRY_BACKOFF[min(attempt, len(RETRY_BACKOFF)) - 1]
            if delivery.retry_after is not None:
                wait = max(wait, timedelta(seconds=delivery.retry_after))
            retry_at = now + min(wait, MAX_RETRY_WAIT)
        with session_scope(self.db) as session:
            if delivery.unreachable is not None:
                reach.mark_unreachable(
                    session, key=item.identity, reason=delivery.unreachable, now=now
                )
            reminders.finish(
                session,
                reminder_id=item.reminder_id,
                claimant=self.claimant,
                state=state,
                now=now,
                error=error,
                retry_at=retry_at,
            )
            if delivery.sent and delivery.message_ref is not None:
                gist = item.reply.gist
                whatsapp.record_sent(
                    session,
                    reminder_id=item.reminder_id,
                    message_ref=delivery.message_ref,
                    gist=asdict(gist) if gist is not None else None,
                    as_template=delivery.as_template,
                    now=now,
                )
            session.commit()
        if state is ReminderState.PENDING:
            logger.warning(
                "reminder %s to %s failed (%s); retried later",
                item.occasion_key,
                item.identity,
                delivery.detail,
            )
        elif state is ReminderState.UNREACHABLE:
            logger.warning("%s cannot be reached (%s): marked", item.identity, delivery.unreachable)
        return state

    async def run(self, pusher: Pusher) -> TickReport:
        """One tick: plan what came due, then send everything claimable, batch by batch."""
        report = await asyncio.to_thread(self.prepare)
        gate = asyncio.Semaphore(self.concurrency)

        async def send(item: Outgoing) -> None:
            async with gate:
                if self._stopping:
                    return
                attempts: list[int | None] = []

                async def begin() -> bool:  # SENDING only once the request is about to leave
                    if not attempts:
                        attempts.append(await asyncio.to_thread(self.begin, item))
                    return attempts[0] is not None

                try:
                    delivery = await pusher.push(item.identity, item.reply, begin)
                except Exception as error:  # a channel bug must not lose the reminder's state
                    logger.exception("pushing reminder %s failed", item.reminder_id)
                    delivery = Delivery(False, detail=repr(error))
                attempt = attempts[0] if attempts else 1  # settled before it began: 1
                if attempt is None:
                    return  # another desk took it over: it is theirs to settle
                state = await asyncio.to_thread(self.settle, item, delivery, attempt)
                report.outcomes.append((item.occasion_key, item.name, item.identity, state))

        try:
            while not self._stopping:
                outgoing, settled = await asyncio.to_thread(self.take, pusher.channels)
                report.outcomes.extend(settled)
                if not outgoing and not settled:
                    break
                await asyncio.gather(*(send(item) for item in outgoing))
        finally:
            released = await asyncio.to_thread(self.release)
            if released:
                logger.info("%d claimed reminders given back", released)
        return report

    def stop(self) -> None:
        """Finish the sends under way, start no new ones."""
        self._stopping = True

    def release(self) -> int:
        """Give back whatever this desk claimed but did not try."""
        with session_scope(self.db) as session:
            count = reminders.release(session, claimant=self.claimant, now=self.clock())
            session.commit()
        return count
