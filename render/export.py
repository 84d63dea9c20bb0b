"""All data of a period as a spreadsheet an auditor can sort and filter: one sheet per
section, repeated entries as rows, who/when columns as real date-times (WITA) (openpyxl)."""

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from render import texts
from render.chapters import Contribution, contributions, role_in
from render.context import StoredPeriod
from render.filters import wita_datetime
from render.outline import QuestionLike, SectionLike
from render.values import display, safe_text
from storage.period_data import StoredAnswer
from storage.periods import WITA
from storage.register import StoredCertificate

_SHEET_FORBIDDEN = set("[]:*?/\\")
SHEET_TITLE_LIMIT = 31
WIDTH_RANGE = (8, 60)
EXACT_LIMIT = 10**15  # Excel keeps 15 significant digits; longer numbers stay text
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
DATE_FORMAT = "DD-MM-YYYY"


def workbook(
    sections: Sequence[SectionLike],
    stored: StoredPeriod,
    *,
    period_label: str,
    now: datetime,
    certificates: Sequence[StoredCertificate] = (),
) -> bytes:
    """The .xlsx bytes (with the register's certificates of the period on a sheet of their
    own)."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = texts.EXPORT_INFO_TITLE
    values = {"lsp": stored.lsp["name"], "period": period_label, "at": wita_datetime(now)}
    for label, template in texts.EXPORT_INFO:
        _append(info, [label, template.format(**values)])
    used: set[str] = {info.title}
    for section in sections:
        title = sheet_title(section, used)
        used.add(title)
        _append(info, [title, f"{section.clause} {section.title}"])
        _section_sheet(book.create_sheet(title), section, stored)
    _append(info, [texts.EXPORT_REGISTER_SHEET, texts.EXPORT_REGISTER_NOTE])
    _register_sheet(book.create_sheet(texts.EXPORT_REGISTER_SHEET), certificates, now)
    _fit(info)
    props = book.properties
    props.title = safe_text(f"{texts.EXPORT_TITLE} {period_label}")
    props.subject = safe_text(period_label)
    props.creator = safe_text(stored.lsp["name"])
    props.keywords = safe_text(f"{stored.lsp['name']}, BNSP, {period_label}")
    props.description = texts.EXPORT_DESCRIPTION
    props.language = "id"
    props.created = props.modified = now.astimezone(WITA).replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_title(section: SectionLike, used: set[str]) -> str:
    """'2.5 Pengembangan TUK': clause and title (the short one when the whole does not fit),
    cut only between words, within Excel's 31 characters, different from those used."""
    for title in (section.title, section.short_title or section.title):
        clean = "".join(" " if ch in _SHEET_FORBIDDEN else ch for ch in title)
        words, name = clean.split(), section.clause
        for word in words:
            if len(name) + 1 + len(word) > SHEET_TITLE_LIMIT:
                break
            name = f"{name} {word}"
        if len(name.split()) == len(words) + 1:
            break
    candidate, n = name, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        candidate, n = name[: SHEET_TITLE_LIMIT - len(suffix)].rstrip() + suffix, n + 1
    return candidate


def _section_sheet(sheet: Worksheet, section: SectionLike, stored: StoredPeriod) -> None:
    top = list(section.top_questions)
    repeated = list(section.repeat.questions) if section.repeat else []
    header = [
        *texts.EXPORT_COLUMNS_BEFORE,
        *(q.report_label for q in top),
        *(q.report_label for q in repeated),
        *texts.EXPORT_COLUMNS_AFTER,
    ]
    _append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    grouped = contributions(
        [section], stored.submissions, stored.answers, stored.members,
        include=lambda _sub, _own: True,
    )  # fmt: skip
    for item in grouped.get(section.key, []):
        before = [item.owner_name, role_in(item.owner, section), _status(item)]
        answers = item.values(0)
        last = _status_change(item, stored) if item.nihil else _last(answers, stored)
        _append(sheet, [*before, texts.EXPORT_LEVEL_SECTION, None, *_cells(top, answers),
                        *([None] * len(repeated)), *last])  # fmt: skip
        for position, entry in enumerate(item.entries(), start=1):
            answers = item.values(entry)
            _append(sheet, [*before, texts.EXPORT_LEVEL_ENTRY, position, *([None] * len(top)),
                            *_cells(repeated, answers), *_last(answers, stored)])  # fmt: skip
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _fit(sheet)


def _register_sheet(
    sheet: Worksheet, certificates: Sequence[StoredCertificate], now: datetime
) -> None:
    """One row per certificate, with its status, issuance and source row."""
    _append(sheet, list(texts.EXPORT_REGISTER_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    today = now.astimezone(WITA).date()
    for c in certificates:
        _append(sheet, [
            c.number, c.holder, c.scheme, texts.KIND_NAMES.get(c.kind, c.kind),
            texts.ROUTE_NAMES.get(c.route, c.route), c.tuk, c.assessor, c.issued_on,
            c.valid_until, c.status(today), c.replaces, c.issuance, c.source_row, c.revoked_on,
            c.revocation_reason,
        ])  # fmt: skip
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _fit(sheet)


def _status(item: Contribution) -> str:
    return texts.STATUS_NAMES[item.submission.status]


def _cells(questions: list[QuestionLike], answers: dict[str, StoredAnswer]) -> list[Any]:
    return [_cell(q, answers[q.key].value) if q.key in answers else None for q in questions]


def _cell(question: QuestionLike, value: Any) -> Any:
    """Numbers and dates stay numbers and dates, so the sheet can be summed and sorted."""
    if (
        question.type == "integer"
        and isinstance(value, int)
        and not isinstance(value, bool)
        and abs(value) < EXACT_LIMIT
    ):
        return value
    if question.type == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return display(question, value) if value is not None else None


def _when(moment: datetime | None) -> datetime | None:
    """A stored UTC instant as the WITA wall-clock time a spreadsheet can sort."""
    return moment.astimezone(WITA).replace(tzinfo=None) if moment is not None else None


def _status_change(item: Contribution, stored: StoredPeriod) -> list[Any]:
    """Who declared a part nihil, how and when."""
    sub = item.submission
    member = stored.members.get(sub.changed_by or 0)
    channel = texts.CHANNEL_NAMES.get(sub.channel or "", sub.channel)
    return [member.name if member else None, channel, _when(sub.changed_at), None]


def _last(answers: dict[str, StoredAnswer], stored: StoredPeriod) -> list[Any]:
    if not answers:
        return [None, None, None, None]
    latest = max(answers.values(), key=lambda a: a.given_at)
    member = stored.members.get(latest.given_by)
    return [
        member.name if member else None,
        texts.CHANNEL_NAMES.get(latest.channel, latest.channel),
        _when(latest.given_at),
        max(a.revision for a in answers.values()),
    ]


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """A row in which text is always text ('=1+1' stays as typed, never a formula) and
    characters a spreadsheet cannot hold are written as [U+XXXX]."""
    sheet.append([safe_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif isinstance(cell.value, datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT


def _fit(sheet: Worksheet) -> None:
    """Column widths that fit what the columns hold, within reason."""
    low, high = WIDTH_RANGE
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = 0
        for cell in column:
            if isinstance(cell.value, datetime):
                length = 16
            elif isinstance(cell.value, date):
                length = 10
            else:
                length = max((len(line) for line in str(cell.value or "").split("\n")), default=0)
            longest = max(longest, length)
        sheet.column_dimensions[get_column_letter(index)].width = max(low, min(high, longest + 2))
