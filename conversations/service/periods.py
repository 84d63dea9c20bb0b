"""Which period applies: the semesters exist without anyone creating them, and one rule says
which of the previous and the current one a message, a member or a report is about."""

import logging
from datetime import date
from enum import StrEnum

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from conversations.forms.registry import SECTIONS
from conversations.progress import BELUM, Person, owed_sections, team_progress
from storage import (
    outstanding,
    queries,
    reminder_plan,
    writes,
)
from storage.db import session_scope
from storage.enums import Role, Semester
from storage.periods import (
    DEFAULT_RULE,
    DeadlineRule,
    default_deadlines,
    previous_semester,
    semester_label,
    semester_of,
)

logger = logging.getLogger(__name__)


def period_label(period: queries.PeriodRecord) -> str:
    """'Semester II Tahun 2026'."""
    return semester_label(period.year, period.semester)


def _period_keys(today: date) -> list[tuple[int, Semester]]:
    current = semester_of(today)
    return [previous_semester(*current), current]


def ensure_periods(db: Engine, *, today: date, rule: DeadlineRule = DEFAULT_RULE) -> None:
    """Create the previous and the current semester with the default deadlines if missing;
    deadlines nobody set by hand follow the defaults (they may have been reconfigured)."""
    keys = _period_keys(today)
    with session_scope(db) as session:
        found = queries.periods(session, keys=keys)
        for period in found.values():
            data_deadline, final_deadline = default_deadlines(period.year, period.semester, rule)
            if reminder_plan.follow_default_deadlines(
                session,
                period_id=period.id,
                data_deadline=data_deadline,
                final_deadline=final_deadline,
            ):
                logger.info("%s %s follows the configured deadlines", period.year, period.semester)
        session.commit()
    for year, semester in (key for key in keys if key not in found):
        data_deadline, final_deadline = default_deadlines(year, semester, rule)
        try:
            with session_scope(db) as session:
                writes.add_period(
                    session,
                    year=year,
                    semester=semester,
                    data_deadline=data_deadline,
                    final_deadline=final_deadline,
                )
                session.commit()
        except IntegrityError:
            logger.info("period %s %s created by another process", year, semester)


def semester_pair(
    session: Session, *, today: date
) -> tuple[queries.PeriodRecord, queries.PeriodRecord]:
    """The previous and the current semester (made by `ensure_periods`)."""
    keys = _period_keys(today)
    found = queries.periods(session, keys=keys)
    return found[keys[0]], found[keys[1]]


class Purpose(StrEnum):
    """What a period is wanted for."""

    ANSWERS = "answers"  # what a member fills in (a late member stays in the previous one)
    REPORT = "report"  # whose report is prepared (/draft, /final, /sertifikat, the export)
    AWAITED = "awaited"  # whose data is awaited (reminders, /tenggat, /ingatkan)


def applicable(
    session: Session,
    *,
    today: date,
    purpose: Purpose = Purpose.ANSWERS,
    member: queries.MemberRecord | None = None,
) -> tuple[queries.PeriodRecord, bool]:
    """The one rule for which semester applies on `today`, and whether it is a late member's.

    The previous semester is the one reported until its final deadline; its data is awaited
    until then too, unless its final report exists. Its answers are taken until its data
    deadline; after it people move on to the current semester, except a `member` who still
    owes sections of the previous one: they stay there ("late") until they have sent them, the
    final deadline passes, or a final report exists. For an admin that is while any section
    of it is still open, for anyone else while a section of their roles is.
    """
    previous, current = semester_pair(session, today=today)
    if today > previous.final_deadline:
        return current, False
    if purpose is Purpose.REPORT:
        return previous, False
    if purpose is Purpose.ANSWERS and today <= previous.data_deadline:
        return previous, False
    if purpose is Purpose.ANSWERS and member is None:
        return current, False
    if reminder_plan.has_final(session, period_id=previous.id):
        return current, False
    if purpose is Purpose.AWAITED:
        return previous, False
    assert member is not None
    if Role.ADMIN in member.roles:
        work = outstanding.open_work(session, period_id=previous.id)
        people = [Person(m, work.names[m], frozenset(r)) for m, r in work.roles.items()]
        progress = team_progress(SECTIONS, people, work.closed)
        return (previous if any(p.state == BELUM for p in progress) else current), False
    work = outstanding.open_work(session, period_id=previous.id, member_ids=[member.id])
    mine = owed_sections(SECTIONS, work.roles, work.closed, work.settled)
    return (previous, True) if mine else (current, False)


def collecting_period(session: Session, *, today: date) -> queries.PeriodRecord:
    """The period being collected from someone who owes nothing of the previous semester."""
    return applicable(session, today=today)[0]


def member_period(
    session: Session, member: queries.MemberRecord, *, today: date
) -> tuple[queries.PeriodRecord, bool]:
    """The period a member is filling in, and whether they are late."""
    return applicable(session, today=today, member=member)


def reporting_period(session: Session, *, today: date) -> queries.PeriodRecord:
    """The period whose report is being prepared."""
    return applicable(session, today=today, purpose=Purpose.REPORT)[0]
