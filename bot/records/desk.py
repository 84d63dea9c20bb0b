"""The records desk, shared by `/arsip` and the CLI: the semester's archive built and checked,
the retention report, the copies given, and extending finals' signatures."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from bot.records import texts
from bot.reports.desk import ReportDesk
from bot.reports.editions import Edition, export_filename, final_filename
from conversations.events import Document
from conversations.service import period_label
from render import semester_archive
from render.evidence_archive import stored_name
from render.filters import long_date, wita_long
from render.semester_archive import DATA, EVIDENCE, FINALS, ArchiveFile
from storage import evidence, finals, period_data, records
from storage.db import session_scope
from storage.enums import Semester
from storage.periods import WITA, semester_end, semester_label
from storage.queries import PeriodRecord
from storage.records import FINAL
from storage.types import utcnow

logger = logging.getLogger(__name__)


def edition_of(code: str) -> Edition:
    """'A', 'B' or 'B3' (issuance 3) as filed -> the edition."""
    if code.startswith("B") and code[1:].isdigit():
        return Edition("B", int(code[1:]))
    return Edition(code)


@dataclass(frozen=True)
class Archive:
    """A semester's archive and what it holds."""

    document: Document
    finals: int
    evidence: int


@dataclass(frozen=True)
class ArchiveCheck:
    """What `archive verify` found: whether all holds, and the lines that say it."""

    ok: bool
    lines: list[str]


class RecordsDesk:
    """Everything about the records themselves, for chat commands and the CLI alike."""

    def __init__(self, db: Engine, reports: ReportDesk, *,
                 clock: Callable[[], datetime] = utcnow) -> None:  # fmt: skip
        self.db = db
        self.reports = reports  # its PUBLIC_URL is where the finals' codes are checked
        self.clock = clock

    def archive(self, period: PeriodRecord, *, made_by: str) -> Archive:
        """Every final of the period (both reports, every version), its spreadsheet, its
        evidence, and the manifest, as one ZIP."""
        now = self.clock()
        code = f"{period.year}-{period.semester}"
        files: list[ArchiveFile] = []
        with session_scope(self.db) as session:
            stored = finals.period_finals(session, period_id=period.id)
            for info in stored:
                pdf = finals.final_pdf(session, final_id=info.id)
                name = final_filename(period, info.version, edition_of(info.report))
                files.append(ArchiveFile(f"{FINALS}/{name}", pdf, FINALS, {
                    "report": info.report, "version": info.version,
                    "document_number": info.document_number,
                    "verification_code": info.verification_code,
                    "content_sha256": info.content_sha256, "made_at": wita_long(info.created_at),
                }))  # fmt: skip
        files.append(ArchiveFile(f"{DATA}/{export_filename(period, now)}",
                                 self.reports.export(period), DATA))  # fmt: skip
        lsp, items, stored_files = self.reports.evidence_listing(period)
        for item in items:
            data = stored_files.get(item["sha256"])
            if data is not None:
                facts = {key: item[key] for key in ("ref", "answer", "name", "by", "at")}
                files.append(ArchiveFile(stored_name(item), data, EVIDENCE, facts))
        stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
        public_url = self.reports.public_url
        verify_url = f"{public_url}/verifikasi" if public_url else None
        data = semester_archive.build(files, lsp=lsp, period=period_label(period),
                                      made_by=made_by, now=now, verify_url=verify_url)  # fmt: skip
        name = f"Arsip-LSP_{code}_{stamp}.zip"
        evidence_count = sum(1 for f in files if f.kind == EVIDENCE)
        return Archive(Document(name, data, "application/zip"), len(stored), evidence_count)

    def given(
        self, document: Document, *, kind: str, period: PeriodRecord, member_id: int | None,
        channel: str,
    ) -> None:  # fmt: skip
        """Keep that a copy of a record was given (an auditor asks who had one)."""
        sha = hashlib.sha256(document.data).hexdigest()
        with session_scope(self.db) as session:
            final = finals.final_by_pdf_hash(session, sha256=sha) if kind == FINAL else None
            records.record_download(
                session, kind=kind, period_id=period.id, final_id=final.id if final else None,
                member_id=member_id, channel=channel, name=document.filename, sha256=sha,
                size=len(document.data),
                now=self.clock(),
            )  # fmt: skip
            session.commit()
        logger.info("record given: %s of period %s over %s", kind, period.id, channel)

    def retention(self, keep_years: int, today: date | None = None) -> tuple[list[str], int]:
        """The retention report's lines and how many periods are past their keeping."""
        today = today or self.clock().astimezone(WITA).date()
        lines = [texts.RECORDS_HEAD.format(years=keep_years, today=long_date(today))]
        due = 0
        with session_scope(self.db) as session:
            held = records.holdings(session)
        for holding in held:
            ended = semester_end(holding.year, Semester(holding.semester))
            until = keep_until(holding.year, Semester(holding.semester), keep_years)
            past = until < today
            due += past
            lines.append(texts.RECORDS_LINE.format(
                period=semester_label(holding.year, holding.semester), ended=long_date(ended),
                until=long_date(until), finals=holding.finals, answers=holding.answers,
                evidence=holding.evidence, megabytes=f"{holding.evidence_bytes / 1e6:.1f}",
                downloads=holding.downloads,
                state=texts.RECORDS_DUE if past else texts.RECORDS_KEPT))  # fmt: skip
        lines.append(texts.RECORDS_SOME_DUE.format(count=due) if due else texts.RECORDS_NONE_DUE)
        return lines, due

    def downloads(self, period: PeriodRecord) -> list[str]:
        """Who was given a copy of the period's records, when, how."""
        with session_scope(self.db) as session:
            given = records.downloads(session, period_id=period.id)
            names = period_data.members(session, ids={g.member_id for g in given if g.member_id})
        if not given:
            return [texts.RECORDS_NO_DOWNLOADS.format(period=period_label(period))]
        lines = [texts.RECORDS_DOWNLOADS_HEAD.format(period=period_label(period))]
        for one in given:
            who = names[one.member_id].name if one.member_id in names else texts.AT_SERVER
            lines.append(texts.RECORDS_DOWNLOAD_LINE.format(
                at=wita_long(one.at), kind=texts.KINDS.get(one.kind, one.kind), name=one.name,
                who=who, channel=one.channel, sha=one.sha256))  # fmt: skip
        return lines


def check_archive(data: bytes, db: Engine | None) -> ArchiveCheck:
    """An archive against its own manifest and, with a database, against what is stored."""
    manifest, found, good = semester_archive.check(data)
    if manifest is None:
        return ArchiveCheck(False, [texts.VERIFY_NOT_ARCHIVE.format(problem=found[0].problem)])
    period = str(manifest.get("period", "?"))
    problems = [finding.problem for finding in found]
    lines: list[str] = []
    if db is not None:
        db_problems, finals_ok, evidence_ok = _against_database(db, manifest, good)
        problems += db_problems
    if problems:
        lines.append(texts.VERIFY_BAD.format(count=len(problems), period=period))
        lines += [f"- {problem}" for problem in problems]
    else:
        lines.append(texts.VERIFY_OK.format(period=period, count=len(good)))
    if db is not None:
        lines.append(texts.VERIFY_DB_OK.format(finals=finals_ok, evidence=evidence_ok))
    else:
        lines.append(texts.VERIFY_NO_DB)
    return ArchiveCheck(not problems, lines)


def _against_database(
    db: Engine, manifest: dict[str, Any], good: dict[str, bytes]
) -> tuple[list[str], int, int]:
    problems: list[str] = []
    finals_ok = evidence_ok = 0
    items = [item for item in manifest.get("files", []) if item.get("path") in good]
    digests = [str(i["sha256"]) for i in items if i.get("kind") == EVIDENCE]
    with session_scope(db) as session:
        present = evidence.files_bytes(session, digests=digests)
        for item in items:
            path, sha = str(item["path"]), str(item["sha256"])
            if item.get("kind") == FINALS:
                info = finals.final_by_pdf_hash(session, sha256=sha)
                if info is None:
                    problems.append(texts.VERIFY_DB_FINAL.format(path=path))
                elif info.verification_code != item.get("verification_code"):
                    problems.append(texts.VERIFY_DB_FINAL_CODE.format(
                        path=path, code=item.get("verification_code")))  # fmt: skip
                else:
                    finals_ok += 1
            elif item.get("kind") == EVIDENCE:
                if sha in present:
                    evidence_ok += 1
                else:
                    problems.append(texts.VERIFY_DB_EVIDENCE.format(path=path))
    return problems, finals_ok, evidence_ok


def keep_until(year: int, semester: Semester, keep_years: int) -> date:
    """The last day a period's records are kept: the end of the semester, `keep_years` on (a
    semester ends on 30 June or 31 December, so the day always exists)."""
    ended = semester_end(year, semester)
    return ended.replace(year=ended.year + keep_years)
