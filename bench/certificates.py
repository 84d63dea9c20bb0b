"""Seconds to import a certificate list and to build report B.

Usage: python bench/certificates.py [--import-rows 10000] [--report 1000 5000] [--workers N]

Import: a fresh SQLite file, an XLSX of that many certificates made with openpyxl, imported
through the certificate desk as the admin's file would be (reading, every check, one
transaction). Report B: for each size, a fresh file with that many certificates of semester II
2026 and the assessors' 3.2 answers, then a draft of the semester edition through the report
desk, as /draft sertifikat does (warm worker pool).
"""

import argparse
import io
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.semester import AFTER, populate

KINDS = ("kualifikasi", "okupasi", "unit", "klaster")
ROUTES = ("reguler", "RCC", "RPL")


def sheet(rows: int) -> bytes:
    """An XLSX certificate list of `rows` rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet()
    page.append(["Nomor Sertifikat", "Nama Pemegang", "Skema", "Jenis", "Jalur", "TUK", "Asesor",
                 "Tanggal Terbit"])  # fmt: skip
    for n in range(rows):
        page.append([f"LSP-P1/SMKN3/2026/{n:06d}", f"Asesi {n}", f"Skema {n % 12}",
                     KINDS[n % 4], ROUTES[n % 3], f"TUK {n % 9}", f"Asesor {n % 25}",
                     datetime(2026, 7 + n % 6, 1 + n % 28)])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fresh(folder: str) -> object:
    from storage.db import create_all, make_engine

    engine = make_engine(f"sqlite:///{folder}/bench.db")
    create_all(engine)
    populate(engine)
    return engine


def time_import(rows: int) -> float:
    """Seconds to import `rows` certificates."""
    from bot.certificates.desk import CertificateDesk

    data = sheet(rows)
    with tempfile.TemporaryDirectory() as folder:
        engine = fresh(folder)
        desk = CertificateDesk(engine, clock=lambda: AFTER)  # type: ignore[arg-type]
        started = time.perf_counter()
        outcome = desk.import_file("bench.xlsx", data, by=None, channel="cli")
        seconds = time.perf_counter() - started
        assert outcome.accepted and outcome.stored == rows, outcome.text[:300]
    return seconds


def time_report(rows: int, workers: int) -> tuple[float, int]:
    """Seconds to draft report B over `rows` certificates, and its pages."""
    from bot.certificates.desk import CertificateDesk
    from bot.reports.desk import ReportDesk
    from bot.reports.editions import SEMESTER_CERTIFICATES
    from render.pdf_text import page_texts
    from render.renderer import Renderer

    with tempfile.TemporaryDirectory() as folder:
        engine = fresh(folder)
        outcome = CertificateDesk(engine, clock=lambda: AFTER).import_file(  # type: ignore[arg-type]
            "bench.xlsx", sheet(rows), by=None, channel="cli"
        )
        assert outcome.accepted, outcome.text[:300]
        renderer = Renderer(workers)
        renderer.warm()
        desk = ReportDesk(engine, renderer, clock=lambda: AFTER)  # type: ignore[arg-type]
        period = desk.period("2026-II")
        assert period is not None
        started = time.perf_counter()
        _ctx, pdf = desk.draft(period, prepared_by="Bench", edition=SEMESTER_CERTIFICATES)
        seconds = time.perf_counter() - started
        renderer.close()
    return seconds, len(page_texts(pdf))


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--report", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    print(f"import of {args.import_rows} rows (read, checked, stored): "
          f"{time_import(args.import_rows):.2f} s (goal 3 s)")  # fmt: skip
    print(" certificates   pages   seconds   (report B draft, semester edition)")
    for rows in args.report:
        seconds, pages = time_report(rows, args.workers or 0)
        print(f"{rows:>13}   {pages:>5}   {seconds:>7.2f}")


if __name__ == "__main__":
    _ = UTC
    main()
