"""Seconds and peak memory to build report A with many table rows, and report B with many
certificates.

Usage: python bench/render.py [--rows 10 100 1000 5000] [--certificates 1000 10000] [--workers N]

For each row count, a fresh process fills a fresh SQLite file with TUK entries (section 2.5,
spread over ten coordinators) and the other sections, until the report's tables (entry rows,
their paragraph rows and the data-trail rows) hold that many rows; then it asks for a draft
through the report desk, as /draft does. Prints rows, pages, seconds (reading the data, and
rendering in the worker pool, warmed first as in the running bot) and peak resident memory of
the bot process and of the rendering workers.

For each certificate count, the same with report B: a semester whose register holds that many
certificates (imported from one XLSX, as the admin sends it), drafted as /draft sertifikat does
(its list of certificates on landscape pages, and the data trail).
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.reports.editions import ACTIVITIES, SEMESTER_CERTIFICATES
from tests.reporting import NOW, ROWS_PER_TUK, populate


def draft(url: str, workers: int, edition: Any) -> tuple[dict[str, Any], bytes, float]:
    """A draft of the report, as /draft makes it in the running bot (workers warmed first):
    its context, its PDF and the seconds it took."""
    from bot.reports.desk import ReportDesk
    from render.renderer import Renderer
    from storage.db import make_engine

    renderer = Renderer(workers)
    renderer.warm()
    desk = ReportDesk(make_engine(url), renderer, clock=lambda: NOW)
    period = desk.period()
    assert period is not None
    started = time.perf_counter()
    ctx, pdf = desk.draft(period, prepared_by="Bu Admin", edition=edition)
    total = time.perf_counter() - started
    renderer.close()
    return ctx, pdf, total


def measure(rows: int, workers: int) -> dict[str, float]:
    """Fill, then time one draft; runs inside its own process."""
    from render.pdf_text import page_texts
    from storage.db import make_engine

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        populate(make_engine(url), tuks=max(1, round(max(0, rows - 12) / ROWS_PER_TUK)))
        ctx, pdf, total = draft(url, workers, ACTIVITIES)
    content = ctx["content"]
    table_rows = sum(
        len(ch["table"]["rows"]) + sum(len(r["notes"]) for r in ch["table"]["rows"])
        for ch in content["chapters"]
        if ch["table"]
    )
    return {
        "rows": table_rows + len(content["trail"]),
        "pages": len(page_texts(pdf)),
        "seconds": total,
        "bot_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure_b(certificates: int, workers: int) -> dict[str, float]:
    """Fill a register, then time one draft of report B; runs inside its own process."""
    from bot.certificates.desk import CertificateDesk
    from render.pdf_text import page_texts
    from storage.db import make_engine
    from tests.reporting import sheet
    from tests.test_report_layout import ordinary

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        populate(make_engine(url), tuks=1)
        rows = [[r["number"], r["holder"], r["scheme"], "kualifikasi", "reguler", r["tuk"],
                 r["assessor"], "14-09-2026"] for r in ordinary(certificates)]  # fmt: skip
        header = ["Nomor Sertifikat", "Nama Pemegang", "Skema", "Jenis", "Jalur", "TUK",
                  "Asesor", "Tanggal Terbit"]  # fmt: skip
        imported = CertificateDesk(make_engine(url), clock=lambda: NOW).import_file(
            "daftar.xlsx", sheet(rows, header), by=None, channel="cli", by_name="Bench"
        )
        assert imported.accepted, imported.text
        _ctx, pdf, total = draft(url, workers, SEMESTER_CERTIFICATES)
    return {
        "rows": certificates,
        "pages": len(page_texts(pdf)),
        "seconds": total,
        "bot_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main() -> None:
    """Run each size in a fresh process and print one line per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--certificates", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-b", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.workers or None)))  # type: ignore[arg-type]
        return
    if args.one_b is not None:
        print(json.dumps(measure_b(args.one_b, args.workers or None)))  # type: ignore[arg-type]
        return
    print(f"{'report':>8} {'target':>7} {'rows':>6} {'pages':>6} {'seconds':>8} {'bot MB':>7} "
          f"{'worker MB':>10}")  # fmt: skip
    runs = [("A", "--one", n) for n in args.rows] + [("B", "--one-b", n) for n in args.certificates]
    for report, flag, size in runs:
        out = subprocess.run(
            [sys.executable, __file__, flag, str(size), "--workers", str(args.workers)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{report:>8} {size:>7} {r['rows']:>6} {r['pages']:>6} {r['seconds']:>8.2f} "
              f"{r['bot_mb']:>7.0f} {r['workers_mb']:>10.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
