"""Stored data to report contexts: one semester's record, read once, and each report composed
from it.

A semester's record holds everything both of its reports print: the stored answers, the
register, every section's chapter (2.2's table counting the register's certificates per
scheme beside the typed ones), the cross-check's findings, the people. Report A and report B
are composed from that one record, neither changing it nor the other, so a figure both print is
the same figure. A context (render/report_data.py) has two parts: `content` (the data, hashed
here and nowhere else, frozen with a final) and `document` (number, version, date of issue).
'Missing' is not 'nihil': a section nobody closed is printed as missing, one declared nihil
says so in words.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from render import crosscheck, texts
from render import register_data as registers
from render.assessors import ASSESSOR_SECTION, TiedAssessor, tie
from render.certificates import (
    change_trail,
    issuance_trail,
    long_dates,
    register_part,
    scheme_tally,
)
from render.chapters import Contribution, chapter, contributions
from render.evidence_list import evidence_items
from render.filters import long_date, wita_date, wita_long
from render.fingerprint import content_hash
from render.outline import ProgressLike, SectionLike
from render.profile import lsp_profile, missing_fields
from render.register_data import RegisterData
from render.report_data import (
    Chapter,
    Document,
    Finding,
    IssuanceHeading,
    LspHeading,
    PeriodHeading,
    ReportContent,
    ReportContext,
    Signatories,
    Tally,
)
from render.team import owed_with_assessors, team
from render.trail import trail_rows
from storage import evidence, period_data, queries, review
from storage.enums import SENT, SubmissionStatus
from storage.evidence import Attached
from storage.period_data import StoredAnswer, StoredSubmission
from storage.periods import semester_end, semester_label, semester_start
from storage.queries import MemberRecord, PeriodRecord
from storage.review import ReviewAction

DRAFT, FINAL = "draft", "final"
CLOSED = (*SENT, SubmissionStatus.NIHIL)


@dataclass(frozen=True)
class SemesterRequest:
    """What to read: a semester's reports (or one issuance's, `issuance`), as draft or final,
    and by whom. `sections`: every section of the semester, of both reports; `progress`: each
    one's state across the team; `people`: the active members."""

    kind: str
    period: PeriodRecord
    sections: Sequence[SectionLike]
    progress: Sequence[ProgressLike]
    prepared_by: str
    now: datetime
    issuance: int | None = None
    people: Sequence[MemberRecord] = ()


@dataclass(frozen=True)
class StoredPeriod:
    """Everything stored for one period that a report may print."""

    answers: list[StoredAnswer]
    submissions: list[StoredSubmission]
    members: dict[int, MemberRecord]
    lsp: dict[str, Any]
    evidence: tuple[Attached, ...] = ()
    reviews: tuple[ReviewAction, ...] = ()


@dataclass(frozen=True)
class SemesterRecord:
    """What both reports of a semester (or an issuance's edition) are composed from, built
    once from what is stored."""

    request: SemesterRequest
    stored: StoredPeriod
    register: RegisterData
    parts: dict[str, list[Contribution]]
    tied: tuple[TiedAssessor, ...]
    findings: tuple[Finding, ...]
    chapters: dict[str, Chapter]  # by section key
    signatories: Signatories

    @property
    def for_issuance(self) -> bool:
        """One issuance's edition: the register alone, nothing typed to compare."""
        return self.request.issuance is not None


def load(session: Session, *, period_id: int) -> StoredPeriod:
    """Read a period's answers, submissions, the people involved and the LSP profile."""
    answers = period_data.answers(session, period_id=period_id)
    submissions = period_data.submissions(session, period_id=period_id)
    ids = {a.owner_id for a in answers} | {a.given_by for a in answers}
    ids |= {a.origin.given_by for a in answers if a.origin is not None}
    ids |= {s.owner_id for s in submissions} | {s.changed_by for s in submissions if s.changed_by}
    files = tuple(evidence.of_period(session, period_id=period_id))
    ids |= {f.member_id for f in files}
    reviews = tuple(review.of_period(session, period_id=period_id))
    ids |= {r.by_id for r in reviews} | {s.reviewed_by for s in submissions if s.reviewed_by}
    lsp = lsp_profile(queries.profile(session))
    return StoredPeriod(answers, submissions, period_data.members(session, ids=ids), lsp, files,
                        reviews)  # fmt: skip


def register_of(
    session: Session, period: PeriodRecord, *, issuance: int | None = None,
    people: Sequence[MemberRecord] = (),
) -> RegisterData:  # fmt: skip
    """What the register holds for a semester's reports (or one issuance's)."""
    return registers.load(
        session, start=semester_start(period.year, period.semester),
        end=semester_end(period.year, period.semester), up_to=(period.year, period.semester),
        issuance=issuance, people={m.id: m.name for m in people},
    )  # fmt: skip


def read(session: Session, request: SemesterRequest) -> SemesterRecord:
    """The semester's record, read from the database."""
    data = register_of(session, request.period, issuance=request.issuance,
                       people=request.people)  # fmt: skip
    return record(request, load(session, period_id=request.period.id), data)


def record(request: SemesterRequest, stored: StoredPeriod, data: RegisterData) -> SemesterRecord:
    """The semester's record from stored data (no database access)."""
    parts = _contributions(request, stored)
    tied = tuple(tie(data.certificates, request.people, parts.get(ASSESSOR_SECTION, [])))
    # An issuance's edition prints the register alone (and is made at once): nothing typed to
    # compare; a semester's reports compare what was typed with the register.
    found = () if request.issuance is not None else tuple(
        crosscheck.findings(request.sections, parts, data.certificates, tied)
    )  # fmt: skip
    progress = {p.section: p for p in owed_with_assessors(request.progress, tied)}
    chapters = {
        s.key: chapter(s, parts.get(s.key, []), progress.get(s.key),
                       tally=_register_tally(s, parts, data))
        for s in request.sections
    }  # fmt: skip
    return SemesterRecord(request, stored, data, parts, tied, found, chapters,
                          _signatories(request, stored.lsp))  # fmt: skip


def compose(record: SemesterRecord, report: str, sections: Sequence[SectionLike]) -> ReportContext:
    """One report's context ('A' or 'B', of `sections`) composed from the semester's record."""
    request, data = record.request, record.register
    shown = [] if record.for_issuance else list(sections)
    trail = trail_rows(shown, record.parts, record.stored.evidence, record.stored.reviews)
    if report == "A":
        trail += issuance_trail(data, texts.TRAIL_COUNTED_REF)
    else:
        trail += issuance_trail(data, texts.TRAIL_ISSUANCE_REF) + change_trail(data)
    lsp = record.stored.lsp
    preparer = record.signatories["manager"]["name"]
    content: ReportContent = {
        "report": report,
        "title": texts.REPORT_TITLES[report],
        "period": _period(request.period),
        "lsp": _lsp(lsp),
        "distribution": lsp["distribution"],
        "signatories": record.signatories,
        "team": team(record.parts, shown, preparer, data, record.tied),
        "chapters": [record.chapters[s.key] for s in shown],
        "crosscheck": crosscheck.by_report(record.findings, report),
        "profile_missing": missing_fields(lsp),
        "issuance": _issuance(data),
        "trail": [{**row, "no": n} for n, row in enumerate(trail, start=1)],
    }
    if report == "B":
        content["register"] = register_part(data, record.tied, wita_date(request.now))
    files = evidence_items(shown, record.parts, record.stored.evidence)
    if files:  # only then: a report without evidence keeps the fingerprint it had
        content["evidence"] = files
    return {"content": content, "document": _document(request, lsp, report, content)}


def _register_tally(
    section: SectionLike, parts: dict[str, list[Contribution]], data: RegisterData
) -> Tally | None:
    """A scheme's count (2.2): the register's certificates per scheme beside the typed ones."""
    link = section.register
    if link is None or link.kind != "scheme" or link.name is None or section.repeat is None:
        return None
    typed = crosscheck.typed_counts(section, parts.get(section.key, []))
    return scheme_tally(typed, crosscheck.register_counts(data.certificates, link.kind), data)


def _issuance(data: RegisterData) -> IssuanceHeading | None:
    if data.issuance is None:
        return None
    found = data.issuances.get(data.issuance)
    return {
        "number": data.issuance,
        "title": texts.ISSUANCE_TITLE.format(number=data.issuance),
        "file": found.file_name if found and found.file_name else texts.EMPTY,
        "dates": long_dates([c.issued_on for c in data.certificates]),
    }


def _signatories(request: SemesterRequest, lsp: dict[str, Any]) -> Signatories:
    """Who signs: the Manajer Administrasi (from the profile, else the admin who made the
    report) and the Ketua LSP (from the profile, else a line to write the name on)."""
    return {
        "manager": {
            "name": lsp["manager_name"] or request.prepared_by,
            "number_label": lsp["manager_number"],
        },
        "chair": {"name": lsp["chair_name"], "number_label": lsp["chair_number"]},
        "chair_title": texts.chair_title(lsp["name"]),
    }


def document_number(
    lsp: dict[str, Any], report: str, period: PeriodRecord, issuance: int | None = None
) -> str:
    """'LSP/LAP-KEG/II/2026': prefix, report code, semester, year (and the issuance)."""
    if issuance is not None:
        return texts.ISSUANCE_NUMBER.format(prefix=lsp["prefix"], number=issuance,
                                            semester=period.semester, year=period.year)  # fmt: skip
    return f"{lsp['prefix']}/{texts.DOCUMENT_CODES[report]}/{period.semester}/{period.year}"


def _document(
    request: SemesterRequest, lsp: dict[str, Any], report: str, content: ReportContent
) -> Document:
    final = request.kind == FINAL
    number = document_number(lsp, report, request.period, request.issuance)
    return {
        "kind": request.kind,
        "number": number if final else texts.DRAFT_NUMBER,
        "version": None,
        "issued_on": long_date(wita_date(request.now)),
        "issued_at": wita_long(request.now),
        "prepared_by": request.prepared_by,
        "frozen_at": request.now.isoformat(),
        "content_sha256": content_hash(content),
    }


def _lsp(lsp: dict[str, Any]) -> LspHeading:
    return {
        "name": lsp["name"],
        "address": lsp["address"],
        "licence_number": lsp["licence_number"],
        "city": lsp["city"],
    }


def _period(period: PeriodRecord) -> PeriodHeading:
    return {
        "label": semester_label(period.year, period.semester),
        "semester": str(period.semester),
        "year": period.year,
        "span": f"{texts.SEMESTER_SPANS[str(period.semester)]} {period.year}",
    }


def _contributions(request: SemesterRequest, stored: StoredPeriod) -> dict[str, list[Contribution]]:
    """Per section, the submissions the reports print: a final only closed ones, a draft also
    unsent ones that hold answers."""

    def include(sub: StoredSubmission, own: list[StoredAnswer]) -> bool:
        if sub.status in CLOSED:
            return True
        return request.kind != FINAL and bool(own)

    return contributions(request.sections, stored.submissions, stored.answers, stored.members,
                         include=include)  # fmt: skip
