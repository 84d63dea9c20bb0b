"""The register's sheets of the export: the period's certificates, the issuances they came
from, every change to them (imports, corrections with old and new values, revocations, each
with who, how and when), and the cross-check of typed figures against the register."""

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from render import texts
from render.certificates import recorder
from render.register_data import RegisterData
from render.report_data import Finding
from render.sheets import append, fit, header, wita_naive
from storage.periods import WITA
from storage.register import fold
from storage.register_history import CORRECTION

Filler = Callable[[Worksheet], None]


def register_sheets(
    data: RegisterData, findings: Sequence[Finding], now: datetime
) -> list[tuple[str, str, Filler]]:
    """(title, what it holds, how to fill it) of each register sheet, in order."""
    return [
        (texts.EXPORT_REGISTER_SHEET, texts.EXPORT_REGISTER_NOTE,
         lambda sheet: _certificates(sheet, data, now)),
        (texts.EXPORT_ISSUANCES_SHEET, texts.EXPORT_ISSUANCES_NOTE,
         lambda sheet: _issuances(sheet, data)),
        (texts.EXPORT_HISTORY_SHEET, texts.EXPORT_HISTORY_NOTE,
         lambda sheet: _history(sheet, data)),
        (texts.EXPORT_CHECK_SHEET, texts.EXPORT_CHECK_NOTE,
         lambda sheet: _crosscheck(sheet, findings)),
    ]  # fmt: skip


def _finish(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    fit(sheet)


def _certificates(sheet: Worksheet, data: RegisterData, now: datetime) -> None:
    """One row per certificate issued in the period, with its status and where it came from."""
    header(sheet, list(texts.EXPORT_REGISTER_COLUMNS))
    today = now.astimezone(WITA).date()
    for c in data.certificates:
        scheme = data.schemes.get(fold(c.scheme))
        append(sheet, [
            c.number, c.holder, c.scheme, scheme.number if scheme else None,
            texts.kind_name(c.kind), texts.route_name(c.route), c.tuk, c.assessor, c.issued_on,
            c.valid_until, c.status(today), c.replaced_by, c.replaces, c.issuance, c.source_row,
            c.revision, c.revoked_on, c.revocation_reason, c.revocation_decision,
        ])  # fmt: skip
    _finish(sheet)


def _issuances(sheet: Worksheet, data: RegisterData) -> None:
    """Each issuance the period's certificates came from."""
    header(sheet, list(texts.EXPORT_ISSUANCES_COLUMNS))
    counts = Counter(c.issuance for c in data.certificates)
    for number in sorted(counts):
        issuance = data.issuances.get(number)
        if issuance is None:
            continue
        append(sheet, [
            issuance.number, issuance.file_name, issuance.file_sha256,
            recorder(issuance.recorded_by, issuance.recorded_by_name, data.recorders),
            texts.CHANNEL_NAMES.get(issuance.channel, issuance.channel),
            wita_naive(issuance.recorded_at), issuance.certificates, counts[number],
        ])  # fmt: skip
    _finish(sheet)


def _history(sheet: Worksheet, data: RegisterData) -> None:
    """Every import, correction (a row per field) and revocation, oldest first."""
    header(sheet, list(texts.EXPORT_HISTORY_COLUMNS))
    rows: list[list[Any]] = []
    for issuance in data.issuances.values():
        rows.append([
            wita_naive(issuance.recorded_at), texts.EXPORT_KIND_IMPORT,
            texts.TRAIL_ISSUANCE_REF.format(number=issuance.number), None, None,
            texts.EXPORT_IMPORT_VALUE.format(count=issuance.certificates,
                                             file=issuance.file_name or texts.EMPTY),
            recorder(issuance.recorded_by, issuance.recorded_by_name, data.recorders),
            texts.CHANNEL_NAMES.get(issuance.channel, issuance.channel), 1,
        ])  # fmt: skip
    for change in data.changes:
        who = recorder(change.by, change.by_name, data.recorders)
        channel = texts.CHANNEL_NAMES.get(change.channel, change.channel)
        if change.kind == CORRECTION:
            for field, new in change.new.items():
                rows.append([wita_naive(change.at), texts.EXPORT_KIND_CORRECTION, change.number,
                             texts.FIELD_NAMES.get(field, field), change.old.get(field), new, who,
                             channel, change.revision])  # fmt: skip
        else:
            value = texts.TRAIL_REVOCATION_VALUE.format(
                on=change.new["revoked_on"].strftime("%d-%m-%Y"), reason=change.new["reason"],
                decision=change.new["decision"] or texts.NO_DECISION,
            )  # fmt: skip
            rows.append([wita_naive(change.at), texts.EXPORT_KIND_REVOCATION, change.number,
                         None, None, value, who, channel, None])  # fmt: skip
    for row in sorted(rows, key=lambda r: r[0]):
        append(sheet, row)
    _finish(sheet)


def _crosscheck(sheet: Worksheet, findings: Sequence[Finding]) -> None:
    """Figures typed in sections that differ from the register (none: it says so)."""
    header(sheet, list(texts.EXPORT_CHECK_COLUMNS))
    for f in findings:
        append(sheet, [f["topic"], f["subject"], f["typed"], f["typed_by"], f["register"],
                       f["register_from"], f["fix"], " dan ".join(f["reports"])])  # fmt: skip
    if not findings:
        append(sheet, [texts.EXPORT_CHECK_NONE])
    _finish(sheet)
