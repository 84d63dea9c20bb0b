"""What goes into the engine and what comes out of it."""

from dataclasses import astuple, dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from conversations.commands import Parsed, parse
from conversations.effects import Effect
from conversations.files import IncomingFile
from conversations.review_views import ReturnView, ReviewView
from conversations.state import State
from storage.enums import Role, SubmissionStatus


@dataclass(frozen=True)
class Inbound:
    """A message from a person: what they typed or the value of the button they pressed,
    parsed once (`parsed`) into text, a command or an unknown command; or a file they sent
    (`file`). `files`: whether their channel can send files as evidence."""

    text: str
    file: IncomingFile | None = None
    files: bool = False

    @cached_property
    def parsed(self) -> Parsed:
        """What the message is (conversations/commands.py)."""
        return parse(self.text)


@dataclass(frozen=True)
class Option:
    """A quick reply: the channel shows `label`, a press comes back as `value`."""

    value: str
    label: str


@dataclass(frozen=True)
class Document:
    """A file sent with a reply (a PDF report, a spreadsheet export)."""

    filename: str
    data: bytes
    mime_type: str


@dataclass(frozen=True)
class Gist:
    """A reminder in a few short values, for a channel that may then send only a template
    approved beforehand (WhatsApp, outside its 24-hour window): whom it is for, what is owed,
    by when, and the command its one button runs."""

    name: str
    subject: str
    deadline: str
    command: str = "/menu"


@dataclass(frozen=True)
class Reply:
    """A message to send, with optional quick replies or an attached document.

    `multiple`: the options may be combined (answered as "1,3"); `invite_code`: the reply hands
    out this invite code, which a channel may also show as a link that registers at one tap;
    `gist`: the reply is a reminder, and this is its template form.
    """

    text: str
    options: tuple[Option, ...] = ()
    document: Document | None = None
    multiple: bool = False
    invite_code: str | None = None
    gist: Gist | None = None


@dataclass(frozen=True)
class Step:
    """The engine's answer: the new state, messages to send, changes to store."""

    state: State
    replies: tuple[Reply, ...]
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class MemberView:
    """Who is talking."""

    id: int
    name: str
    roles: frozenset[Role]

    @property
    def is_admin(self) -> bool:
        """Whether this member is a Manajer Administrasi."""
        return Role.ADMIN in self.roles


@dataclass(frozen=True)
class PeriodView:
    """The period being collected. `late`: past its data deadline, this member may still send
    the sections they owe (until the final deadline, while no final report exists)."""

    id: int
    label: str
    data_deadline: date
    final_deadline: date | None = None
    late: bool = False
    starts: date | None = None
    ends: date | None = None


@dataclass(frozen=True)
class SubmissionView:
    """The member's own part of one section."""

    status: SubmissionStatus
    answers: dict[tuple[int, str], Any] = field(default_factory=dict)
    carried: frozenset[tuple[int, str]] = frozenset()  # confirmed from last semester


@dataclass(frozen=True)
class OtherPart:
    """Another member's part of a section, as the admin sees it before adding to it."""

    name: str
    role: str
    status: SubmissionStatus
    answers: dict[tuple[int, str], Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OthersView:
    """Others' parts of one section: the first few by name and how many in all; the same of
    those sent."""

    parts: tuple[OtherPart, ...] = ()
    count: int = 0
    sent: tuple[OtherPart, ...] = ()
    sent_count: int = 0


@dataclass(frozen=True)
class SectionProgress:
    """One section across the whole team: settled or not, and who still owes it."""

    section: str
    state: str
    owed_by: tuple[str, ...]
    done_by: tuple[str, ...]
    nobody_holds_role: bool = False
    owed_count: int | None = None  # when `owed_by` names only the first few: how many owe
    done_count: int | None = None  # the same for `done_by`

    @property
    def owing(self) -> int:
        """How many owe the section."""
        return len(self.owed_by) if self.owed_count is None else self.owed_count

    @property
    def done(self) -> int:
        """How many sent it or declared it nihil."""
        return len(self.done_by) if self.done_count is None else self.done_count


@dataclass(frozen=True)
class PreviousPart:
    """The member's part of a section in the last semester they sent it (`label`: 'Semester I
    Tahun 2026'): per (entry, field) the value, and the answer revision it is at."""

    label: str
    answers: dict[tuple[int, str], Any] = field(default_factory=dict)
    revisions: dict[tuple[int, str], int] = field(default_factory=dict)
    by: str | None = None  # who sent it, when it was not this member (another admin)


@dataclass(frozen=True)
class CertificateView:
    """A certificate a typed number named, as the register holds it; `words`: how many words
    of the typed text its number took."""

    number: str
    holder: str
    scheme: str
    issued_on: date
    valid_until: date
    revoked_on: date | None
    words: int


@dataclass(frozen=True)
class Context:
    """Everything the engine may read for one message, loaded by the service beforehand."""

    member: MemberView
    period: PeriodView
    submissions: dict[str, SubmissionView]
    team: tuple[SectionProgress, ...] | None = None
    invite_code: str | None = None
    others: dict[str, OthersView] = field(default_factory=dict)
    certificate: CertificateView | None = None
    previous: dict[str, PreviousPart] = field(default_factory=dict)  # sections not yet begun
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 'tuk'/'scheme' -> known
    files: bool = False  # the member's channel can send files (evidence is asked for)
    review: ReviewView | None = None  # an admin's /periksa
    returns: dict[str, ReturnView] = field(default_factory=dict)  # own parts returned


def reply_record(reply: Reply) -> dict[str, Any]:
    """A reply as plain data, to be kept until it is sent (an attached document is not kept:
    the command that made it can be sent again)."""
    return {
        "text": reply.text,
        "options": [[option.value, option.label] for option in reply.options],
        "multiple": reply.multiple,
        "invite_code": reply.invite_code,
        "gist": None if reply.gist is None else list(astuple(reply.gist)),
    }


def reply_from_record(record: dict[str, Any]) -> Reply:
    """The reply `reply_record` kept."""
    gist = record.get("gist")
    return Reply(
        str(record.get("text", "")),
        tuple(Option(str(value), str(label)) for value, label in record.get("options", ())),
        multiple=bool(record.get("multiple")),
        invite_code=record.get("invite_code"),
        gist=Gist(*gist) if gist else None,
    )
