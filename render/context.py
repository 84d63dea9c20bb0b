"""Stored data to a plain report context: what the PDF prints and what a final freezes.

The context is a JSON-able dict with two parts: `content` (the data, hashed and frozen with a
final) and `document` (number, version, date of issue). 'Missing' is not 'nihil': a section
nobody closed is printed as missing, one declared nihil says so in words.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from render import texts
from render.chapters import Contribution, chapter, contributions, trail_rows
from render.filters import long_date, wita_date, wita_long
from render.outline import ProgressLike, SectionLike
from storage import period_data, queries
from storage.enums import Role, SubmissionStatus
from storage.models import DEFAULT_DISTRIBUTION
from storage.period_data import StoredAnswer, StoredSubmission
from storage.queries import MemberRecord, PeriodRecord

DRAFT, FINAL = "draft", "final"
CLOSED = (SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL)


@dataclass(frozen=True)
class ReportRequest:
    """Which report to build, for which period, as draft or final, and by whom."""

    report: str
    kind: str
    period: PeriodRecord
    sections: Sequence[SectionLike]
    progress: Sequence[ProgressLike]
    prepared_by: str
    now: datetime
    version: int | None = None


@dataclass(frozen=True)
class StoredPeriod:
    """Everything stored for one period that a report may print."""

    answers: list[StoredAnswer]
    submissions: list[StoredSubmission]
    members: dict[int, MemberRecord]
    lsp: dict[str, Any]


def load(session: Session, *, period_id: int) -> StoredPeriod:
    """Read a period's answers, submissions, the people involved and the LSP profile."""
    answers = period_data.answers(session, period_id=period_id)
    submissions = period_data.submissions(session, period_id=period_id)
    ids = {a.owner_id for a in answers} | {a.given_by for a in answers}
    ids |= {s.owner_id for s in submissions} | {s.changed_by for s in submissions if s.changed_by}
    profile = queries.profile(session)
    lsp = {
        "name": profile.name if profile else "LSP",
        "address": profile.address if profile else "",
        "licence_number": profile.licence_number if profile else "",
        "city": profile.city if profile else "",
        "prefix": profile.document_prefix if profile else "LSP",
        "distribution": list(profile.distribution if profile else DEFAULT_DISTRIBUTION),
        "manager_name": profile.manager_name if profile else "",
        "manager_number": profile.manager_number if profile else "",
        "chair_name": profile.chair_name if profile else "",
        "chair_number": profile.chair_number if profile else "",
    }
    return StoredPeriod(answers, submissions, period_data.members(session, ids=ids), lsp)


def build(session: Session, request: ReportRequest) -> dict[str, Any]:
    """The report context for a request, read from the database."""
    return assemble(request, load(session, period_id=request.period.id))


def assemble(request: ReportRequest, stored: StoredPeriod) -> dict[str, Any]:
    """The report context from stored data (no database access)."""
    contributions = _contributions(request, stored)
    progress = {p.section: p for p in request.progress}
    chapters = [
        chapter(section, contributions.get(section.key, []), progress.get(section.key))
        for section in request.sections
    ]
    signatories = _signatories(request, stored.lsp)
    content = {
        "report": request.report,
        "title": texts.REPORT_TITLES[request.report],
        "period": _period(request.period),
        "lsp": {k: stored.lsp[k] for k in ("name", "address", "licence_number", "city")},
        "distribution": stored.lsp["distribution"],
        "signatories": signatories,
        "team": _team(contributions, signatories["manager"]["name"]),
        "chapters": chapters,
        "trail": trail_rows(request.sections, contributions),
    }
    return {"content": content, "document": _document(request, stored, content)}


def _signatories(request: ReportRequest, lsp: dict[str, Any]) -> dict[str, Any]:
    """Who signs: the Manajer Administrasi (from the profile, else the admin who made the
    report) and the Ketua LSP (from the profile, else a line to write the name on)."""
    return {
        "manager": {
            "name": lsp["manager_name"] or request.prepared_by,
            "number_label": lsp["manager_number"],
        },
        "chair": {"name": lsp["chair_name"], "number_label": lsp["chair_number"]},
    }


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the content, independent of key order: the data's fingerprint."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def document_number(lsp: dict[str, Any], report: str, period: PeriodRecord) -> str:
    """'LSP/LAP-KEG/II/2026': prefix, report code, semester, year."""
    return f"{lsp['prefix']}/{texts.DOCUMENT_CODES[report]}/{period.semester}/{period.year}"


def _document(
    request: ReportRequest, stored: StoredPeriod, content: dict[str, Any]
) -> dict[str, Any]:
    final = request.kind == FINAL
    return {
        "kind": request.kind,
        "number": document_number(stored.lsp, request.report, request.period)
        if final
        else texts.DRAFT_NUMBER,
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


def _contributions(request: ReportRequest, stored: StoredPeriod) -> dict[str, list[Contribution]]:
    """Per section, the submissions the report prints: a final only closed ones, a draft also
    unsent ones that hold answers."""

    def include(sub: StoredSubmission, own: list[StoredAnswer]) -> bool:
        if sub.status in CLOSED:
            return True
        return request.kind != FINAL and bool(own)

    return contributions(
        request.sections, stored.submissions, stored.answers, stored.members, include=include
    )


def _team(contributions: dict[str, list[Contribution]], preparer: str) -> list[dict[str, Any]]:
    """Tim penyusun: everyone whose data is in the report, with roles and sections."""
    people: dict[int, tuple[MemberRecord, set[str]]] = {}
    for section_key, items in contributions.items():
        for item in items:
            for member in item.people():
                people.setdefault(member.id, (member, set()))[1].add(section_key)
    rows = [
        {
            "name": member.name,
            "roles": ", ".join(texts.ROLE_NAMES[r] for r in Role if r in member.roles) or "—",
            "sections": ", ".join(sorted(keys)),
            "is_admin": Role.ADMIN in member.roles,
        }
        for member, keys in people.values()
    ]
    if all(row["name"] != preparer for row in rows):
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
