"""What a report prints, as typed data: the shape of a report's context.

A context is plain JSON (a final freezes it as it is, and old finals are read with the same
shapes), so these are TypedDicts: the type checker knows every key where the context is made
and read, and the frozen data and the content fingerprint stay what they have always been.
Report A and report B are composed from one semester's record (render/context.py); neither
changes the other's parts.
"""

from typing import Any, NotRequired, TypedDict


class PeriodHeading(TypedDict):
    label: str  # 'Semester II Tahun 2026'
    semester: str
    year: int
    span: str  # 'Juli–Desember 2026'


class LspHeading(TypedDict):
    name: str
    address: str
    licence_number: str
    city: str


class Signatory(TypedDict):
    name: str
    number_label: str


class Signatories(TypedDict):
    manager: Signatory  # the Manajer Administrasi
    chair: Signatory  # the Ketua LSP
    chair_title: str


class TeamRow(TypedDict):
    """Tim penyusun: one person whose data is in the report."""

    name: str
    roles: str
    sections: str
    is_admin: bool


class Field(TypedDict):
    label: str
    value: str


class Part(TypedDict):
    """One member's submission in a chapter."""

    name: str
    role: str
    status: str
    nihil: bool
    unsent: bool
    fields: list[Field]
    review: NotRequired[str]  # an admin's last look, where it stands (finals before: none)


class Row(TypedDict):
    """One repeated entry (a TUK, a scheme) as a table row."""

    no: int
    source: str
    cells: list[str]
    notes: list[Field]


class TallyRow(TypedDict):
    label: str
    count: str
    number: NotRequired[str]  # a scheme's: the scheme's number in the register
    typed: NotRequired[str]  # a scheme's: the count typed in 2.2
    agree: NotRequired[bool]


class Tally(TypedDict):
    """A count under a table: typed answers summed, or (2.2) the register's per scheme."""

    title: str
    rows: list[TallyRow]
    total: str
    agree: NotRequired[bool]
    source: NotRequired[str]


class Table(TypedDict):
    label: str
    columns: list[str]
    kinds: list[str]
    sources: bool  # rows come from more than one member
    rows: list[Row]
    tally: Tally | None


class Chapter(TypedDict):
    """One section: its state, who still owes it, what was given."""

    clause: str
    title: str
    role: str
    state: str  # 'belum', 'sebagian', 'lengkap', 'nihil'
    state_label: str
    owed_by: str
    done_by: str
    nihil_by: str
    contributions: list[Part]
    table: Table | None


class Finding(TypedDict):
    """A typed figure that disagrees with the register."""

    topic: str
    subject: str
    typed: str
    typed_by: str
    register: str
    register_from: str
    fix: str
    reports: str  # which reports print it: 'AB' or 'B'


class MissingField(TypedDict):
    """A profile field a final needs, and how to set it."""

    field: str
    chat: str
    cli: str


class IssuanceHeading(TypedDict):
    number: int
    title: str
    file: str
    dates: str


class TrailRow(TypedDict):
    """Jejak data: one printed item, who gave it, as what, how, when, which revision."""

    no: int
    ref: str
    item: str
    value: str
    by: str
    role: str
    channel: str
    at: str
    revision: str


class RegisterPart(TypedDict):
    """Report B's certificate register of the semester (or one issuance)."""

    as_of: str
    count: int
    rows: list[dict[str, Any]]
    by_scheme: list[dict[str, str]]
    by_kind: list[dict[str, str]]
    by_route: list[dict[str, str]]
    by_tuk: list[dict[str, str]]
    issue_dates: list[str]
    issuances: list[dict[str, Any]]
    renewals: list[dict[str, str]]
    revocations: list[dict[str, str]]
    assessors: list[dict[str, str]]


class EvidenceItem(TypedDict):
    """A file kept as evidence of a printed answer (Lampiran Bukti)."""

    no: int
    ref: str  # the section, and the row of its table
    answer: str
    name: str
    kind: str  # 'jpeg', 'png', 'pdf'
    size: str
    pages: int
    sha256: str
    by: str
    at: str


class ReportContent(TypedDict):
    """The data a report prints: hashed, and frozen with a final."""

    report: str  # 'A' or 'B'
    title: str
    period: PeriodHeading
    lsp: LspHeading
    distribution: list[str]
    signatories: Signatories
    team: list[TeamRow]
    chapters: list[Chapter]
    crosscheck: list[Finding]
    profile_missing: list[MissingField]
    issuance: IssuanceHeading | None
    trail: list[TrailRow]
    register: NotRequired[RegisterPart]  # report B only
    evidence: NotRequired[list[EvidenceItem]]  # where any answer printed has files


class Verification(TypedDict):
    code: str
    public_url: str | None


class Changes(TypedDict):
    """What a new version of a final changes from the one it replaces."""

    replaces: int
    replaced_at: str
    lines: list[str]


class Document(TypedDict):
    """The document around the content: number, version, date of issue, fingerprint."""

    kind: str  # 'draft' or 'final'
    number: str
    version: int | None
    issued_on: str
    issued_at: str
    prepared_by: str
    frozen_at: str
    content_sha256: str
    verification: NotRequired[Verification]
    changes: NotRequired[Changes]


class ReportContext(TypedDict):
    content: ReportContent
    document: Document
