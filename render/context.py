"""Stored data to a plain report context: what the PDF prints and what a final freezes.

The context is a JSON-able dict with two parts: `content` (the data, hashed and frozen with a
final) and `document` (number, version, date of issue). 'Missing' is not 'nihil': a section
nobody closed is printed as missing, one declared nihil says so in words. Both reports of a
semester are built from the same reads, so a figure they both print is the same figure; where
typed answers and the register disagree, the cross-check says so (render/crosscheck.py).
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlmodel import Session

from render import crosscheck, texts
from render import register_data as registers
from render.assessors import ASSESSOR_SECTION, HAS_DATA, UNKNOWN, TiedAssessor, tie
from render.certificates import (
    change_trail,
    issuance_trail,
    long_dates,
    register_part,
    scheme_tally,
)
from render.chapters import Contribution, chapter, contributions, trail_rows
from render.filters import long_date, wita_date, wita_long
from render.outline import ProgressLike, SectionLike
from render.profile import lsp_profile, missing_fields
from render.register_data import RegisterData
from storage import period_data, queries
from storage.enums import Role, SubmissionStatus
from storage.period_data import StoredAnswer, StoredSubmission
from storage.periods import semester_end, semester_start
from storage.queries import MemberRecord, PeriodRecord

DRAFT, FINAL = "draft", "final"
CLOSED = (SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL)


@dataclass(frozen=True)
class ReportRequest:
    """Which report to build (for a semester, or `issuance`), as draft or final, and by whom.
    `checked`: every section of the semester (the cross-check compares 2.2, 2.5 and 3.2 with
    the register whichever report is made); `people`: the active members."""

    report: str
    kind: str
    period: PeriodRecord
    sections: Sequence[SectionLike]
    progress: Sequence[ProgressLike]
    prepared_by: str
    now: datetime
    version: int | None = None
    issuance: int | None = None
    checked: Sequence[SectionLike] = ()
    people: Sequence[MemberRecord] = ()


@dataclass(frozen=True)
class StoredPeriod:
    """Everything stored for one period that a report may print."""

    answers: list[StoredAnswer]
    submissions: list[StoredSubmission]
    members: dict[int, MemberRecord]
    lsp: dict[str, Any]


@dataclass(frozen=True)
class Progress:
    """A section across the team (as conversations.progress gives it), as the report shows it."""

    section: str
    state: str
    owed_by: tuple[str, ...]
    done_by: tuple[str, ...]
    nobody_holds_role: bool = False


def load(session: Session, *, period_id: int) -> StoredPeriod:
    """Read a period's answers, submissions, the people involved and the LSP profile."""
    answers = period_data.answers(session, period_id=period_id)
    submissions = period_data.submissions(session, period_id=period_id)
    ids = {a.owner_id for a in answers} | {a.given_by for a in answers}
    ids |= {s.owner_id for s in submissions} | {s.changed_by for s in submissions if s.changed_by}
    lsp = lsp_profile(queries.profile(session))
    return StoredPeriod(answers, submissions, period_data.members(session, ids=ids), lsp)


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


def build(session: Session, request: ReportRequest) -> dict[str, Any]:
    """The report context for a request, read from the database."""
    data = register_of(session, request.period, issuance=request.issuance,
                       people=request.people)  # fmt: skip
    return assemble(request, load(session, period_id=request.period.id), data)


def assemble(request: ReportRequest, stored: StoredPeriod, data: RegisterData) -> dict[str, Any]:
    """The report context from stored data (no database access)."""
    checked = request.checked or request.sections
    parts = _contributions(request, stored, checked)
    tied = tie(data.certificates, request.people, parts.get(ASSESSOR_SECTION, []))
    # An issuance's edition prints the register alone (and is made at once): nothing typed to
    # compare; a semester's reports compare what was typed with the register.
    found = (
        crosscheck.findings(checked, parts, data.certificates, tied)
        if request.issuance is None
        else []
    )
    progress = {p.section: p for p in _assessors_owe(request.progress, tied)}
    sections = [] if request.issuance is not None else list(request.sections)
    chapters = [chapter(s, parts.get(s.key, []), progress.get(s.key)) for s in sections]
    signatories = _signatories(request, stored.lsp)
    content: dict[str, Any] = {
        "report": request.report,
        "title": texts.REPORT_TITLES[request.report],
        "period": _period(request.period),
        "lsp": {k: stored.lsp[k] for k in ("name", "address", "licence_number", "city")},
        "distribution": stored.lsp["distribution"],
        "signatories": signatories,
        "team": _team(parts, sections, signatories["manager"]["name"], data, tied),
        "chapters": chapters,
        "crosscheck": crosscheck.by_report(found, request.report),
        "profile_missing": missing_fields(stored.lsp),
        "issuance": _issuance(data),
    }
    trail = trail_rows(sections, parts)
    if request.report == "A":
        _count_schemes(chapters, checked, parts, data)
        trail += issuance_trail(data, texts.TRAIL_COUNTED_REF)
    else:
        content["register"] = register_part(data, tied, wita_date(request.now))
        trail += issuance_trail(data, texts.TRAIL_ISSUANCE_REF) + change_trail(data)
    for position, row in enumerate(trail, start=1):
        row["no"] = position
    content["trail"] = trail
    return {"content": content, "document": _document(request, stored, content)}


def _count_schemes(
    chapters: list[dict[str, Any]], checked: Sequence[SectionLike],
    parts: dict[str, list[Contribution]], data: RegisterData,
) -> None:  # fmt: skip
    """Report A's certificates per scheme (2.2): the register's count beside the typed one."""
    for section in checked:
        link = section.register
        if link is None or link.kind != "scheme" or link.name is None:
            continue
        typed = crosscheck.typed_counts(section, parts.get(section.key, []))
        counted = crosscheck.register_counts(data.certificates, link.kind)
        for item in chapters:
            if item["clause"] == section.clause and item["table"] is not None:
                item["table"]["tally"] = scheme_tally(typed, counted, data)


def _assessors_owe(
    progress: Sequence[ProgressLike], tied: Sequence[TiedAssessor]
) -> list[ProgressLike]:
    """3.2 is not complete while an assessor on the semester's certificates has no data:
    they owe it (named as on the certificates)."""
    owing = [a for a in tied if a.state != HAS_DATA]
    if not owing:
        return list(progress)
    adjusted: list[ProgressLike] = []
    for item in progress:
        if item.section != ASSESSOR_SECTION:
            adjusted.append(item)
            continue
        names = list(item.owed_by)
        for assessor in owing:
            name = assessor.member.name if assessor.member else assessor.name
            label = texts.OWED_UNKNOWN.format(name=name) if assessor.state == UNKNOWN else name
            if name not in names and label not in names:
                names.append(label)
        base = Progress(item.section, item.state, tuple(item.owed_by), tuple(item.done_by),
                        item.nobody_holds_role)  # fmt: skip
        adjusted.append(replace(base, state="belum", owed_by=tuple(names)))
    return adjusted


def _issuance(data: RegisterData) -> dict[str, Any] | None:
    if data.issuance is None:
        return None
    record = data.issuances.get(data.issuance)
    return {
        "number": data.issuance,
        "title": texts.ISSUANCE_TITLE.format(number=data.issuance),
        "file": record.file_name if record and record.file_name else texts.EMPTY,
        "dates": long_dates([c.issued_on for c in data.certificates]),
    }


def _signatories(request: ReportRequest, lsp: dict[str, Any]) -> dict[str, Any]:
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


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the content, independent of key order: the data's fingerprint."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def document_number(
    lsp: dict[str, Any], report: str, period: PeriodRecord, issuance: int | None = None
) -> str:
    """'LSP/LAP-KEG/II/2026': prefix, report code, semester, year (and the issuance)."""
    if issuance is not None:
        return texts.ISSUANCE_NUMBER.format(prefix=lsp["prefix"], number=issuance,
                                            semester=period.semester, year=period.year)  # fmt: skip
    return f"{lsp['prefix']}/{texts.DOCUMENT_CODES[report]}/{period.semester}/{period.year}"


def _document(
    request: ReportRequest, stored: StoredPeriod, content: dict[str, Any]
) -> dict[str, Any]:
    final = request.kind == FINAL
    number = document_number(stored.lsp, request.report, request.period, request.issuance)
    return {
        "kind": request.kind,
        "number": number if final else texts.DRAFT_NUMBER,
        "version": request.version,
        "issued_on": long_date(wita_date(request.now)),
        "issued_at": wita_long(request.now),
        "prepared_by": request.prepared_by,
        "frozen_at": request.now.isoformat(),
        "content_sha256": content_hash(content),
    }


def _period(period: PeriodRecord) -> dict[str, Any]:
    return {
        "label": f"Semester {period.semester} Tahun {period.year}",
        "semester": str(period.semester),
        "year": period.year,
        "span": f"{texts.SEMESTER_SPANS[str(period.semester)]} {period.year}",
    }


def _contributions(
    request: ReportRequest, stored: StoredPeriod, sections: Sequence[SectionLike]
) -> dict[str, list[Contribution]]:
    """Per section, the submissions the report prints: a final only closed ones, a draft also
    unsent ones that hold answers."""

    def include(sub: StoredSubmission, own: list[StoredAnswer]) -> bool:
        if sub.status in CLOSED:
            return True
        return request.kind != FINAL and bool(own)

    return contributions(sections, stored.submissions, stored.answers, stored.members,
                         include=include)  # fmt: skip


def _team(
    parts: dict[str, list[Contribution]], sections: Sequence[SectionLike], preparer: str,
    data: RegisterData, tied: Sequence[TiedAssessor],
) -> list[dict[str, Any]]:  # fmt: skip
    """Tim penyusun: everyone whose data is in the report (the register's recorders, and the
    assessors whose 3.2 an issuance's edition prints, too), with roles and what they gave."""
    people: dict[int, tuple[MemberRecord, set[str]]] = {}
    for section in sections:
        for item in parts.get(section.key, []):
            for member in item.people():
                people.setdefault(member.id, (member, set()))[1].add(section.key)
    if data.issuance is not None:
        for assessor in tied:
            shown = assessor.member is not None and (
                assessor.state == HAS_DATA or assessor.member.id in data.latest_32
            )
            if shown and assessor.member is not None:
                entry = people.setdefault(assessor.member.id, (assessor.member, set()))
                entry[1].add(ASSESSOR_SECTION)
    recorders = {r.recorded_by for r in data.issuances.values()} | {c.by for c in data.changes}
    for member_id in recorders:
        recorder = data.recorders.get(member_id or 0)
        if recorder is not None:
            people.setdefault(recorder.id, (recorder, set()))[1].add(texts.REGISTER_WORK)
    rows = [
        {
            "name": member.name,
            "roles": ", ".join(texts.ROLE_NAMES[r] for r in Role if r in member.roles) or "—",
            "sections": ", ".join(sorted(keys)),
            "is_admin": Role.ADMIN in member.roles,
        }
        for member, keys in people.values()
    ]
    if preparer and all(row["name"] != preparer for row in rows):
        rows.append(
            {
                "name": preparer,
                "roles": texts.ROLE_NAMES[Role.ADMIN],
                "sections": texts.PREPARER_SECTIONS,
                "is_admin": True,
            }
        )
    rows.sort(key=lambda row: (not row["is_admin"], str(row["name"]).casefold()))
    return rows
