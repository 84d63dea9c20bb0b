"""The reminder desk: plans due occasions into the reminders table, then claims, sends and
settles reminders through whatever channel can push messages. One tick does all of it; the
scheduler (bot/reminders/scheduler.py) runs ticks, `lsp-bot reminders` runs one by hand.

Every database step is synchronous and short; `run` (async) does them on worker threads and
sends several reminders at once, leaving the pace to the channel's rate limiter.
"""

import logging
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.reminders.compose import replies_for
from bot.reminders.delivery import TickReport
from bot.reminders.plan import (
    DEFAULT_PLAN,
    Deadlines,
    Occasion,
    Plan,
    due,
    end_of,
    expiry_occasions,
    occasions,
)
from bot.reminders.sending import Sending
from conversations.forms.registry import SECTIONS
from conversations.service import Purpose, applicable, ensure_periods, semester_pair
from storage import outstanding, reach, reminder_plan, reminders
from storage.db import session_scope
from storage.enums import ReminderKind, Role
from storage.periods import (
    DEFAULT_RULE,
    WITA,
    DeadlineRule,
    period_code,
)
from storage.queries import PeriodRecord
from storage.types import utcnow

logger = logging.getLogger(__name__)

RECENTLY_MISSED = timedelta(days=2)


class ReminderDesk(Sending):
    """Plans reminders against the database, then claims, sends and settles them (Sending)."""

    def __init__(
        self,
        db: Engine,
        *,
        plan: Plan = DEFAULT_PLAN,
        deadlines: DeadlineRule = DEFAULT_RULE,
        clock: Callable[[], datetime] = utcnow,
        claimant: str | None = None,
        batch: int = 200,
        lease: timedelta = timedelta(minutes=10),
        concurrency: int = 8,
    ) -> None:
        self.db = db
        self.defaults = plan
        self.deadlines = deadlines
        self.clock = clock
        self.claimant = (
            claimant or f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        )
        self.batch = batch
        self.lease = lease
        self.concurrency = concurrency
        self._stopping = False

    # ----- the plan and the periods -----------------------------------------------------------

    def plan(self, session: Session) -> Plan:
        """The configured plan with the admin's changes from the chat."""
        changed = reminder_plan.plan_overrides(session)
        return Plan(
            days_before=changed.days_before
            if changed.days_before is not None
            else self.defaults.days_before,
            days_after=changed.days_after
            if changed.days_after is not None
            else self.defaults.days_after,
            digest_days=changed.digest_days
            if changed.digest_days is not None
            else self.defaults.digest_days,
            send_at=self.defaults.send_at,
        )

    def periods(self, today: date) -> list[PeriodRecord]:
        """The previous and the current semester (created if missing)."""
        ensure_periods(self.db, today=today, rule=self.deadlines)
        with session_scope(self.db) as session:
            return list(semester_pair(session, today=today))

    def awaited_period(self, today: date) -> PeriodRecord:
        """The period whose data is awaited now: the previous semester until its final report
        exists or is due, then the current one."""
        ensure_periods(self.db, today=today, rule=self.deadlines)
        with session_scope(self.db) as session:
            return applicable(session, today=today, purpose=Purpose.AWAITED)[0]

    # ----- planning -------------------------------------------------------------------------

    def due_now(self, now: datetime) -> tuple[list[Occasion], list[tuple[Occasion, str]]]:
        """Occasions to send now, and those to record as skipped (with why)."""
        periods = self.periods(now.astimezone(WITA).date())
        candidates: list[Occasion] = []
        with session_scope(self.db) as session:
            plan = self.plan(session)
            for period in periods:
                deadlines = Deadlines(
                    period.id,
                    period_code(period.year, period.semester),
                    period.data_deadline,
                    period.final_deadline,
                    reminder_plan.has_final(session, period_id=period.id),
                )
                candidates.extend(occasions(deadlines, plan))
            today = now.astimezone(WITA).date()
            candidates.extend(expiry_occasions(periods[-1].id, today, plan))
            ripe = [occasion.key for occasion in candidates if occasion.due_at <= now]
            known = reminders.known_occasions(session, keys=ripe)
        result = due(candidates, now, known=known)
        return list(result.send), list(result.skip)

    def recipients(
        self, session: Session, kind: ReminderKind, period_id: int, section: str | None = None
    ) -> list[int]:
        """Who an occasion goes to: admins for the digest, otherwise whoever still owes (a
        section of their roles not sent or declared nihil, and not settled by an admin)."""
        if kind in (ReminderKind.DIGEST, ReminderKind.EXPIRING):
            return outstanding.active_holders(session, role=Role.ADMIN)
        settled = outstanding.settled_sections(session, period_id=period_id)
        pairs = [
            (s.role, s.key)
            for s in SECTIONS
            if s.key not in settled and (section is None or s.key == section)
        ]
        return outstanding.members_owing(session, period_id=period_id, pairs=pairs)

    def prepare(self, now: datetime | None = None) -> TickReport:
        """Record every occasion that came due, with one PENDING reminder per recipient."""
        now = now or self.clock()
        report = TickReport()
        send, skip = self.due_now(now)
        for occasion, why in skip:
            with session_scope(self.db) as session:
                recorded = _record(session, occasion, now, planned=False, note=why)
                session.commit()
            if recorded is not None:
                # Missed lately (the bot was down): worth a warning; older ones (before lsp-bot
                # was installed, or long ago) are only noted.
                recent = now - occasion.due_at < RECENTLY_MISSED
                logger.log(
                    logging.WARNING if recent else logging.INFO,
                    "reminder %s skipped (%s)",
                    occasion.key,
                    why,
                )
                report.skipped.append((occasion.key, why))
                if recent:
                    report.recent_skips.append((occasion.key, why))
        for occasion in send:
            with session_scope(self.db) as session:
                occasion_id = _record(session, occasion, now, planned=True)
                if occasion_id is None:
                    continue  # another process planned it
                members = self.recipients(session, occasion.kind, occasion.period_id)
                count = reminders.add_reminders(
                    session, occasion_id=occasion_id, member_ids=members, now=now
                )
                session.commit()
            logger.info("reminder %s planned for %d people", occasion.key, count)
            report.planned.append((occasion.key, count))
        return report

    def preview(self, now: datetime, channels: Sequence[str]) -> list[tuple[str, str, str, str]]:
        """What a tick at `now` would send, writing nothing: (occasion, name, identity, the
        message's first line) per recipient."""
        lines: list[tuple[str, str, str, str]] = []
        today = now.astimezone(WITA).date()
        for occasion in self.due_now(now)[0]:
            with session_scope(self.db) as session:
                members = self.recipients(session, occasion.kind, occasion.period_id)
                fake = [
                    reminders.Claimed(
                        -number,
                        member,
                        0,
                        occasion.key,
                        occasion.kind,
                        occasion.period_id,
                        None,
                        occasion.due_at,
                        occasion.useful_until,
                    )
                    for number, member in enumerate(members, 1)
                ]
                replies = replies_for(session, fake, today)
                names = outstanding.active_names(session, member_ids=members)
                where = reach.addresses(session, member_ids=members, channels=channels)
            for item in fake:
                reachable = [a for a in where.get(item.member_id, []) if not a.unreachable_since]
                reply = replies.get(item.id)
                first = reply.text.splitlines()[0] if reply is not None else ""
                identity = reachable[0].key if reachable else ""
                lines.append((occasion.key, names.get(item.member_id, "?"), identity, first))
        return lines

    def remind_now(
        self, *, period: PeriodRecord, section: str | None, by: int, now: datetime | None = None
    ) -> int:
        """An admin's /ingatkan: remind everyone who still owes (a section of) a period."""
        now = now or self.clock()
        code = period_code(period.year, period.semester)
        today = now.astimezone(WITA).date()
        until = end_of(
            period.data_deadline if today <= period.data_deadline else period.final_deadline
        )
        with session_scope(self.db) as session:
            members = self.recipients(session, ReminderKind.MANUAL, period.id, section)
            if not members:
                return 0
            occasion_id = reminders.add_occasion(
                session,
                key=f"{code}/manual/{now:%Y%m%dT%H%M%S}/{by}/{uuid.uuid4().hex[:8]}",
                period_id=period.id,
                kind=ReminderKind.MANUAL,
                section=section,
                due_at=now,
                useful_until=max(until, now + timedelta(hours=1)),
                planned=True,
                created_by=by,
                now=now,
            )
            if occasion_id is None:
                return 0
            count = reminders.add_reminders(
                session, occasion_id=occasion_id, member_ids=members, now=now
            )
            session.commit()
        logger.info("manual reminder of %s by member %s: %d people", code, by, count)
        return count


def _record(
    session: Session, occasion: Occasion, now: datetime, *, planned: bool, note: str = ""
) -> int | None:
    """Record a scheduled occasion (None: another process did)."""
    return reminders.add_occasion(
        session,
        key=occasion.key,
        period_id=occasion.period_id,
        kind=occasion.kind,
        due_at=occasion.due_at,
        useful_until=occasion.useful_until,
        planned=planned,
        note=note,
        now=now,
    )
