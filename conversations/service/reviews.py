"""An admin's review of a member's part stored: the action kept (storage/review.py), the part's
status changed, and for a return a notice to its owner, sent at once by the reminder sender
(exactly once, the same way reminders go) with the note and a "Perbaiki" button."""

import logging
from datetime import datetime, timedelta

from sqlmodel import Session

from conversations.review_views import RETURN, ReviewPart
from storage import reminders, review, writes
from storage.enums import ReminderKind, SubmissionStatus
from storage.models import Period, Submission
from storage.periods import period_code

logger = logging.getLogger(__name__)

NOTICE_USEFUL = timedelta(days=60)  # a return not yet told after this is told no more


def apply_review(
    session: Session, effect: ReviewPart, admin_id: int, channel: str, now: datetime
) -> bool:
    """Store a review action; True when the part's owner has a notice waiting to be sent."""
    part = session.get(Submission, effect.submission_id)
    if part is None or part.status != SubmissionStatus.SUBMITTED:
        logger.info("review of submission %s skipped: no longer waiting", effect.submission_id)
        return False
    action_id = review.record(session, submission_id=part.id or 0, action=effect.action,
                              fields=list(effect.fields), note=effect.note, member_id=admin_id,
                              channel=channel, now=now)  # fmt: skip
    returned = effect.action == RETURN
    status = SubmissionStatus.RETURNED if returned else SubmissionStatus.ACCEPTED
    writes.set_status(session, submission_id=part.id or 0, status=status, member_id=admin_id,
                      channel=channel, now=now)  # fmt: skip
    logger.info("submission %s %s by member %s (review %s)", part.id, effect.action, admin_id,
                action_id)  # fmt: skip
    if not returned:
        return False
    period = session.get(Period, part.period_id)
    assert period is not None
    occasion = reminders.add_occasion(
        session, key=f"{period_code(period.year, period.semester)}/kembali/{action_id}",
        period_id=part.period_id, kind=ReminderKind.RETURNED, due_at=now,
        useful_until=now + NOTICE_USEFUL, planned=True, now=now, section=part.section,
        note=str(action_id), created_by=admin_id,
    )  # fmt: skip
    if occasion is None:
        return False
    reminders.add_reminders(session, occasion_id=occasion, member_ids=[part.member_id], now=now)
    return True
