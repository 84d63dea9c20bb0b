"""The vocabulary forms are written in: sections, questions, choices, repeats and conditions."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from storage.enums import Role


class QuestionType(StrEnum):
    """What kind of answer a question takes."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"


class Carry(StrEnum):
    """Whether an answer carries over to the next semester.

    STABLE: it describes something that stays until it changes (a TUK's name and address, an
    assessor's registration number, a scheme's standard), offered again from the last semester
    reported, to be confirmed. SEMESTER: it is of the semester asked about (progress, counts,
    dates in the period, the plan), asked afresh every semester."""

    STABLE = "stable"
    SEMESTER = "semester"


@dataclass(frozen=True)
class EvidenceRequest:
    """An answer that takes evidence (bukti): what the files show ('berita acara verifikasi
    TUK'), whether one is required, and how many at most. Photos and PDFs are taken."""

    what: str
    required: bool = False
    most: int = 5


@dataclass(frozen=True)
class Choice:
    """One option of a choice question: the stored value and what people read."""

    value: str
    label: str


@dataclass(frozen=True)
class Equals:
    """Relevant when an earlier field of the same entry has this value."""

    field: str
    value: Any

    def holds(self, answers: dict[str, Any]) -> bool:
        """Whether the condition holds for these answers."""
        return answers.get(self.field) == self.value


@dataclass(frozen=True)
class OneOf:
    """Relevant when an earlier field's value is one of these."""

    field: str
    values: tuple[Any, ...]

    def holds(self, answers: dict[str, Any]) -> bool:
        """Whether the condition holds for these answers."""
        return answers.get(self.field) in self.values


@dataclass(frozen=True)
class Includes:
    """Relevant when an earlier multiple-choice field includes this value."""

    field: str
    value: str

    def holds(self, answers: dict[str, Any]) -> bool:
        """Whether the condition holds for these answers."""
        chosen = answers.get(self.field)
        return isinstance(chosen, list) and self.value in chosen


Condition = Equals | OneOf | Includes


@dataclass(frozen=True)
class NotBefore:
    """A constraint between answers (XLSForm's `constraint`): this date may not be earlier
    than the date in another field of the same entry. A breach is refused with a message."""

    field: str

    def breached(self, value: Any, answers: dict[str, Any]) -> bool:
        """Whether `value` lies before the other field's answer (ISO dates compare as text)."""
        other = answers.get(self.field)
        return isinstance(value, str) and isinstance(other, str) and value < other


@dataclass(frozen=True)
class InPeriod:
    """A check that asks instead of refusing: a date outside the reported semester may be
    right (a verification carried over), so the person confirms it with Ya/Tidak."""

    def breached(self, value: Any, starts: str, ends: str) -> bool:
        """Whether the ISO date `value` lies outside [starts, ends]."""
        return isinstance(value, str) and not starts <= value <= ends


@dataclass(frozen=True)
class Question:
    """One prompt and the rules its answer must meet."""

    key: str
    label: str
    type: QuestionType
    hint: str | None = None
    required: bool = True
    choices: tuple[Choice, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    relevant: Condition | None = None
    heading: str | None = None
    constraint: NotBefore | None = None
    confirm: InPeriod | None = None
    carry: Carry | None = None  # every form's question says which (the registry checks)
    names: str | None = None  # it names a 'tuk' or a 'scheme': the names known are offered
    evidence: EvidenceRequest | None = None  # files asked for once it is answered

    @property
    def stable(self) -> bool:
        """Whether the answer is offered again next semester."""
        return self.carry is Carry.STABLE

    @property
    def report_label(self) -> str:
        """The short label reports and exports print (the prompt when none is set)."""
        return self.heading or self.label

    def choice_label(self, value: str) -> str:
        """The label people read for a stored choice value."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


@dataclass(frozen=True)
class Tally:
    """A summary the report adds under a repeated group: `count` summed per `label`."""

    title: str
    label: str
    count: str


@dataclass(frozen=True)
class RegisterCount:
    """How a section's answers are checked against the certificate register (the
    cross-check of a semester's reports): what the register calls them (`kind`: 'scheme',
    'tuk' or 'assessor'), the field that names each entry (`name`; None: the member who
    answers is the one named) and the field that counts (`count`). `equal`: the count must be
    the register's count of certificates (a scheme's certificates issued); otherwise it may
    not be less (asesi tested or assessed, some of whom were not found competent)."""

    kind: str
    count: str
    name: str | None = None
    equal: bool = True


@dataclass(frozen=True)
class Repeat:
    """A group of questions answered once per entry (one TUK, one scheme, ...)."""

    key: str
    label: str
    questions: tuple[Question, ...]
    min_entries: int = 1
    tally: Tally | None = None


@dataclass(frozen=True)
class Section:
    """One section of a report, owned by one role (the admin may answer every section)."""

    key: str
    report: str
    clause: str
    title: str
    role: Role
    intro: str
    items: tuple[Question | Repeat, ...] = field(default=())
    short_title: str = ""  # where space is short (a spreadsheet's sheet name)
    register: RegisterCount | None = None  # checked against the certificate register

    @property
    def repeat(self) -> Repeat | None:
        """The section's repeated group, if it has one."""
        for item in self.items:
            if isinstance(item, Repeat):
                return item
        return None

    def question(self, key: str, *, entry: int) -> Question:
        """The question with this key at section level (entry 0) or inside the repeat."""
        pool = self.repeat.questions if entry and self.repeat else self.top_questions
        for question in pool:
            if question.key == key:
                return question
        raise KeyError(f"{self.key}: no question {key!r} at entry {entry}")

    @property
    def top_questions(self) -> tuple[Question, ...]:
        """Questions asked once per section."""
        return tuple(item for item in self.items if isinstance(item, Question))
