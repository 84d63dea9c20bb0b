"""All data of a period as a spreadsheet: one sheet per section, repeated entries as rows,
with who/when columns (openpyxl)."""

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from render import texts
from render.chapters import Contribution, contributions, role_in
from render.context import StoredPeriod
from render.filters import wita_datetime
from render.outline import QuestionLike, SectionLike
from render.values import display
from storage.period_data import StoredAnswer

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_LIMIT = 31


def workbook(
    sections: Sequence[SectionLike],
    stored: StoredPeriod,
    *,
    period_label: str,
    now: datetime,
) -> bytes:
    """The .xlsx bytes."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = texts.EXPORT_INFO_TITLE
    values = {"lsp": stored.lsp["name"], "period": period_label, "at": wita_datetime(now)}
    for label, template in texts.EXPORT_INFO:
        _append(info, [label, template.format(**values)])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 14, 80
    for section in sections:
        _section_sheet(book.create_sheet(_sheet_title(section)), section, stored)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(section: SectionLike) -> str:
    """'2.5 Pengembangan dan Verifikasi': whole words within Excel's 31 characters."""
    title = section.clause
    for word in _SHEET_FORBIDDEN.sub(" ", section.title).split():
        if len(title) + 1 + len(word) > SHEET_TITLE_LIMIT:
            break
        title = f"{title} {word}"
    return title


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
    sheet.freeze_panes = "A2"
    grouped = contributions(
        [section],
        stored.submissions,
        stored.answers,
        stored.members,
        include=lambda _sub, _own: True,
    )
    for item in grouped.get(section.key, []):
        before = [item.owner_name, role_in(item.owner, section), _status(item)]
        answers = item.values(0)
        _append(
            sheet,
            [
                *before,
                texts.EXPORT_SECTION_LEVEL,
                *_cells(top, answers),
                *([None] * len(repeated)),
                *_last(answers, stored),
            ],
        )
        for entry in item.entries():
            answers = item.values(entry)
            _append(
                sheet,
                [
                    *before,
                    entry,
                    *([None] * len(top)),
                    *_cells(repeated, answers),
                    *_last(answers, stored),
                ],
            )
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22


def _status(item: Contribution) -> str:
    return texts.STATUS_NAMES[item.submission.status]


def _cells(questions: list[QuestionLike], answers: dict[str, StoredAnswer]) -> list[Any]:
    return [_cell(q, answers[q.key].value) if q.key in answers else None for q in questions]


def _cell(question: QuestionLike, value: Any) -> Any:
    """Numbers and dates stay numbers and dates, so the sheet can be summed and sorted."""
    if question.type == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if question.type == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return display(question, value) if value is not None else None


def _last(answers: dict[str, StoredAnswer], stored: StoredPeriod) -> list[Any]:
    if not answers:
        return [None, None, None, None]
    latest = max(answers.values(), key=lambda a: a.given_at)
    member = stored.members.get(latest.given_by)
    return [
        member.name if member else None,
        texts.CHANNEL_NAMES.get(latest.channel, latest.channel),
        wita_datetime(latest.given_at),
        max(a.revision for a in answers.values()),
    ]


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """A row in which text is always text: '=1+1' or '@SUM(...)' stays as typed, never a
    formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif isinstance(cell.value, date):
            cell.number_format = "DD-MM-YYYY"
