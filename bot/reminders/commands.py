"""The admin's deadline and reminder commands in any chat: /tenggat and /ingatkan."""

import logging
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine

from bot import texts as common
from bot.admin import AdminCommands
from bot.reminders import texts
from bot.reminders.desk import ReminderDesk
from conversations import texts as conversation_texts
from conversations.commands import Desk
from conversations.display import format_date
from conversations.events import Reply
from conversations.forms.registry import BY_KEY
from conversations.parsing import Rejected, parse_date
from conversations.service import Message, period_label
from render.filters import wita_long
from storage import period_data, reminder_plan
from storage.db import session_scope
from storage.periods import WITA, parse_period, semester_end
from storage.queries import MemberRecord, PeriodRecord

logger = logging.getLogger(__name__)

PLAN_WORDS = {"pengingat": "days_before", "susulan": "days_after", "ringkasan": "digest_days"}
MAX_DAYS = 200  # a semester's data deadline is at most about 190 days away
LATEST_AFTER_SEMESTER = timedelta(days=183)


class ReminderCommands(AdminCommands):
    """Answers /tenggat and /ingatkan from admins; anything else is left to others."""

    def __init__(self, db: Engine, desk: ReminderDesk) -> None:
        self.db = db
        self.desk = desk
        self.wake: Callable[[], None] | None = None  # set by the scheduler: run a tick soon

    serves = Desk.REMINDERS
    refusal = conversation_texts.ADMIN_ONLY

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """/tenggat or /ingatkan."""
        words = argument.split()
        period = self._period(words)
        if period is None:
            return [Reply(common.REPORT_UNKNOWN_PERIOD.format(text=words[0]))]
        if parse_period(words[0] if words else ""):
            words = words[1:]
        if name == "ingatkan":
            return [self._remind(member, period, words)]
        return [self._deadlines(member, period, words)]

    def _period(self, words: list[str]) -> PeriodRecord | None:
        named = parse_period(words[0]) if words else None
        if named is None:
            return self.desk.awaited_period(self.desk.clock().astimezone(WITA).date())
        with session_scope(self.db) as session:
            return period_data.period(session, year=named[0], semester=named[1])

    # ----- /ingatkan ----------------------------------------------------------------------

    def _remind(self, member: MemberRecord, period: PeriodRecord, words: list[str]) -> Reply:
        section = words[0] if words else None
        if section is not None and section not in BY_KEY:
            return Reply(texts.REMIND_UNKNOWN_SECTION.format(text=section))
        count = self.desk.remind_now(period=period, section=section, by=member.id)
        which = texts.REMIND_SECTION.format(key=section) if section else ""
        if not count:
            return Reply(texts.REMIND_NOBODY.format(period=period_label(period), section=which))
        self._wake()
        return Reply(
            texts.REMIND_QUEUED.format(period=period_label(period), count=count, section=which)
        )

    # ----- /tenggat -----------------------------------------------------------------------

    def _deadlines(self, member: MemberRecord, period: PeriodRecord, words: list[str]) -> Reply:
        if not words:
            return Reply(f"{self._shown(period)}\n\n{texts.DEADLINES_USAGE}")
        which, value = words[0].casefold(), " ".join(words[1:])
        if which in ("data", "final"):
            return self._set_deadline(member, period, which, value)
        if which in PLAN_WORDS:
            return self._set_plan(member, PLAN_WORDS[which], value)
        return Reply(texts.DEADLINES_USAGE)

    def _shown(self, period: PeriodRecord) -> str:
        with session_scope(self.db) as session:
            plan = self.desk.plan(session)
            setter = reminder_plan.deadline_setter(session, period_id=period.id)
        who = (
            texts.DEADLINES_SET_BY.format(name=setter[0], at=wita_long(setter[1]))
            if setter
            else texts.DEADLINES_DEFAULT
        )
        return texts.DEADLINES_SHOWN.format(
            period=period_label(period),
            data=format_date(period.data_deadline),
            final=format_date(period.final_deadline),
            who=who,
            time=plan.send_at.strftime("%H.%M"),
            before=", ".join(str(days) for days in plan.days_before) or "-",
            after=plan.days_after,
            digest=plan.digest_days,
        )

    def _set_deadline(
        self, member: MemberRecord, period: PeriodRecord, which: str, value: str
    ) -> Reply:
        parsed = parse_date(" ".join(value.split())) if value.strip() else None
        if parsed is None or isinstance(parsed, Rejected):
            return Reply(texts.DEADLINE_BAD_DATE.format(text=value))
        data = parsed if which == "data" else period.data_deadline
        final = parsed if which == "final" else period.final_deadline
        problem = deadline_problem(period, data, final)
        if problem is not None:
            return Reply(problem)
        with session_scope(self.db) as session:
            reminder_plan.set_deadlines(
                session,
                period_id=period.id,
                data_deadline=data,
                final_deadline=final,
                member_id=member.id,
                now=self.desk.clock(),
            )
            session.commit()
        logger.info(
            "member %s set the %s deadline of period %s to %s", member.id, which, period.id, parsed
        )
        self._wake()
        return Reply(
            texts.DEADLINE_CHANGED.format(
                which=texts.DEADLINE_WHICH[which],
                period=period_label(period),
                date=format_date(parsed),
            )
        )

    def _set_plan(self, member: MemberRecord, name: str, value: str) -> Reply:
        parts = value.replace(",", " ").split()
        if not parts or not all(part.isdigit() and int(part) <= MAX_DAYS for part in parts):
            return Reply(texts.PLAN_BAD_DAYS)
        numbers = sorted({int(part) for part in parts}, reverse=True)
        if name != "days_before" and len(numbers) != 1:
            return Reply(texts.PLAN_BAD_DAYS)
        change = tuple(numbers) if name == "days_before" else numbers[0]
        with session_scope(self.db) as session:
            reminder_plan.set_plan(
                session, member_id=member.id, now=self.desk.clock(), **{name: change}
            )
            session.commit()
        logger.info("member %s changed the reminder plan: %s = %s", member.id, name, change)
        self._wake()
        return Reply(texts.PLAN_CHANGED)

    def _wake(self) -> None:
        if self.wake is not None:
            self.wake()


def deadline_problem(period: PeriodRecord, data: date, final: date) -> str | None:
    """Why these deadlines cannot be, in Indonesian; None when they can."""
    end = semester_end(period.year, period.semester)
    if min(data, final) <= end:
        return texts.DEADLINE_BEFORE_END.format(end=format_date(end))
    if max(data, final) > end + LATEST_AFTER_SEMESTER:
        return texts.DEADLINE_TOO_FAR.format(latest=format_date(end + LATEST_AFTER_SEMESTER))
    if data > final:
        return texts.DEADLINE_ORDER.format(data=format_date(data), final=format_date(final))
    return None
