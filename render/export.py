"""All data of a period as a spreadsheet an auditor can sort and filter: one sheet per
section, repeated entries as rows, who/when columns as real date-times (WITA) (openpyxl)."""

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from render import texts
from render.chapters import Contribution, contributions, role_in
from render.context import StoredPeriod
from render.export_register import register_sheets
from render.filters import wita_datetime
from render.outline import QuestionLike, SectionLike
from render.register_data import RegisterData
from render.report_data import EvidenceItem, Finding
from render.sheets import append, fit, wita_naive
from render.values import display, safe_text
from storage.period_data import StoredAnswer
from storage.periods import WITA, semester_label

_SHEET_FORBIDDEN = set("[]:*?/\\")
SHEET_TITLE_LIMIT = 31
EXACT_LIMIT = 10**15  # Excel keeps 15 significant digits; longer numbers stay text


def workbook(
    sections: Sequence[SectionLike],
    stored: StoredPeriod,
    *,
    period_label: str,
    now: datetime,
    register: RegisterData | None = None,
    findings: Sequence[Finding] = (),
    states: dict[str, str] | None = None,
    evidence: Sequence[EvidenceItem] = (),
) -> bytes:
    """The .xlsx bytes: a sheet per section (an empty one says whether the section is
    missing or nihil: `states`, as the reports' chapters), then the register's certificates
    of the period, its issuances, its history and the cross-check."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = texts.EXPORT_INFO_TITLE
    values = {"lsp": stored.lsp["name"], "period": period_label, "at": wita_datetime(now)}
    for label, template in texts.EXPORT_INFO:
        append(info, [label, template.format(**values)])
    used: set[str] = {info.title}
    for section in sections:
        title = sheet_title(section, used)
        used.add(title)
        append(info, [title, f"{section.clause} {section.title}"])
        state = (states or {}).get(section.key, "")
        _section_sheet(book.create_sheet(title), section, stored, state)
    for title, note, fill in register_sheets(register or RegisterData(), findings, now):
        append(info, [title, note])
        fill(book.create_sheet(title))
    if evidence:
        sheet = book.create_sheet(texts.EXPORT_EVIDENCE_TITLE)
        append(info, [sheet.title, texts.EXPORT_EVIDENCE_NOTE])
        append(sheet, texts.EXPORT_EVIDENCE_HEADER)
        for item in evidence:
            append(sheet, [item["no"], item["ref"], item["answer"], item["name"],
                           item["kind"].upper(), item["size"], item["pages"] or None,
                           item["sha256"], item["by"], item["at"]])  # fmt: skip
        fit(sheet)
    fit(info)
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


def _section_sheet(
    sheet: Worksheet, section: SectionLike, stored: StoredPeriod, state: str
) -> None:
    top = list(section.top_questions)
    repeated = list(section.repeat.questions) if section.repeat else []
    header = [
        *texts.EXPORT_COLUMNS_BEFORE,
        *(q.report_label for q in top),
        *(q.report_label for q in repeated),
        *texts.EXPORT_COLUMNS_AFTER,
    ]
    append(sheet, header)
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
        last = _status_change(item, stored) if item.nihil else _last(top, answers, stored)
        append(sheet, [*before, texts.EXPORT_LEVEL_SECTION, None, *_cells(top, answers),
                        *([None] * len(repeated)), *last])  # fmt: skip
        for position, entry in enumerate(item.entries(), start=1):
            answers = item.values(entry)
            append(sheet, [*before, texts.EXPORT_LEVEL_ENTRY, position, *([None] * len(top)),
                            *_cells(repeated, answers),
                            *_last(repeated, answers, stored)])  # fmt: skip
    if sheet.max_row == 1:  # nothing stored: say whether it is missing or nihil
        append(sheet, [texts.EXPORT_EMPTY.get(state, texts.EXPORT_EMPTY["belum"])])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    fit(sheet)


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


def _status_change(item: Contribution, stored: StoredPeriod) -> list[Any]:
    """Who declared a part nihil, how and when."""
    sub = item.submission
    member = stored.members.get(sub.changed_by or 0)
    channel = texts.CHANNEL_NAMES.get(sub.channel or "", sub.channel)
    return [member.name if member else None, channel, wita_naive(sub.changed_at), None, None]


def _last(
    questions: list[QuestionLike], answers: dict[str, StoredAnswer], stored: StoredPeriod
) -> list[Any]:
    if not answers:
        return [None, None, None, None, None]
    latest = max(answers.values(), key=lambda a: a.given_at)
    member = stored.members.get(latest.given_by)
    return [
        member.name if member else None,
        texts.CHANNEL_NAMES.get(latest.channel, latest.channel),
        wita_naive(latest.given_at),
        max(a.revision for a in answers.values()),
        _carried(questions, answers, stored),
    ]


def _carried(
    questions: list[QuestionLike], answers: dict[str, StoredAnswer], stored: StoredPeriod
) -> str | None:
    """Which of a row's answers were confirmed from an earlier semester, and from whom."""
    carried = [(q, answers[q.key].origin) for q in questions if q.key in answers]
    found = [(q, origin) for q, origin in carried if origin is not None]
    if not found:
        return None
    origin = found[0][1]
    giver = stored.members.get(origin.given_by)
    return texts.EXPORT_CARRIED.format(
        fields=", ".join(q.report_label for q, _o in found),
        period=semester_label(origin.year, origin.semester),
        by=giver.name if giver else texts.EMPTY,
    )
