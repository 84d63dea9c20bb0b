"""Writes: keyword-only functions that change rows and never commit (the caller owns that)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage import queries
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
    OpenPrompt,
    Period,
    ProcessedMessage,
    Submission,
    SubmissionEvent,
)


def _table(model: type) -> Table:
    return model.__table__


_PROCESSED = _table(ProcessedMessage)
_PROCESSED_ONCE = {
    "sqlite": sqlite.insert(_PROCESSED).on_conflict_do_nothing().returning(_PROCESSED.c.message_id),
    "postgresql": postgresql.insert(_PROCESSED)
    .on_conflict_do_nothing()
    .returning(_PROCESSED.c.message_id),
}


def mark_processed(session: Session, *, identity_key: str, message_id: str, now: datetime) -> bool:
    """Record a message id as applied; False if it already was (nothing is written then)."""
    return record_processed(
        session, identity_key=identity_key, message_id=message_id, replies=None, now=now
    )


def record_processed(
    session: Session,
    *,
    identity_key: str,
    message_id: str,
    replies: list[dict[str, Any]] | None,
    now: datetime,
) -> bool:
    """Record a message id as applied, with the replies it got (kept until `mark_replied`);
    False if it was recorded before (nothing is written then: roll back what applied it)."""
    connection = session.connection()
    params = {"identity_key": identity_key, "message_id": message_id, "processed_at": now,
              "replies": replies}  # fmt: skip
    statement = _PROCESSED_ONCE.get(connection.dialect.name)
    if statement is not None:
        return connection.execute(statement, params).first() is not None
    seen = connection.execute(
        select(_PROCESSED.c.message_id).where(
            _PROCESSED.c.identity_key == identity_key, _PROCESSED.c.message_id == message_id
        )
    ).first()
    if seen is None:
        connection.execute(insert(_PROCESSED), params)
    return seen is None


def mark_replied(session: Session, *, identity_key: str, message_id: str, now: datetime) -> None:
    """The replies to a message were sent: a redelivery gets nothing more."""
    session.connection().execute(
        update(_PROCESSED)
        .where(_PROCESSED.c.identity_key == identity_key, _PROCESSED.c.message_id == message_id)
        .values(replies=None, replied_at=now)
    )


def take_unsent_replies(
    session: Session, *, identity_key: str, message_id: str, now: datetime
) -> list[dict[str, Any]] | None:
    """The replies kept for an applied message and not yet known to be sent, handed out once:
    they count as sent from now on, so a message is answered at most once more (of several
    redeliveries at once, one gets them: the conditional UPDATE picks it)."""
    connection = session.connection()
    which = (
        _PROCESSED.c.identity_key == identity_key,
        _PROCESSED.c.message_id == message_id,
        _PROCESSED.c.replied_at.is_(None),
    )
    row = connection.execute(select(_PROCESSED.c.replies).where(*which)).first()
    if row is None or not row.replies:
        return None
    taken = connection.execute(
        update(_PROCESSED).where(*which).values(replies=None, replied_at=now)
    )
    return list(row.replies) if taken.rowcount == 1 else None


_STATE = _table(ConversationState)
_UPDATE_STATE = (
    update(_STATE)
    .where(_STATE.c.identity_key == bindparam("key"))
    .values(data=bindparam("data"), updated_at=bindparam("now"))
)


def _upsert(table: Table, key: str, *columns: str) -> dict[str, Any]:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET columns, for the dialects that have it: one
    statement, so two instances writing one person's row at once never collide."""
    found: dict[str, Any] = {}
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql)):
        statement = dialect.insert(table)
        found[name] = statement.on_conflict_do_update(
            index_elements=[key], set_={column: statement.excluded[column] for column in columns}
        )
    return found


_STATE_UPSERT = _upsert(_STATE, "identity_key", "data", "updated_at")


def save_state(session: Session, *, identity_key: str, data: str, now: datetime) -> None:
    """Store an identity's conversation state (one upsert)."""
    connection = session.connection()
    row = {"identity_key": identity_key, "data": data, "updated_at": now}
    statement = _STATE_UPSERT.get(connection.dialect.name)
    if statement is not None:
        connection.execute(statement, row)
        return
    result = connection.execute(_UPDATE_STATE, {"key": identity_key, "data": data, "now": now})
    if result.rowcount == 0:
        connection.execute(insert(_STATE), row)


_PROMPT = _table(OpenPrompt)
_UPDATE_PROMPT = (
    update(_PROMPT)
    .where(_PROMPT.c.identity_key == bindparam("key"))
    .values(message_ref=bindparam("ref"), updated_at=bindparam("now"))
)


_PROMPT_UPSERT = _upsert(_PROMPT, "identity_key", "message_ref", "updated_at")


def set_open_prompt(
    session: Session, *, identity_key: str, message_ref: str | None, now: datetime
) -> None:
    """Remember which message's buttons are live for an identity (None: no live buttons); one
    upsert, so two instances recording one person's prompt never collide."""
    connection = session.connection()
    if message_ref is None:
        connection.execute(delete(_PROMPT).where(_PROMPT.c.identity_key == identity_key))
        return
    row = {"identity_key": identity_key, "message_ref": message_ref, "updated_at": now}
    statement = _PROMPT_UPSERT.get(connection.dialect.name)
    if statement is not None:
        connection.execute(statement, row)
        return
    params = {"key": identity_key, "ref": message_ref, "now": now}
    if connection.execute(_UPDATE_PROMPT, params).rowcount == 0:
        connection.execute(insert(_PROMPT), row)


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
    return result.inserted_primary_key[0]


_ANSWER = _table(Answer)
_REVISION = _table(AnswerRevision)
_SUBMISSION = _table(Submission)
_UPDATE_ANSWER = (
    update(_ANSWER)
    .where(
        _ANSWER.c.submission_id == bindparam("sid"),
        _ANSWER.c.entry_no == bindparam("entry"),
        _ANSWER.c.field == bindparam("fname"),
    )
    .values(
        value=bindparam("value"),
        revision=bindparam("revision"),
        member_id=bindparam("member_id"),
        channel=bindparam("channel"),
        updated_at=bindparam("now"),
        carried_from=bindparam("carried_from"),
    )
)
_TOUCH_SUBMISSION = (
    update(_SUBMISSION)
    .where(_SUBMISSION.c.id == bindparam("sid"))
    .values(updated_at=bindparam("now"))
)


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
    current: tuple[Any, int] | None,
    carried_from: int | None = None,
) -> int | None:
    """Set an answer whose current (value, revision) the caller loaded in this transaction, and
    keep the change as a revision (`carried_from`: the earlier semester's revision it copies).
    The new revision number, or None if nothing changed."""
    if current is not None and current[0] == value and carried_from is None:
        return None
    revision = 1 if current is None else current[1] + 1
    connection = session.connection()
    row = {"submission_id": submission_id, "entry_no": entry_no, "field": field, "value": value,
           "revision": revision, "member_id": member_id, "channel": channel,
           "carried_from": carried_from}  # fmt: skip
    if current is None:
        connection.execute(insert(_ANSWER), {**row, "updated_at": now})
    else:
        connection.execute(
            _UPDATE_ANSWER,
            {"sid": submission_id, "entry": entry_no, "fname": field, "value": value,
             "revision": revision, "member_id": member_id, "channel": channel, "now": now,
             "carried_from": carried_from},
        )  # fmt: skip
    del row["value"]
    old = None if current is None else current[0]
    connection.execute(
        insert(_REVISION), {**row, "old_value": old, "new_value": value, "created_at": now}
    )
    connection.execute(_TOUCH_SUBMISSION, {"sid": submission_id, "now": now})
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
    for_member: int | None = None,
) -> Invite:
    """A new one-time invite (`for_member`: a code linking one more channel to that member)."""
    invite = Invite(
        code=code,
        role=role,
        name=name,
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
        for_member=for_member,
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
    profile = queries.profile(session)
    if profile is None:
        profile = LspProfile(name=name, updated_at=now)
        session.add(profile)
        session.flush()
    return profile


def update_profile(session: Session, *, now: datetime, **changes: Any) -> LspProfile:
    """Change the given (non-None) fields of the LSP profile, creating it if missing."""
    row = queries.profile(session) or LspProfile(name=changes.get("name") or "LSP")
    for key, value in changes.items():
        if value is not None:
            setattr(row, key, value)
    row.updated_at = now
    session.add(row)
    session.flush()
    return row
