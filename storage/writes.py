"""Writes: keyword-only functions that change rows and never commit (the caller owns that)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from storage.enums import Role, Semester, SubmissionStatus
from storage.models import (
    Answer,
    AnswerRevision,
    ConversationState,
    Identity,
    Invite,
    LspProfile,
    Member,
    MemberRole,
    Period,
    ProcessedMessage,
    Submission,
    SubmissionEvent,
)


def mark_processed(session: Session, *, identity_key: str, message_id: str, now: datetime) -> None:
    """Record a message id as applied (a second insert of the same id fails at flush)."""
    session.execute(
        insert(ProcessedMessage).values(
            identity_key=identity_key, message_id=message_id, processed_at=now
        )
    )


def save_state(session: Session, *, identity_key: str, data: str, now: datetime) -> None:
    """Store an identity's conversation state."""
    result = session.execute(
        update(ConversationState)
        .where(ConversationState.identity_key == identity_key)
        .values(data=data, updated_at=now)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(
            insert(ConversationState).values(identity_key=identity_key, data=data, updated_at=now)
        )


def add_period(
    session: Session, *, year: int, semester: Semester, data_deadline: date, final_deadline: date
) -> Period:
    """A new reporting period."""
    period = Period(
        year=year, semester=semester, data_deadline=data_deadline, final_deadline=final_deadline
    )
    session.add(period)
    session.flush()
    return period


def ensure_submission(
    session: Session, *, period_id: int, section: str, member_id: int, now: datetime
) -> int:
    """The id of a member's submission for a section, created as a draft if missing."""
    found = session.execute(
        select(Submission.id).where(
            Submission.period_id == period_id,
            Submission.section == section,
            Submission.member_id == member_id,
        )
    ).scalar_one_or_none()
    if found is not None:
        return found
    result = session.execute(
        insert(Submission).values(
            period_id=period_id,
            section=section,
            member_id=member_id,
            status=SubmissionStatus.DRAFT,
            created_at=now,
            updated_at=now,
        )
    )
    return result.inserted_primary_key[0]  # type: ignore[index]


def save_answer(
    session: Session,
    *,
    submission_id: int,
    entry_no: int,
    field: str,
    value: Any,
    member_id: int,
    channel: str,
    now: datetime,
) -> int | None:
    """Set an answer and keep the change as a revision; the new revision number, or None if
    the value did not change."""
    current = session.execute(
        select(Answer.id, Answer.value, Answer.revision).where(
            Answer.submission_id == submission_id,
            Answer.entry_no == entry_no,
            Answer.field == field,
        )
    ).first()
    if current is not None and current.value == value:
        return None
    revision = 1 if current is None else current.revision + 1
    fields = dict(value=value, revision=revision, member_id=member_id, channel=channel)
    if current is None:
        session.execute(
            insert(Answer).values(
                submission_id=submission_id,
                entry_no=entry_no,
                field=field,
                updated_at=now,
                **fields,
            )
        )
    else:
        session.execute(
            update(Answer).where(Answer.id == current.id).values(updated_at=now, **fields)
        )
    session.execute(
        insert(AnswerRevision).values(
            submission_id=submission_id,
            entry_no=entry_no,
            field=field,
            revision=revision,
            old_value=None if current is None else current.value,
            new_value=value,
            member_id=member_id,
            channel=channel,
            created_at=now,
        )
    )
    session.execute(update(Submission).where(Submission.id == submission_id).values(updated_at=now))
    return revision


def set_status(
    session: Session,
    *,
    submission_id: int,
    status: SubmissionStatus,
    member_id: int,
    channel: str,
    now: datetime,
) -> None:
    """Change a submission's status and record who did it."""
    values: dict[str, Any] = {"status": status, "updated_at": now}
    if status is SubmissionStatus.SUBMITTED:
        values["submitted_at"] = now
    session.execute(update(Submission).where(Submission.id == submission_id).values(**values))
    session.execute(
        insert(SubmissionEvent).values(
            submission_id=submission_id,
            status=status,
            member_id=member_id,
            channel=channel,
            created_at=now,
        )
    )


def create_invite(
    session: Session,
    *,
    code: str,
    role: Role,
    name: str | None,
    created_by: int | None,
    now: datetime,
    expires_at: datetime,
) -> Invite:
    """A new one-time invite."""
    invite = Invite(
        code=code,
        role=role,
        name=name,
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(invite)
    session.flush()
    return invite


def create_member(session: Session, *, name: str, now: datetime) -> int:
    """A new active member without roles; its id."""
    member = Member(name=name, created_at=now)
    session.add(member)
    session.flush()
    assert member.id is not None
    return member.id


def add_role(session: Session, *, member_id: int, role: Role) -> None:
    """Give a member a role."""
    session.add(MemberRole(member_id=member_id, role=role))
    session.flush()


def bind_identity(session: Session, *, key: str, member_id: int, now: datetime) -> None:
    """Bind a channel identity to a member."""
    session.add(Identity(key=key, member_id=member_id, created_at=now))
    session.flush()


def use_invite(session: Session, *, code: str, member_id: int, now: datetime) -> None:
    """Mark an invite used by a member."""
    session.execute(
        update(Invite).where(Invite.code == code).values(used_by=member_id, used_at=now)
    )


def ensure_profile(session: Session, *, name: str, now: datetime) -> LspProfile:
    """The LSP profile row, created with this name if there is none."""
    profile = session.execute(select(LspProfile).limit(1)).scalar_one_or_none()
    if profile is None:
        profile = LspProfile(name=name, updated_at=now)
        session.add(profile)
        session.flush()
    return profile
