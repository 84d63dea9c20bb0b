"""A sent spreadsheet (XLSX, or CSV with commas or semicolons, UTF-8 with or without BOM) as
a header and numbered rows; anything else is refused with one clear message."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.certificates import texts

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNZIPPED = 200 * 1024 * 1024  # what an XLSX may expand to (a zip bomb expands to far more)
Cell = str | date | float | int | None


class Refused(ValueError):
    """The file cannot be read as a certificate list; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Table:
    """The header row and the rows under it, each with its spreadsheet row number (the header
    is row 1)."""

    header: list[str]
    rows: list[tuple[int, list[Cell]]]


def read_table(filename: str, data: bytes) -> Table:
    """The table in an XLSX or CSV file."""
    if not data:
        raise Refused(texts.IMPORT_EMPTY)
    if len(data) > MAX_BYTES:
        raise Refused(texts.IMPORT_TOO_LARGE.format(limit=MAX_BYTES // (1024 * 1024)))
    if data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif filename.lower().endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise Refused(texts.IMPORT_NOT_A_SHEET)
    return _table(rows)


def _table(rows: list[list[Cell]]) -> Table:
    if not rows or not any(_text(cell) for cell in rows[0]):
        raise Refused(texts.IMPORT_NO_HEADER)
    header = [_text(cell) for cell in rows[0]]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if any(_text(cell) for cell in row)]  # fmt: skip
    if not body:
        raise Refused(texts.IMPORT_NO_ROWS)
    if len(body) > MAX_ROWS:
        raise Refused(texts.IMPORT_TOO_MANY_ROWS.format(limit=f"{MAX_ROWS:,}".replace(",", ".")))
    return Table(header, body)


def _text(cell: Any) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def _xlsx_rows(data: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNZIPPED:
                raise Refused(texts.IMPORT_TOO_LARGE.format(limit=MAX_BYTES // (1024 * 1024)))
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Refused:
        raise
    except Exception as error:
        raise Refused(texts.IMPORT_NOT_A_SHEET) from error
    try:
        sheet = book.worksheets[0]
        rows: list[list[Cell]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                raise Refused(
                    texts.IMPORT_TOO_MANY_ROWS.format(limit=f"{MAX_ROWS:,}".replace(",", "."))
                )
        return rows
    finally:
        book.close()


def _cell(value: Any) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, (str, date, int, float)):
        return value
    return str(value)


def _csv_rows(data: bytes) -> list[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" in a Windows locale
    if "\x00" in text:
        raise Refused(texts.IMPORT_NOT_A_SHEET)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
