"""Rendering off the caller's process: the body and runs of the data trail are built in
parallel worker processes, then joined and stamped there too.

xhtml2pdf is pure Python and CPU-bound; in the bot's process it would stop every other user.
`Renderer.render` blocks its caller (run it in a thread from async code) while the work
happens in other processes.
"""

import contextlib
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import Any

from render import texts
from render.archival import archival
from render.html import (
    carried_html,
    evidence_html,
    list_html,
    paged_tables,
    report_html,
    trail_html,
)
from render.pdf import Metadata, Seal, Stamp, html_to_pdf, join_and_stamp
from render.verification import PAGE_PATH, page_url, shown, site

logger = logging.getLogger(__name__)

PAGES_PER_PART = 40  # a run of a long table that one rendering process builds at a time


def metadata_for(context: Mapping[str, Any]) -> Metadata:
    """Title, author (the LSP), subject and keywords of a report's PDF."""
    content, document = context["content"], context["document"]
    final = document["kind"] == "final"
    kind = texts.META_FINAL.format(version=document["version"]) if final else texts.META_DRAFT
    return Metadata(
        title=f"{content['title']} {content['period']['label']}",
        author=content["lsp"]["name"],
        subject=texts.META_SUBJECT.format(
            title=content["title"],
            period=content["period"]["label"],
            kind=kind,
            number=document["number"],
        ),
        keywords=(content["lsp"]["name"], "BNSP", content["period"]["label"], kind),
        created=datetime.fromisoformat(document["frozen_at"]),
    )


def stamp_for(context: Mapping[str, Any]) -> Stamp:
    """The footer (and for a draft, the watermark) every page of this report carries."""
    document = context["document"]
    metadata = metadata_for(context)
    if document["kind"] == "final":
        footer = texts.FOOTER_FINAL.format(
            number=document["number"],
            version=document["version"],
            short_hash=document["content_sha256"][:12],
            page="{page}",
            pages="{pages}",
        )
        return Stamp(footer, metadata=metadata, seal=seal_for(document))
    footer = texts.FOOTER_DRAFT.format(
        issued_at=document["issued_at"], page="{page}", pages="{pages}"
    )
    return Stamp(footer, watermark=texts.WATERMARK, metadata=metadata)


def seal_for(document: dict[str, Any]) -> Seal | None:
    """A final's QR code and verification line, where it has a code and lsp-bot a public
    address (`document["verification"]`: {"code", "public_url"})."""
    verification = document.get("verification") or {}
    code, public_url = verification.get("code"), verification.get("public_url")
    if not code or not public_url:
        return None
    line = texts.FOOTER_VERIFY.format(site=site(public_url), path=PAGE_PATH, code=shown(code))
    return Seal(page_url(public_url, code), line)


def finished(context: Mapping[str, Any], pdf: bytes) -> bytes:
    """A final made archival (PDF/A-3b, what it is made from associated:
    `context["attachments"]`); a draft as it is."""
    if context["document"]["kind"] != "final":
        return pdf
    created = datetime.fromisoformat(context["document"]["frozen_at"])
    return archival(pdf, tuple(context.get("attachments") or ()), created)


Part = tuple[str, int, int] | None


def _runs(kind: str, pages: int, workers: int) -> list[Part]:
    """Runs of a table's pages: one per worker, none longer than PAGES_PER_PART."""
    count = max(1, min(workers, pages), math.ceil(pages / PAGES_PER_PART))
    size = max(1, math.ceil(pages / count))
    return [(kind, start, start + size) for start in range(0, pages, size)]


def parts(context: Mapping[str, Any], workers: int) -> list[Part]:
    """The pieces to build, in order: None for the body, then runs of pages of report B's
    certificate list (an appendix) and of the data trail, each ("list" or "trail", first
    page, page after the last), as `context["tables"]` lays them out."""
    tables = context["tables"]
    listed = _runs("list", len(tables["list"].pages), workers) if "list" in tables else []
    trail = _runs("trail", len(tables["trail"].pages), workers)
    carried: list[Part] = [("carried", 0, 0)] if context.get("carried") else []
    evidence: list[Part] = [("evidence", 0, 0)] if context["content"].get("evidence") else []
    return [None, *listed, *trail, *carried, *evidence]


def render_part(context: Mapping[str, Any], part: Part) -> bytes:
    """One piece as PDF bytes."""
    if part is None:
        return html_to_pdf(report_html(context))
    kind, start, stop = part
    if kind == "evidence":
        return html_to_pdf(evidence_html(context))
    if kind == "carried":
        return html_to_pdf(carried_html(context))
    table = context["tables"][kind].run(start, stop)
    if kind == "list":
        return html_to_pdf(list_html(context, table, first=start == 0))
    return html_to_pdf(trail_html(context, table, first=start == 0))


def render_pdf(context: Mapping[str, Any]) -> bytes:
    """The whole report in this process (for scripts and tests of the pieces)."""
    context = {**context, "tables": paged_tables(context)}
    pieces = [render_part(context, part) for part in parts(context, 1)]
    return finished(context, join_and_stamp(pieces, stamp_for(context)))


def _warm() -> int:
    return os.getpid()


def _die_with(parent: int) -> None:
    """A worker's first act: ask Linux to end it when its parent ends, however that ends
    (SIGKILL included), so no rendering process outlives the bot; if the parent is already
    gone, end now."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


class Renderer:
    """A pool of rendering processes, started on first use and reused."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None
        self._count_lock = threading.Lock()
        self.in_flight = 0

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_die_with, initargs=(os.getpid(),)
            )
        return self._pool

    def warm(self) -> None:
        """Start the worker processes now rather than on the first report."""
        futures = [self._executor().submit(_warm) for _ in range(self.workers)]
        for future in futures:
            future.result()

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The report as PDF bytes; retried once on a fresh pool if a worker died."""
        try:
            return self._render(context)
        except BrokenProcessPool:
            logger.warning("a rendering process died; starting a fresh pool")
            self.close()
            return self._render(context)

    def _render(self, context: Mapping[str, Any]) -> bytes:
        pool = self._executor()
        with self._count_lock:
            self.in_flight += 1
        try:
            tables = pool.submit(paged_tables, context).result()  # laid out once, printed in runs
            context = {**context, "tables": tables}
            futures: list[Future[bytes]] = [
                pool.submit(render_part, context, part) for part in parts(context, self.workers)
            ]
            pieces = [future.result() for future in futures]
            joined = pool.submit(join_and_stamp, pieces, stamp_for(context)).result()
            return pool.submit(finished, context, joined).result()
        finally:
            with self._count_lock:
                self.in_flight -= 1

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
