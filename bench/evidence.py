"""What evidence adds to a final: render time and file size of report A for a semester of ten
TUKs, without evidence and with 50 phone photos (five per TUK's verification date).

Usage: python bench/evidence.py [--photos 50] [--workers N]

Each case is a fresh SQLite file filled as bench/render.py fills it (a complete semester II
2026), the photos attached as the chat keeps them (storage/evidence.py). The final is made
through the report desk as /final makes it: the appendix "Lampiran Bukti" with a picture of
each photo (made in the rendering processes) and every photo embedded whole. Photos are
3000x2250 JPEGs of smooth noise, about the size a phone sends. Prints seconds (median of three
finals, each from a fresh context) and megabytes, and what the photos add.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from sqlalchemy import select, update

from bot.reports.desk import ReportDesk
from render.renderer import Renderer
from storage import evidence
from storage.db import make_engine, session_scope
from storage.models import Answer, FinalReport, Submission
from tests.helpers import complete_profile
from tests.reporting import NOW, populate

SEMESTER_OVER = datetime(2027, 1, 2, 2, 0, tzinfo=UTC)


def photo() -> bytes:
    """A phone-sized JPEG: smooth noise scaled up, so it compresses as a photo does."""
    small = Image.frombytes("RGB", (375, 281), os.urandom(375 * 281 * 3))
    out = io.BytesIO()
    small.resize((3000, 2250), Image.Resampling.BICUBIC).save(out, "JPEG", quality=88)
    return out.getvalue()


def semester(folder: Path, photos: list[bytes]) -> str:
    """A database of the semester, the photos attached five to a TUK; its URL."""
    url = f"sqlite:///{folder}/bench-{len(photos)}.db"
    db = make_engine(url)
    populate(db, tuks=10)
    complete_profile(db)
    with session_scope(db) as session:
        answers = session.execute(
            select(Answer.submission_id, Answer.entry_no, Submission.member_id)
            .join(Submission, Submission.id == Answer.submission_id)
            .where(Answer.field == "tanggal_verifikasi")
            .order_by(Answer.id)
        ).all()  # fmt: skip
        for n, data in enumerate(photos):
            sid, entry, member = answers[(n // 5) % len(answers)]
            evidence.attach(session, submission_id=sid, entry_no=entry,
                            field="tanggal_verifikasi", data=data, filename=f"foto-{n + 1}.jpg",
                            kind="jpeg", pages=None, member_id=member, channel="whatsapp",
                            now=NOW)  # fmt: skip
        session.commit()
    db.dispose()
    return url


def finals(url: str, renderer: Renderer, times: int = 3) -> tuple[float, int]:
    """Median seconds of a final of report A, and its size in bytes."""
    db = make_engine(url)
    desk = ReportDesk(db, renderer, clock=lambda: SEMESTER_OVER)
    period = desk.period("2026-II")
    assert period is not None
    spent, size = [], 0
    for _ in range(times):
        with session_scope(db) as session:  # a fresh version each time (new content hash)
            session.execute(update(FinalReport).values(content_sha256="0" * 64))
            session.commit()
        started = time.perf_counter()
        outcome = desk.final(period, prepared_by="Bu Admin", member_id=None, channel="cli")
        spent.append(time.perf_counter() - started)
        assert outcome.info is not None, outcome
        size = len(outcome.pdf)
    db.dispose()
    return statistics.median(spent), size


def archival_cost(url: str) -> tuple[float, int, int]:
    """The PDF/A step alone, in this process: (seconds, bytes before, bytes after) of making
    the joined final archival with what it carries (data, spreadsheet, evidence)."""
    from bot.reports.attachments import final_attachments
    from bot.reports.desk import evidence_files
    from render.html import paged_tables
    from render.pdf import join_and_stamp
    from render.renderer import finished, parts, render_part, stamp_for

    db = make_engine(url)
    desk = ReportDesk(db, Renderer(1), clock=lambda: SEMESTER_OVER)
    period = desk.period("2026-II")
    assert period is not None
    with session_scope(db) as session:
        ctx = desk.context(session, period, kind="final", prepared_by="Bu Admin")
        files = evidence_files(session, ctx)
    attached = final_attachments(ctx, files, desk.export(period), period)
    context = {**ctx, "files": files, "attachments": attached}
    context["document"] = {**ctx["document"], "version": 1}
    context["tables"] = paged_tables(context)
    joined = join_and_stamp([render_part(context, p) for p in parts(context, 1)],
                            stamp_for(context))  # fmt: skip
    started = time.perf_counter()
    made = finished(context, joined)
    spent = time.perf_counter() - started
    db.dispose()
    return spent, len(joined), len(made)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    photos = [photo() for _ in range(args.photos)]
    megabytes = sum(map(len, photos)) / 1e6
    renderer = Renderer(args.workers)
    renderer.warm()
    try:
        with tempfile.TemporaryDirectory() as folder:
            bare_url, full_url = semester(Path(folder), []), semester(Path(folder), photos)
            bare, full = finals(bare_url, renderer), finals(full_url, renderer)
            steps = [archival_cost(bare_url), archival_cost(full_url)]
    finally:
        renderer.close()
    print(f"photos: {len(photos)}, {megabytes:.1f} MB in all (workers: {renderer.workers})")
    print("case                 final: seconds   final: MB")
    print(f"without evidence     {bare[0]:>14.2f}   {bare[1] / 1e6:>9.2f}")
    print(f"with {len(photos):>3} photos      {full[0]:>14.2f}   {full[1] / 1e6:>9.2f}")
    added_s, added_mb = full[0] - bare[0], (full[1] - bare[1]) / 1e6
    print(
        f"added                {added_s:>14.2f}   {added_mb:>9.2f}"
        f"   ({added_s / max(1, len(photos)) * 1000:.0f} ms and "
        f"{added_mb / max(1, len(photos)):.2f} MB a photo; x{full[0] / bare[0]:.1f} the time)"
    )
    print("\nthe PDF/A-3b step alone (written, validated; data, spreadsheet, evidence associated)")
    print("case                 seconds   MB before   MB after")
    labels = ("without evidence", f"with {len(photos):>3} photos")
    for label, (spent, before, after) in zip(labels, steps, strict=True):
        print(f"{label:<20} {spent:>8.2f}   {before / 1e6:>9.2f}   {after / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
