"""The export as an auditor opens it in a spreadsheet program nobody here wrote (gnumeric's
ssconvert): times are real date-times in WITA, nihil rows say who declared it and when."""

import csv
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from render.renderer import Renderer
from tests.helpers import Chat, Clock
from tests.semester import AFTER, semester_db

EXCEL_EPOCH = datetime(1899, 12, 30)


def sheets_as_values(book: Path, out: Path) -> dict[str, list[dict[str, str]]]:
    """Every sheet as rows of raw cell values (dates as serial numbers), by its first cell."""
    if shutil.which("ssconvert") is None:
        pytest.skip("ssconvert is not installed (Debian package gnumeric)")
    subprocess.run(
        ["ssconvert", "-S", "--export-type=Gnumeric_stf:stf_assistant",
         "-O", "format=raw separator=;", str(book), str(out / "sheet%n.csv")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    found: dict[str, list[dict[str, str]]] = {}
    for number in range(20):
        path = out / f"sheet{number}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                found[str(number)] = list(csv.DictReader(handle, delimiter=";"))
    return found


def test_times_are_date_times_and_nihil_rows_say_who_and_when(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    assert "Excel" in chat.say("admin", "/ekspor")
    book = tmp_path / "data.xlsx"
    book.write_bytes(chat.documents[-1].data)
    sheets = sheets_as_values(book, tmp_path)
    tuk = sheets["4"]  # 2.5 (after the info sheet and 2.2, 2.3, 2.4)
    assert {row["Tingkat"] for row in tuk} == {"bagian", "entri"}
    entry = next(row for row in tuk if row["Nama TUK"] == "TUK Bengkel Otomotif SMKN 3 Kota Bima")
    assert entry["No. entri"] == "1" and entry["Asesi diuji"] == "52"
    when = EXCEL_EPOCH + timedelta(days=float(entry["Waktu (WITA)"]))  # a number: a date-time
    assert abs(when - datetime(2027, 1, 10, 10, 0)) < timedelta(seconds=1)  # 10:00 WITA
    verified = EXCEL_EPOCH + timedelta(days=float(entry["Tanggal verifikasi"]))
    assert verified == datetime(2026, 8, 12)
    nihil = sheets["3"][0]  # 2.4, declared nihil by the admin
    assert nihil["Status"] == "dinyatakan nihil"
    assert nihil["Terakhir diisi oleh"] == "Siti Rahmah, S.Pd." and nihil["Kanal"] == "Telegram"
    assert float(nihil["Waktu (WITA)"]) > 46000
