"""`lsp-bot records remove --period P --confirm P`: a period's collected records disposed of
once past their keeping, and only after a backup was made and checked. The confirmation must
name the period shown, so it answers this question and no other; the removal is logged."""

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from bot.records import texts
from bot.records.desk import keep_until
from storage import disposal, members, records
from storage.db import session_scope
from storage.enums import Semester
from storage.periods import period_code, semester_label

logger = logging.getLogger(__name__)


class BackupFailed(Exception):
    """The backup could not be made (the message says why)."""


def dispose_period(
    db: Engine, *, year: int, semester: Semester, confirmed: str | None, keep_years: int,
    today: date, now: datetime, make_backup: Callable[[], Path],
) -> tuple[int, list[str]]:  # fmt: skip
    """Dispose of a period's records if due and confirmed; the exit status and what to say."""
    code, label = period_code(year, semester), semester_label(year, semester)
    with session_scope(db) as session:
        held = [h for h in records.holdings(session) if (h.year, h.semester) == (year, semester)]
    if not held:
        return 2, [texts.REMOVE_UNKNOWN.format(period=label)]
    holding = held[0]
    until = keep_until(year, semester, keep_years)
    if until >= today:
        return 1, [texts.REMOVE_NOT_DUE.format(period=label, until=until.strftime("%d-%m-%Y"))]
    if confirmed != code:
        return 2, [texts.REMOVE_ASK.format(period=label, answers=holding.answers,
                                           evidence=holding.evidence, code=code)]  # fmt: skip
    try:
        backup = make_backup()
    except BackupFailed as problem:
        return 1, [texts.REMOVE_NO_BACKUP.format(problem=problem)]
    with session_scope(db) as session:
        done = disposal.dispose(session, period_id=holding.period_id)
        members.record_change(
            session, subject="period", key=code, action="records_disposed",
            old=done.as_dict(), new={"backup": backup.name}, by=None, channel="cli", now=now,
        )  # fmt: skip
        session.commit()
    logger.info("records of period %s disposed of", holding.period_id)
    return 0, [texts.REMOVE_DONE.format(period=label, answers=done.answers,
                                        evidence=done.evidence, backup=backup)]  # fmt: skip
