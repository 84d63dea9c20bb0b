"""Cells and columns of the export's sheets: text stays text, times are WITA date-times, and
columns are wide enough that a printed cell is not cut."""

from datetime import date, datetime
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from render.values import safe_text
from storage.periods import WITA

WIDTH_RANGE = (8, 60)
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
DATE_FORMAT = "DD-MM-YYYY"


def wita_naive(moment: datetime | None) -> datetime | None:
    """A stored UTC instant as the WITA wall-clock time a spreadsheet can sort."""
    return moment.astimezone(WITA).replace(tzinfo=None) if moment is not None else None


def header(sheet: Worksheet, titles: list[str]) -> None:
    """The bold first row of a sheet."""
    append(sheet, titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def append(sheet: Worksheet, values: list[Any]) -> None:
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


def fit(sheet: Worksheet) -> None:
    """Column widths that fit what the columns hold, with room to spare so that a printed
    cell is not cut; longer text wraps in its cell."""
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
        width = max(low, min(high, round(longest * 1.15) + 3))
        sheet.column_dimensions[get_column_letter(index)].width = width
        if longest > high:
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
