"""The tables of lsp-bot, side by side."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.enums import Role, Semester, SubmissionStatus
from storage.types import UTCDateTime, utcnow

DEFAULT_DISTRIBUTION = (
    "Badan Nasional Sertifikasi Profesi (BNSP)",
    "Dewan Pengarah LSP",
    "Arsip LSP",
)


class LspProfile(SQLModel, table=True):
    """The certification body itself: printed on every report."""

    __tablename__ = "lsp_profile"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    address: str = ""
    licence_number: str = ""
    document_prefix: str = "LSP"
    city: str = ""
    distribution: list[str] = Field(
        default_factory=lambda: list(DEFAULT_DISTRIBUTION), sa_column=Column(JSON, nullable=False)
    )
    # The signatories of every report: the Manajer Administrasi, who prepares it, and the
    # Ketua LSP, who acknowledges it; each with an optional NIP or registration number.
    manager_name: str = ""
    manager_number: str = ""
    chair_name: str = ""
    chair_number: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Member(SQLModel, table=True):
    """A person who may talk to the bot."""

    __tablename__ = "member"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MemberRole(SQLModel, table=True):
    """One role held by one member."""

    __tablename__ = "member_role"

    member_id: int = Field(foreign_key="member.id", primary_key=True)
    role: Role = Field(primary_key=True, index=True, sa_type=String(32))


class Identity(SQLModel, table=True):
    """A channel address (`console:NAME`, `telegram:ID`, `whatsapp:NUMBER`) bound to a member."""

    __tablename__ = "identity"

    key: str = Field(primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Set when the channel refused to deliver (the person blocked the bot); cleared when the
    # person writes again. Reminders are not sent to an unreachable identity.
    unreachable_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    unreachable_reason: str | None = None


class Invite(SQLModel, table=True):
    """A one-time code that makes a new member (or gives an existing one a role)."""

    __tablename__ = "invite"

    code: str = Field(primary_key=True)
    role: Role = Field(sa_type=String(32))
    name: str | None = None
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, foreign_key="member.id")
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by: int | None = Field(default=None, foreign_key="member.id")
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set for a code that links one more channel (say WhatsApp beside Telegram) to this member.
    for_member: int | None = Field(default=None, foreign_key="member.id")


class Change(SQLModel, table=True):
    """One change to a member, an invite or the LSP profile: what, from what to what, who
    made it (None: at the server), through which channel, when. Kept for ever."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_subject", "subject", "subject_key"),)

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(sa_type=String(16))  # "member", "invite", "profile"
    subject_key: str
    action: str = Field(sa_type=String(32))
    old_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    changed_by: int | None = Field(default=None, foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Period(SQLModel, table=True):
    """A reporting semester with its deadlines (dates in WITA)."""

    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("year", "semester"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    semester: Semester = Field(sa_type=String(4))
    data_deadline: date
    final_deadline: date
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Who last set the deadlines by hand (None: they follow the configured defaults).
    deadlines_set_by: int | None = Field(default=None, foreign_key="member.id")
    deadlines_set_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Submission(SQLModel, table=True):
    """One member's part of one report section in one period."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("period_id", "section", "member_id"),
        Index("ix_submission_member_period", "member_id", "period_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = Field(foreign_key="period.id", index=True)
    section: str
    member_id: int = Field(foreign_key="member.id")
    status: SubmissionStatus = Field(default=SubmissionStatus.DRAFT, sa_type=String(16))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SubmissionEvent(SQLModel, table=True):
    """A change of a submission's status: who, when, through which channel."""

    __tablename__ = "submission_event"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    status: SubmissionStatus = Field(sa_type=String(16))
    member_id: int = Field(foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    """The current value of one field (entry 0: the section; 1..n: a repeated entry)."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("submission_id", "entry_no", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id")
    entry_no: int = 0
    field: str
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    revision: int = 1
    member_id: int = Field(foreign_key="member.id")
    channel: str
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Carried over from an earlier semester: the revision it was copied from (the member who
    # confirmed it is `member_id`).
    carried_from: int | None = Field(default=None, foreign_key="answer_revision.id")


class AnswerRevision(SQLModel, table=True):
    """Every change of an answer, kept for ever: the data trail."""

    __tablename__ = "answer_revision"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    entry_no: int
    field: str
    revision: int
    old_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    member_id: int = Field(foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    carried_from: int | None = Field(default=None, foreign_key="answer_revision.id")


class ConversationState(SQLModel, table=True):
    """Where one identity is in its conversation, as JSON text."""

    __tablename__ = "conversation_state"

    identity_key: str = Field(primary_key=True)
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProcessedMessage(SQLModel, table=True):
    """A message id already applied, so a redelivery is not applied again; with the replies it
    got until they are known to be sent, so a redelivery after a crash gets them again."""

    __tablename__ = "processed_message"

    identity_key: str = Field(primary_key=True)
    message_id: str = Field(primary_key=True)
    processed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    replies: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    replied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OpenPrompt(SQLModel, table=True):
    """The channel message whose quick replies are still live for an identity (its buttons
    answer the current question; presses on any older message are stale)."""

    __tablename__ = "open_prompt"

    identity_key: str = Field(primary_key=True)
    message_ref: str
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FinalReport(SQLModel, table=True):
    """One version of a final report: the PDF as sent and the data it was built from."""

    __tablename__ = "final_report"
    __table_args__ = (UniqueConstraint("period_id", "report", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = Field(foreign_key="period.id", index=True)
    report: str = Field(sa_type=String(8))
    version: int
    document_number: str
    content_sha256: str = Field(sa_type=String(64))
    pdf_sha256: str = Field(sa_type=String(64), unique=True)
    snapshot: Any = Field(sa_column=Column(JSON, nullable=False))
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="member.id")
    channel: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # What every page prints beside its QR code, for the public verification page (finals
    # made before 0010 have none).
    verification_code: str | None = Field(default=None, sa_type=String(16), unique=True, index=True)


class ReminderPlan(SQLModel, table=True):
    """The reminder offsets the admin chose in the chat (None: the configured default)."""

    __tablename__ = "reminder_plan"

    id: int | None = Field(default=None, primary_key=True)
    days_before: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    days_after: int | None = None
    digest_days: int | None = None
    updated_by: int | None = Field(default=None, foreign_key="member.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReminderOccasion(SQLModel, table=True):
    """One moment at which a group of people is reminded (7 days before a deadline, a daily
    digest, an admin's /ingatkan). Its key is unique, so only one process ever plans it."""

    __tablename__ = "reminder_occasion"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    period_id: int = Field(foreign_key="period.id", index=True)
    kind: str = Field(sa_type=String(16))
    section: str | None = None
    due_at: datetime = Field(sa_type=UTCDateTime)
    useful_until: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(sa_type=String(16))  # "planned" or "skipped"
    note: str = ""
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Reminder(SQLModel, table=True):
    """One reminder to one member: claimed before it is sent, marked sent after."""

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("occasion_id", "member_id"),
        Index("ix_reminder_state_next", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    occasion_id: int = Field(foreign_key="reminder_occasion.id")
    member_id: int = Field(foreign_key="member.id", index=True)
    state: str = Field(sa_type=String(16))
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    claimed_by: str | None = Field(default=None, sa_type=String(64))
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    identity_key: str | None = None
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The channel's id of the message that carried it (WhatsApp's wamid), the last delivery
    # status the channel reported for it (sent, delivered, read, failed), and the short form a
    # WhatsApp template needs, kept to send it again as a template after a 24-hour refusal.
    message_ref: str | None = Field(default=None, index=True)
    delivery: str | None = Field(default=None, sa_type=String(16))
    delivery_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    gist: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    as_template: bool = False


class WhatsAppContact(SQLModel, table=True):
    """How WhatsApp names one person: the business-scoped user id (since 2026) and the phone
    number (`wa_id`, missing for people who use a username), either of which a webhook may carry,
    bound to the one identity key the conversation uses; and when they last wrote (the 24-hour
    window in which ordinary messages may be sent)."""

    __tablename__ = "whatsapp_contact"

    identity_key: str = Field(primary_key=True)
    user_id: str | None = Field(default=None, unique=True)
    wa_id: str | None = Field(default=None, unique=True)
    last_inbound_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
