"""What the review of sent parts reads and stores: the parts waiting for the Manajer
Administrasi's look, one part opened with its answers and files, a member's own returned part,
and the review action itself (accept, or return with the answers to fix and a note)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.enums import SubmissionStatus

RETURN, ACCEPT = "returned", "accepted"


@dataclass(frozen=True)
class WaitingPart:
    """A part sent and not looked at yet."""

    submission_id: int
    section: str
    name: str
    sent_at: datetime


@dataclass(frozen=True)
class PartFile:
    """A file kept as evidence of one of the part's answers."""

    entry: int
    field: str
    name: str
    kind: str
    size: int


@dataclass(frozen=True)
class ReviewedPart:
    """One member's part of a section, opened by an admin."""

    submission_id: int
    section: str
    name: str
    status: SubmissionStatus
    answers: dict[tuple[int, str], Any] = field(default_factory=dict)
    files: tuple[PartFile, ...] = ()


@dataclass(frozen=True)
class ReviewView:
    """/periksa: the parts waiting (the first few, and how many), and the part opened."""

    waiting: tuple[WaitingPart, ...] = ()
    count: int = 0
    part: ReviewedPart | None = None


@dataclass(frozen=True)
class ReturnView:
    """A member's own part returned to them: the answers to fix, the note, by whom, when."""

    fields: tuple[tuple[int, str], ...]
    note: str
    by: str
    at: datetime


@dataclass(frozen=True)
class ReviewPart:
    """An admin accepts a member's part, or returns it with the answers to fix and a note
    (its owner is told at once)."""

    submission_id: int
    action: str  # RETURN or ACCEPT
    fields: tuple[tuple[int, str], ...] = ()
    note: str = ""
