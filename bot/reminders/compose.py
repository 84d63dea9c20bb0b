"""A claimed batch made into messages: who gets what through which identity, and which
reminders are settled without sending (no longer useful, nothing owed, nobody reachable)."""

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.reminders import messages
from bot.reminders.delivery import Outgoing
from conversations.events import Reply
from conversations.forms.registry import BY_KEY, SECTIONS
from conversations.progress import Person, owed_sections, team_progress
from conversations.schema import Section
from conversations.service import period_label
from conversations.turn_check import answer_label
from storage import (
    outstanding,
    period_data,
    queries,
    reach,
    register,
    reminder_plan,
    reminders,
    review,
)
from storage.carry import last_parts
from storage.enums import ReminderKind, ReminderState, Role, SubmissionStatus
from storage.periods import (
    WITA,
    period_code,
)
from storage.queries import PeriodRecord

logger = logging.getLogger(__name__)

EXPIRY_DAYS = 91  # the monthly list covers certificates expiring within about three months


def compose(
    session: Session,
    claimant: str,
    claimed: list[reminders.Claimed],
    channels: Sequence[str],
    now: datetime,
) -> tuple[list[Outgoing], list[tuple[str, str, str, ReminderState]]]:
    today = now.astimezone(WITA).date()
    outgoing: list[Outgoing] = []
    settled: list[tuple[str, str, str, ReminderState]] = []
    member_ids = sorted({c.member_id for c in claimed})
    where = reach.addresses(session, member_ids=member_ids, channels=channels)
    replies = replies_for(session, claimed, today)
    names = outstanding.active_names(session, member_ids=member_ids)

    def close(item: reminders.Claimed, state: ReminderState, why: str) -> None:
        reminders.finish(
            session,
            reminder_id=item.id,
            claimant=claimant,
            state=state,
            now=now,
            error=why,
        )
        name = names.get(item.member_id, str(item.member_id))
        settled.append((item.occasion_key, name, "", state))
        logger.info(
            "reminder %s to member %s: %s (%s)", item.occasion_key, item.member_id, state, why
        )

    for item in claimed:
        reply = replies.get(item.id)
        if now >= item.useful_until:
            close(item, ReminderState.EXPIRED, "the deadline it warned about has passed")
            continue
        if item.member_id not in names or reply is None:
            close(item, ReminderState.NOT_NEEDED, "nothing owed any more")
            continue
        addresses = where.get(item.member_id, [])
        reachable = [a for a in addresses if a.unreachable_since is None]
        if not reachable:
            why = "marked unreachable" if addresses else "no identity on " + ",".join(channels)
            close(item, ReminderState.UNREACHABLE, why)
            continue
        name = names[item.member_id]
        if reply.gist is not None:
            reply = replace(reply, gist=replace(reply.gist, name=name))
        outgoing.append(
            Outgoing(item.id, item.member_id, name, reachable[0].key, item.occasion_key, reply)
        )
    return outgoing, settled


def replies_for(
    session: Session, claimed: list[reminders.Claimed], today: date
) -> dict[int, Reply]:
    """The message of each claimed reminder that is still needed."""
    found: dict[int, Reply] = {}
    for period_id in sorted({c.period_id for c in claimed}):
        period = period_data.period_by_id(session, period_id=period_id)
        assert period is not None
        items = [c for c in claimed if c.period_id == period_id]
        label = period_label(period)
        digests = [c for c in items if c.kind is ReminderKind.DIGEST]
        if digests and not reminder_plan.has_final(session, period_id=period_id):
            work = outstanding.open_work(session, period_id=period_id)
            people = [Person(m, work.names[m], frozenset(r)) for m, r in work.roles.items()]
            reply = messages.digest(
                period=label,
                code=period_code(period.year, period.semester),
                final_deadline=period.final_deadline,
                progress=team_progress(SECTIONS, people, work.closed),
                unreachable=reach.unreachable(session),
                today=today,
            )
            found.update((c.id, reply) for c in digests)
        expiring = [c for c in items if c.kind is ReminderKind.EXPIRING]
        if expiring:
            soon = register.expiring(session, start=today, end=today + timedelta(days=EXPIRY_DAYS))
            if soon:
                found.update((c.id, messages.expiring(soon)) for c in expiring)
        found.update(_returned(session, [c for c in items if c.kind is ReminderKind.RETURNED],
                               period, label))  # fmt: skip
        told = (ReminderKind.DIGEST, ReminderKind.EXPIRING, ReminderKind.RETURNED)
        others = [c for c in items if c.kind not in told]
        if not others:
            continue
        work = outstanding.open_work(
            session, period_id=period_id, member_ids=sorted({c.member_id for c in others})
        )
        owed = owed_sections(SECTIONS, work.roles, work.closed, work.settled)
        notes: dict[int, dict[str, str]] = {}
        for action in review.open_returns(session, period_id=period_id):
            notes.setdefault(action.owner_id, {})[action.section] = action.note
        for item in others:
            sections = [s for s in owed.get(item.member_id, ()) if item.section in (None, s.key)]
            if sections:
                found[item.id] = messages.member_reminder(
                    item.kind,
                    period=label,
                    data_deadline=period.data_deadline,
                    final_deadline=period.final_deadline,
                    owed=sections,
                    today=today,
                    confirmable=confirmable(session, item.member_id, period, sections),
                    returned=notes.get(item.member_id, {}),
                )  # fmt: skip
    return found


def _returned(
    session: Session, items: list[reminders.Claimed], period: PeriodRecord, label: str
) -> dict[int, Reply]:
    """The notice of each returned part still waiting for its owner's fix."""
    found: dict[int, Reply] = {}
    for item in items:
        action = review.action(session, action_id=int(item.occasion_key.rsplit("/", 1)[1]))
        if action is None or action.answered_at is not None:
            continue
        part = review.part(session, submission_id=action.submission_id, period_id=period.id)
        if part is None or part.status is not SubmissionStatus.RETURNED:
            continue
        section = BY_KEY[part.section]
        fields = [answer_label(section, part.answers, e, k) for e, k in action.fields]
        found[item.id] = messages.returned(key=part.section, period=label, by=action.by,
                                           note=action.note, fields=fields,
                                           deadline=period.data_deadline)  # fmt: skip
    return found


def confirmable(
    session: Session, member_id: int, period: PeriodRecord, sections: Sequence[Section]
) -> frozenset[str]:
    """The owed sections the member has not begun that would offer last semester's stable
    answers to confirm (a few taps instead of typing)."""
    begun = {key for key, record in queries.member_submissions(
        session, member_id=member_id, period_id=period.id).items() if record.answers}  # fmt: skip
    wanted = [s for s in sections if s.key not in begun]
    shared = frozenset(s.key for s in SECTIONS if s.role is Role.ADMIN)
    found = last_parts(session, member_id=member_id, before=(period.year, period.semester),
                       sections=[s.key for s in wanted], shared=shared)  # fmt: skip
    keys = set()
    for section in wanted:
        part = found.get(section.key)
        questions = (*section.top_questions, *(section.repeat.questions if section.repeat else ()))
        stable = {q.key for q in questions if q.stable}
        if part and any(f in stable and v is not None for (_e, f), v in part.answers.items()):
            keys.add(section.key)
    return frozenset(keys)
