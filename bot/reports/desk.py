"""The report desk: drafts, finals (frozen, versioned, hashed), the archive, verification and
the spreadsheet export. Reads in short transactions; renders outside any."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.reports.attachments import final_attachments
from bot.reports.editions import ACTIVITIES, SEMESTER_CERTIFICATES, Edition
from conversations.forms.registry import SECTIONS, report_sections
from conversations.progress import Person, team_progress
from conversations.service import ensure_periods, period_label, reporting_period
from render import context as report_context
from render import texts as render_texts
from render.archival import carried
from render.changes import changed_lines
from render.evidence_archive import evidence_zip
from render.evidence_list import evidence_items
from render.export import workbook
from render.filters import wita_long
from render.renderer import Renderer
from render.report_data import (
    Changes,
    EvidenceItem,
    Finding,
    MissingField,
    ReportContent,
    ReportContext,
    Verification,
)
from render.signing import Signer
from render.verification import new_code
from storage import evidence, finals, period_data, queries, register, review, writes
from storage.db import session_scope
from storage.periods import (
    DEFAULT_RULE,
    WITA,
    DeadlineRule,
    default_deadlines,
    parse_period,
    semester_end,
    semester_of,
)
from storage.queries import PeriodRecord
from storage.types import utcnow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Missing:
    """A section a final cannot be made without, and who owes it."""

    clause: str
    title: str
    owed_by: str


@dataclass(frozen=True)
class FinalOutcome:
    """A final report: refused (`opens_on`: its semester has not ended; `missing` sections,
    `profile` fields unset, `disagreements` of the cross-check), or stored (`info`, `pdf`;
    `created` if new)."""

    missing: tuple[Missing, ...] = ()
    info: finals.FinalInfo | None = None
    pdf: bytes = b""
    created: bool = False
    opens_on: date | None = None
    profile: tuple[MissingField, ...] = ()
    disagreements: tuple[Finding, ...] = ()
    returned: tuple[review.ReviewAction, ...] = ()  # parts returned and not yet sent again


def evidence_files(session: Session, ctx: ReportContext) -> dict[str, bytes]:
    """The bytes of the evidence files a report lists, by SHA-256 (for its pictures and, in a
    final, the embedded copies; never part of the frozen context)."""
    digests = [item["sha256"] for item in ctx["content"].get("evidence", [])]
    return evidence.files_bytes(session, digests=digests)


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
        signer: "Signer | None" = None,
        public_url: str | None = None,
    ) -> None:
        self.db = db
        self.renderer = renderer
        self.clock = clock
        self.deadlines = deadlines
        self.signer = signer  # finals are signed as they are made (render/signing.py)
        self.public_url = public_url  # where a final's QR code points (PUBLIC_URL/verifikasi)

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
        self,
        session: Session,
        period: PeriodRecord,
        *,
        kind: str,
        prepared_by: str,
        edition: Edition = ACTIVITIES,
    ) -> ReportContext:
        """The report context of a period (or of one issuance) as stored right now."""
        request = self._request(session, period, kind=kind, prepared_by=prepared_by,
                                issuance=edition.issuance)  # fmt: skip
        record = report_context.read(session, request)
        return report_context.compose(record, edition.report, report_sections(edition.report))

    def _request(
        self, session: Session, period: PeriodRecord, *, kind: str, prepared_by: str,
        issuance: int | None = None,
    ) -> report_context.SemesterRequest:  # fmt: skip
        active = queries.active_members(session)
        people = [Person(m.id, m.name, m.roles) for m in active]
        statuses = queries.period_statuses(session, period_id=period.id)
        return report_context.SemesterRequest(
            kind=kind,
            period=period,
            sections=SECTIONS,
            progress=team_progress(SECTIONS, people, statuses),
            prepared_by=prepared_by,
            now=self.clock(),
            issuance=issuance,
            people=active,
        )

    def draft(
        self, period: PeriodRecord, *, prepared_by: str, edition: Edition = ACTIVITIES
    ) -> tuple[ReportContext, bytes]:
        """A draft of the period's report: its context and PDF."""
        with session_scope(self.db) as session:
            ctx = self.context(session, period, kind=report_context.DRAFT,
                               prepared_by=prepared_by, edition=edition)  # fmt: skip
            files = evidence_files(session, ctx)
        return ctx, self.renderer.render({**ctx, "files": files})

    def final(
        self,
        period: PeriodRecord,
        *,
        prepared_by: str,
        member_id: int | None,
        channel: str,
        edition: Edition = ACTIVITIES,
    ) -> FinalOutcome:
        """A final: a semester's is refused before its semester has ended and while a
        section is missing (one issuance's report may be made at once); the latest one again
        if nothing changed; otherwise a new version, frozen and stored."""
        opens_on = semester_end(period.year, period.semester) + timedelta(days=1)
        semester = edition.issuance is None
        if semester and self.clock().astimezone(WITA).date() < opens_on:
            return FinalOutcome(opens_on=opens_on)
        with session_scope(self.db) as session:
            ctx = self.context(session, period, kind=report_context.FINAL,
                               prepared_by=prepared_by, edition=edition)  # fmt: skip
            existing = finals.finals(session, period_id=period.id, report=edition.code)
            returned = tuple(review.open_returns(session, period_id=period.id)) if semester else ()
            files = evidence_files(session, ctx)
        content = ctx["content"]
        refusal = FinalOutcome(
            missing=tuple(
                Missing(ch["clause"], ch["title"], ch["owed_by"])
                for ch in content["chapters"]
                if ch["state"] == "belum"
            ),
            profile=tuple(content["profile_missing"]),
            disagreements=tuple(content["crosscheck"]),
            returned=returned,
        )
        if refusal.missing or refusal.profile or refusal.disagreements or refusal.returned:
            return refusal
        content_sha = ctx["document"]["content_sha256"]
        if existing and existing[-1].content_sha256 == content_sha:
            return self._stored(existing[-1])
        version = existing[-1].version + 1 if existing else 1
        verification: Verification = {"code": new_code(), "public_url": self.public_url}
        ctx["document"] = {**ctx["document"], "version": version, "verification": verification}
        if existing:
            ctx["document"]["changes"] = self._changes(existing[-1], content)
        attached = final_attachments(ctx, files, self.export(period), period)
        listed = carried(attached)  # the data trail's last table
        pdf = self.renderer.render({**ctx, "files": files, "attachments": attached,
                                    "carried": listed})  # fmt: skip
        if self.signer is not None:  # the stored SHA-256 is then the signed file's
            reason = render_texts.SIGNING_REASON.format(lsp=ctx["content"]["lsp"]["name"])
            pdf = self.signer.sign(pdf, reason=reason)
        try:
            info = self._store(period, ctx, pdf, version=version, member_id=member_id,
                               channel=channel, code=edition.code)  # fmt: skip
        except IntegrityError:
            logger.info("final %s v%s made concurrently; using the stored one", period.id, version)
            return self._stored(self.versions(period, edition)[-1])
        return FinalOutcome(info=info, pdf=pdf, created=True)

    def _changes(self, previous: finals.FinalInfo, content: ReportContent) -> Changes:
        """What a new version changes from the one it replaces, as its pages say it."""
        with session_scope(self.db) as session:
            before = finals.final_snapshot(session, final_id=previous.id)
        return {
            "replaces": previous.version,
            "replaced_at": wita_long(previous.created_at),
            "lines": changed_lines(before.get("content", {}), dict(content)),
        }

    def _store(
        self,
        period: PeriodRecord,
        ctx: ReportContext,
        pdf: bytes,
        *,
        version: int,
        member_id: int | None,
        channel: str,
        code: str,
    ) -> finals.FinalInfo:
        with session_scope(self.db) as session:
            info = finals.add_final(
                session,
                period_id=period.id,
                report=code,
                version=version,
                document_number=ctx["document"]["number"],
                content_sha256=ctx["document"]["content_sha256"],
                pdf_sha256=sha256(pdf),
                snapshot=ctx,
                pdf=pdf,
                created_by=member_id,
                channel=channel,
                now=datetime.fromisoformat(ctx["document"]["frozen_at"]),
                verification_code=ctx["document"]["verification"]["code"],
            )
            session.commit()
        logger.info("final report %s stored for period %s", info.id, period.id)
        return info

    def _stored(self, info: finals.FinalInfo) -> FinalOutcome:
        with session_scope(self.db) as session:
            pdf = finals.final_pdf(session, final_id=info.id)
        return FinalOutcome(info=info, pdf=pdf, created=False)

    def versions(
        self, period: PeriodRecord, edition: Edition = ACTIVITIES
    ) -> list[finals.FinalInfo]:
        """Every stored final of a period, oldest first."""
        with session_scope(self.db) as session:
            return finals.finals(session, period_id=period.id, report=edition.code)

    def final_file(
        self, period: PeriodRecord, version: int, edition: Edition = ACTIVITIES
    ) -> FinalOutcome | None:
        """One stored final, byte for byte as it was made."""
        found = [info for info in self.versions(period, edition) if info.version == version]
        return self._stored(found[0]) if found else None

    def member_names(self, ids: set[int]) -> dict[int, str]:
        """Names of members by id (for lists of finals)."""
        with session_scope(self.db) as session:
            found = period_data.members(session, ids=ids)
        return {mid: member.name for mid, member in found.items()}

    def period_by_id(self, period_id: int) -> PeriodRecord | None:
        """A period by its id."""
        with session_scope(self.db) as session:
            return period_data.period_by_id(session, period_id=period_id)

    def issuance_period(self, number: int) -> PeriodRecord | None:
        """The semester an issuance's certificates were issued in (None: no such issuance)."""
        with session_scope(self.db) as session:
            found = register.certificates_of_issuance(session, number=number)
            if not found:
                return None
            year, semester = semester_of(min(c.issued_on for c in found))
            period = period_data.period(session, year=year, semester=semester)
            if period is None:
                data_deadline, final_deadline = default_deadlines(year, semester, self.deadlines)
                writes.add_period(
                    session, year=year, semester=semester, data_deadline=data_deadline,
                    final_deadline=final_deadline,
                )  # fmt: skip
                session.commit()
                period = period_data.period(session, year=year, semester=semester)
            return period

    def record(self, session: Session, period: PeriodRecord) -> report_context.SemesterRecord:
        """The semester's record as a draft reads it (what the exports are made from)."""
        request = self._request(session, period, kind=report_context.DRAFT, prepared_by="")
        return report_context.read(session, request)

    def evidence_listing(
        self, period: PeriodRecord
    ) -> tuple[str, list[EvidenceItem], dict[str, bytes]]:
        """The LSP's name, the evidence of the period's printed answers and their bytes."""
        with session_scope(self.db) as session:
            record = self.record(session, period)
            items = evidence_items(SECTIONS, record.parts, record.stored.evidence)
            files = evidence.files_bytes(session, digests=[i["sha256"] for i in items])
        return record.stored.lsp["name"], items, files

    def evidence(self, period: PeriodRecord) -> bytes:
        """Every evidence file of the period's printed answers as a ZIP with its manifest."""
        lsp, items, files = self.evidence_listing(period)
        return evidence_zip(items, files, lsp=lsp, period=period_label(period),
                            now=self.clock())  # fmt: skip

    def export(self, period: PeriodRecord) -> bytes:
        """All data of a period as .xlsx bytes (every section of both reports), with the
        register's sheets and the cross-check both reports' drafts show."""
        with session_scope(self.db) as session:
            record = self.record(session, period)
        drafts = [
            report_context.compose(record, edition.report, report_sections(edition.report))
            for edition in (ACTIVITIES, SEMESTER_CERTIFICATES)
        ]
        findings = {
            (f["topic"], f["subject"]): f for d in drafts for f in d["content"]["crosscheck"]
        }
        states = {ch["clause"]: ch["state"] for d in drafts for ch in d["content"]["chapters"]}
        items = evidence_items(SECTIONS, record.parts, record.stored.evidence)
        return workbook(SECTIONS, record.stored, period_label=period_label(period),
                        now=self.clock(), register=record.register,
                        findings=list(findings.values()), states=states,
                        evidence=items)  # fmt: skip
