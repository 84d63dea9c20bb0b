"""The engine's effects stored: answers and their revisions, statuses, names, invites,
revocations, evidence and review actions."""

import logging
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from conversations.effects import (
    AttachEvidence,
    CreateInvite,
    Effect,
    ReplaceEvidence,
    RevokeCertificate,
    SaveAnswer,
    SetName,
    SetStatus,
)
from conversations.review_views import ReviewPart
from conversations.service.reviews import apply_review
from storage import (
    evidence,
    members,
    queries,
    register_writes,
    review,
    writes,
)
from storage import register as certificate_register
from storage.enums import SubmissionStatus

logger = logging.getLogger(__name__)


def apply(
    session: Session,
    effect: Effect,
    member_id: int,
    period_id: int,
    channel: str,
    now: datetime,
    records: dict[str, queries.SubmissionRecord],
    notices: list[bool],
) -> None:
    """Store one effect of the engine's step (`records`: the member's submissions, kept up to
    date; `notices`: True added for each notice to another member waiting to be sent)."""
    if isinstance(effect, SetName):
        old = members.rename(session, member_id=member_id, name=effect.name)
        members.record_change(session, subject="member", key=str(member_id),
                              action="rename", old=old, new=effect.name, by=member_id,
                              channel=channel, now=now)  # fmt: skip
        return
    if isinstance(effect, RevokeCertificate):
        _revoke(session, effect, member_id, channel, now)
        return
    if isinstance(effect, ReviewPart):
        notices.append(apply_review(session, effect, member_id, channel, now))
        return
    if isinstance(effect, CreateInvite):
        writes.create_invite(
            session,
            code=effect.code,
            role=effect.role,
            name=effect.name,
            created_by=member_id,
            now=now,
            expires_at=effect.expires_at,
        )
        return
    record = records.get(effect.section)
    if record is None:
        submission_id = writes.ensure_submission(
            session, period_id=period_id, section=effect.section, member_id=member_id, now=now
        )
        record = queries.SubmissionRecord(
            submission_id, effect.section, SubmissionStatus.DRAFT, {}, {}
        )
        records[effect.section] = record
    submission_id = record.id
    if isinstance(effect, SaveAnswer):
        key = (effect.entry, effect.field)
        current = (record.answers[key], record.revisions[key]) if key in record.answers else None
        revision = writes.save_answer(
            session,
            submission_id=submission_id,
            entry_no=effect.entry,
            field=effect.field,
            value=effect.value,
            member_id=member_id,
            channel=channel,
            now=now,
            current=current,
            carried_from=effect.carried_from,
        )
        if revision is not None:
            record.answers[key], record.revisions[key] = effect.value, revision
            if effect.carried_from is not None:
                record.carried.add(key)
                evidence.carry(session, revision_id=effect.carried_from,
                               submission_id=submission_id, entry_no=effect.entry,
                               field=effect.field)  # fmt: skip
            else:
                record.carried.discard(key)
            if record.status is SubmissionStatus.ACCEPTED:  # changed: to be looked at again
                writes.set_status(session, submission_id=submission_id,
                                  status=SubmissionStatus.SUBMITTED, member_id=member_id,
                                  channel=channel, now=now)  # fmt: skip
                records[effect.section] = replace(record, status=SubmissionStatus.SUBMITTED)
    elif isinstance(effect, ReplaceEvidence):
        gone = evidence.remove_answer(session, submission_id=submission_id, entry_no=effect.entry,
                                      field=effect.field, member_id=member_id, now=now)  # fmt: skip
        logger.info("%s evidence attachments of submission %s replaced", gone, submission_id)
    elif isinstance(effect, AttachEvidence):
        found = evidence.attach(session, submission_id=submission_id, entry_no=effect.entry,
                                field=effect.field, data=effect.data, filename=effect.filename,
                                kind=effect.kind, pages=effect.pages, member_id=member_id,
                                channel=channel, now=now)  # fmt: skip
        logger.info("evidence %s (%s bytes) attached to submission %s", found, len(effect.data),
                    submission_id)  # fmt: skip
    elif isinstance(effect, SetStatus):
        writes.set_status(
            session,
            submission_id=submission_id,
            status=effect.status,
            member_id=member_id,
            channel=channel,
            now=now,
        )
        if effect.status is SubmissionStatus.SUBMITTED:  # sent again: its returns answered
            review.answer_returns(session, submission_id=submission_id, now=now)
        records[effect.section] = replace(record, status=effect.status)


def _revoke(
    session: Session, effect: RevokeCertificate, member_id: int, channel: str, now: datetime
) -> None:
    certificate = certificate_register.certificate_id(session, number=effect.number)
    assert certificate is not None  # certificates are never deleted
    done = register_writes.revoke(session, certificate=certificate, on=effect.on,
                                  reason=effect.reason, decision=effect.decision, by=member_id,
                                  channel=channel, now=now)  # fmt: skip
    logger.info("certificate %s revoked by member %s%s", certificate, member_id,
                "" if done else " (it was already)")  # fmt: skip


# What a summary of another member's part reads: entry 0 (counted), and of each entry only the
# first field (its name) and the deletion mark.
