"""What the engine asks the service to store: the effects of a step (an answer and its
revision, a status, an invite, a name, a revocation, evidence, a review action)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from conversations.review_views import ReviewPart
from storage.enums import Role, SubmissionStatus


@dataclass(frozen=True)
class SaveAnswer:
    """Store this value (None: skipped) for a field of the member's submission
    (`carried_from`: the earlier semester's answer revision it copies, confirmed by the
    member)."""

    section: str
    entry: int
    field: str
    value: Any
    carried_from: int | None = None


@dataclass(frozen=True)
class SetStatus:
    """Change the status of the member's submission for a section."""

    section: str
    status: SubmissionStatus


@dataclass(frozen=True)
class CreateInvite:
    """Record a one-time invite code."""

    code: str
    role: Role
    name: str | None
    expires_at: datetime


@dataclass(frozen=True)
class SetName:
    """The member gives their own full name."""

    name: str


@dataclass(frozen=True)
class RevokeCertificate:
    """Record a certificate's revocation (the admin confirmed it on screen)."""

    number: str
    on: date
    reason: str
    decision: str


@dataclass(frozen=True)
class AttachEvidence:
    """Keep a file as evidence of an answer of the member's submission (judged by its bytes:
    `kind`, a PDF's `pages`)."""

    section: str
    entry: int
    field: str
    filename: str
    data: bytes
    kind: str
    pages: int | None


@dataclass(frozen=True)
class ReplaceEvidence:
    """New files come for an answer whose files they replace: the ones attached until now are
    marked removed (kept, with who and when)."""

    section: str
    entry: int
    field: str


Effect = (
    SaveAnswer | SetStatus | CreateInvite | SetName | RevokeCertificate | AttachEvidence
    | ReplaceEvidence | ReviewPart
)  # fmt: skip
