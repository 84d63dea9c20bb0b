"""The report desk: drafts, finals (frozen, versioned, hashed), the archive, verification and
the spreadsheet export. Reads in short transactions; renders outside any."""

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from conversations.forms.registry import report_sections
from conversations.progress import Person, team_progress
from conversations.service import ensure_periods, period_label, reporting_period
from render import context as report_context
from render.export import workbook
from render.renderer import Renderer
from storage import finals, period_data, queries
from storage.db import session_scope
from storage.enums import Semester
from storage.periods import DEFAULT_RULE, WITA, DeadlineRule, semester_end
from storage.queries import PeriodRecord
from storage.types import utcnow

logger = logging.getLogger(__name__)

REPORT = "A"
FILE_STEM = "Laporan-Kegiatan-LSP"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PERIOD = re.compile(r"^(?:(\d{4})[-/ ]?(I{1,2}|[12])|(I{1,2}|[12])[-/ ]?(\d{4}))$", re.I)


@dataclass(frozen=True)
class Missing:
    """A section a final cannot be made without, and who owes it."""

    clause: str
    title: str
    owed_by: str


@dataclass(frozen=True)
class FinalOutcome:
    """A final report: refused (`opens_on`: its semester has not ended; `missing`), or stored
    (`info`, `pdf`; `created` if new)."""

    missing: tuple[Missing, ...] = ()
    info: finals.FinalInfo | None = None
    pdf: bytes = b""
    created: bool = False
    opens_on: date | None = None


def parse_period(text: str) -> tuple[int, Semester] | None:
    """'2026-II', 'II 2026', '2026 2' -> (2026, II)."""
    match = _PERIOD.match(text.strip())
    if match is None:
        return None
    year = int(match.group(1) or match.group(4))
    semester = (match.group(2) or match.group(3)).upper()
    return year, Semester.II if semester in ("II", "2") else Semester.I


def draft_filename(period: PeriodRecord, now: datetime) -> str:
    """Laporan-Kegiatan-LSP_2026-II_DRAF_20261124-1005.pdf."""
    stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
    return f"{FILE_STEM}_{period.year}-{period.semester}_DRAF_{stamp}.pdf"


def final_filename(period: PeriodRecord, version: int) -> str:
    """Laporan-Kegiatan-LSP_2026-II_v2.pdf."""
    return f"{FILE_STEM}_{period.year}-{period.semester}_v{version}.pdf"


def export_filename(period: PeriodRecord, now: datetime) -> str:
    """Data-LSP_2026-II_20261124-1005.xlsx."""
    stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
    return f"Data-LSP_{period.year}-{period.semester}_{stamp}.xlsx"


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


class ReportDesk:
    """Everything the admin can ask about reports, for chat commands and the CLI alike."""

    def __init__(
        self,
        db: Engine,
        renderer: Renderer,
        *,
        clock: Callable[[], datetime] = utcnow,
        deadlines: DeadlineRule = DEFAULT_RULE,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.deadlines = deadlines
        self.sections = report_sections(REPORT)

    def period(self, text: str | None = None) -> PeriodRecord | None:
        """The named period ('2026-II'), or the one being reported now."""
        today = self.clock().astimezone(WITA).date()
        ensure_periods(self.db, today=today, rule=self.deadlines)
        with session_scope(self.db) as session:
            if not text:
                return reporting_period(session, today=today)
            key = parse_period(text)
            return period_data.period(session, year=key[0], semester=key[1]) if key else None

    def context(
        self, session: Session, period: PeriodRecord, *, kind: str, prepared_by: str
    ) -> dict[str, Any]:
        """The report context of a period as stored right now."""
        people = [Person(m.id, m.name, m.roles) for m in queries.active_members(session)]
        statuses = queries.period_statuses(session, period_id=period.id)
        request = report_context.ReportRequest(
            report=REPORT,
            kind=kind,
            period=period,
            sections=self.sections,
            progress=team_progress(self.sections, people, statuses),
            prepared_by=prepared_by,
            now=self.clock(),
        )
        return report_context.build(session, request)

    def draft(self, period: PeriodRecord, *, prepared_by: str) -> tuple[dict[str, Any], bytes]:
        """A draft of the period's report: its context and PDF."""
        with session_scope(self.db) as session:
            ctx = self.context(session, period, kind=report_context.DRAFT, prepared_by=prepared_by)
        return ctx, self.renderer.render(ctx)

    def final(
        self, period: PeriodRecord, *, prepared_by: str, member_id: int | None, channel: str
    ) -> FinalOutcome:
        """A final: refused before its semester has ended and while a section is missing;
        the latest one again if nothing changed; otherwise a new version, frozen and stored."""
        opens_on = semester_end(period.year, period.semester) + timedelta(days=1)
        if self.clock().astimezone(WITA).date() < opens_on:
            return FinalOutcome(opens_on=opens_on)
        with session_scope(self.db) as session:
            ctx = self.context(session, period, kind=report_context.FINAL, prepared_by=prepared_by)
            existing = finals.finals(session, period_id=period.id, report=REPORT)
        missing = tuple(
            Missing(ch["clause"], ch["title"], ch["owed_by"])
            for ch in ctx["content"]["chapters"]
            if ch["state"] == "belum"
        )
        if missing:
            return FinalOutcome(missing=missing)
        content_sha = ctx["document"]["content_sha256"]
        if existing and existing[-1].content_sha256 == content_sha:
            return self._stored(existing[-1])
        version = existing[-1].version + 1 if existing else 1
        ctx["document"] = {**ctx["document"], "version": version}
        pdf = self.renderer.render(ctx)
        try:
            info = self._store(period, ctx, pdf, member_id=member_id, channel=channel)
        except IntegrityError:
            logger.info("final %s v%s made concurrently; using the stored one", period.id, version)
            return self._latest(period)
        return FinalOutcome(info=info, pdf=pdf, created=True)

    def _store(
        self,
        period: PeriodRecord,
        ctx: dict[str, Any],
        pdf: bytes,
        *,
        member_id: int | None,
        channel: str,
    ) -> finals.FinalInfo:
        with session_scope(self.db) as session:
            info = finals.add_final(
                session,
                period_id=period.id,
                report=REPORT,
                version=ctx["document"]["version"],
                document_number=ctx["document"]["number"],
                content_sha256=ctx["document"]["content_sha256"],
                pdf_sha256=sha256(pdf),
                snapshot=ctx,
                pdf=pdf,
                created_by=member_id,
                channel=channel,
                now=datetime.fromisoformat(ctx["document"]["frozen_at"]),
            )
            session.commit()
        logger.info("final report %s stored for period %s", info.id, period.id)
        return info

    def _stored(self, info: finals.FinalInfo) -> FinalOutcome:
        with session_scope(self.db) as session:
            pdf = finals.final_pdf(session, final_id=info.id)
        return FinalOutcome(info=info, pdf=pdf, created=False)

    def _latest(self, period: PeriodRecord) -> FinalOutcome:
        return self._stored(self.versions(period)[-1])

    def versions(self, period: PeriodRecord) -> list[finals.FinalInfo]:
        """Every stored final of a period, oldest first."""
        with session_scope(self.db) as session:
            return finals.finals(session, period_id=period.id, report=REPORT)

    def final_file(self, period: PeriodRecord, version: int) -> FinalOutcome | None:
        """One stored final, byte for byte as it was made."""
        found = [info for info in self.versions(period) if info.version == version]
        return self._stored(found[0]) if found else None

    def identify(self, data: bytes) -> finals.FinalInfo | None:
        """The stored final this file is exactly, if any."""
        with session_scope(self.db) as session:
            return finals.final_by_pdf_hash(session, sha256=sha256(data))

    def member_names(self, ids: set[int]) -> dict[int, str]:
        """Names of members by id (for lists of finals)."""
        with session_scope(self.db) as session:
            found = period_data.members(session, ids=ids)
        return {mid: member.name for mid, member in found.items()}

    def period_by_id(self, period_id: int) -> PeriodRecord | None:
        """A period by its id."""
        with session_scope(self.db) as session:
            return period_data.period_by_id(session, period_id=period_id)

    def export(self, period: PeriodRecord) -> bytes:
        """All data of a period as .xlsx bytes (every section of both reports)."""
        with session_scope(self.db) as session:
            stored = report_context.load(session, period_id=period.id)
        sections = report_sections("A") + report_sections("B")
        return workbook(sections, stored, period_label=period_label(period), now=self.clock())
