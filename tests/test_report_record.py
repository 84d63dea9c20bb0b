"""Both reports of a semester are composed from one record, read once: composing one report
changes neither the record nor the other report, a figure both print is the same object's
figure, and the content fingerprint is computed over exactly what a final freezes."""

import copy
import json
from pathlib import Path

from bot.reports.desk import ReportDesk
from conversations.forms.registry import report_sections
from render import context as report_context
from render.renderer import Renderer
from storage.db import session_scope
from tests.semester import AFTER, semester_db


def _record(tmp_path: Path, *, kind: str = report_context.FINAL) -> report_context.SemesterRecord:
    db = semester_db(tmp_path)
    desk = ReportDesk(db, Renderer(1), clock=lambda: AFTER)
    period = desk.period("2026-II")
    assert period is not None
    with session_scope(db) as session:
        request = desk._request(session, period, kind=kind, prepared_by="Admin")
        return report_context.read(session, request)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def test_composing_one_report_changes_neither_the_record_nor_the_other(tmp_path: Path) -> None:
    record = _record(tmp_path)
    chapters_before = copy.deepcopy(record.chapters)
    findings_before = copy.deepcopy(record.findings)

    a_first = report_context.compose(record, "A", report_sections("A"))
    b_after_a = report_context.compose(record, "B", report_sections("B"))
    b_first = report_context.compose(record, "B", report_sections("B"))
    a_after_b = report_context.compose(record, "A", report_sections("A"))

    assert _canonical(a_first) == _canonical(a_after_b)
    assert _canonical(b_first) == _canonical(b_after_a)
    assert record.chapters == chapters_before
    assert record.findings == findings_before
    # Report A has no register part; report B has one and no chapter of report A.
    assert "register" not in a_first["content"]
    assert b_first["content"]["register"]["count"] == 117
    a_clauses = {ch["clause"] for ch in a_first["content"]["chapters"]}
    b_clauses = {ch["clause"] for ch in b_first["content"]["chapters"]}
    assert a_clauses and b_clauses and not a_clauses & b_clauses


def test_the_schemes_count_report_a_prints_is_the_registers_report_b_prints(
    tmp_path: Path,
) -> None:
    record = _record(tmp_path)
    a = report_context.compose(record, "A", report_sections("A"))
    b = report_context.compose(record, "B", report_sections("B"))
    (schemes,) = [ch for ch in a["content"]["chapters"] if ch["clause"] == "2.2"]
    assert schemes is record.chapters["2.2"]  # the record's chapter, not a patched copy
    assert schemes["table"] is not None and schemes["table"]["tally"] is not None
    tally = schemes["table"]["tally"]
    assert tally["agree"] is True
    assert tally["total"] == str(b["content"]["register"]["count"])
    printed_by_b = {row["label"]: row["count"] for row in b["content"]["register"]["by_scheme"]}
    assert {row["label"]: row["count"] for row in tally["rows"]} == printed_by_b


def test_the_fingerprint_is_over_what_a_final_freezes(tmp_path: Path) -> None:
    record = _record(tmp_path)
    for report in ("A", "B"):
        context = report_context.compose(record, report, report_sections(report))
        frozen = json.loads(json.dumps(context))  # what the database keeps
        assert context["document"]["content_sha256"] == report_context.content_hash(
            frozen["content"]
        )
        changed = copy.deepcopy(frozen["content"])
        changed["trail"][0]["value"] += "."
        assert report_context.content_hash(changed) != context["document"]["content_sha256"]
