"""The public verification pages, beside the webhooks on the one web server: anyone holding a
final (printed or as a file) can check it without lsp-bot or an account.

GET /verifikasi/<code>: what the QR code on every page of a final points at; the final's LSP,
report, period, number, version, date, SHA-256 and whether it is the latest version. GET
/verifikasi: a form to type a code or upload a PDF (POST). Plain HTML and one inline style
sheet; no JavaScript, no cookies, nothing from outside. Every client address has a budget of
requests (a token bucket), and every answer carries the usual security headers.
"""

import asyncio
import base64
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.reports.verification import Verifier, signature_lines
from bot.server import texts
from render.verification import PAGE_PATH, normalized, shown

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_LIMIT_SHOWN = "20 MB"
CHECKS_AT_ONCE = 2  # uploads checked at the same time (each reads and validates a PDF)


@dataclass
class RateLimit:
    """A token bucket per client address: `burst` requests at once, then one every
    `every` seconds; an upload costs `upload_cost`. The oldest addresses are forgotten past
    `clients`."""

    burst: float = 60.0
    every: float = 2.0
    upload_cost: float = 3.0
    clients: int = 10_000
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, cost: float = 1.0) -> float:
        """0 if the request may go ahead, else the seconds until it may."""
        now = self.clock()
        tokens, at = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) / self.every)
        wait = 0.0
        if tokens >= cost:
            tokens -= cost
        else:
            wait = (cost - tokens) * self.every
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > self.clients:
            self._buckets.popitem(last=False)
        return wait


_ENV = Environment(
    loader=PackageLoader("bot", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_CSS = (files("bot") / "templates" / "verifikasi.css").read_text(encoding="utf-8").strip()
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class VerificationPages:
    """The routes of the public verification pages."""

    def __init__(
        self, verifier: Verifier, *, https: bool = False, limit: RateLimit | None = None
    ) -> None:
        self.verifier = verifier
        self.limit = limit or RateLimit()
        self.headers = dict(HEADERS)
        if https:
            self.headers["Strict-Transport-Security"] = "max-age=31536000"
        self._checking = asyncio.Semaphore(CHECKS_AT_ONCE)

    def routes(self) -> list[Route]:
        """GET and POST /verifikasi, GET /verifikasi/<code>."""
        return [
            Route(PAGE_PATH, self.form, methods=["GET", "POST"]),
            Route(PAGE_PATH + "/{code}", self.code, methods=["GET"]),
        ]

    def _page(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("lsp", None)
        html = _ENV.get_template(name).render(
            css=_CSS, path=PAGE_PATH, limit=UPLOAD_LIMIT_SHOWN, **values
        )
        return HTMLResponse(html, status, headers=self.headers)

    def _message(self, heading: str, message: str, status: int, **headers: str) -> Response:
        response = self._page("verifikasi_message.html", status, heading=heading,
                              message=message, back=True)  # fmt: skip
        response.headers.update(headers)
        return response

    def _refused(self, request: Request, cost: float = 1.0) -> Response | None:
        wait = self.limit.take(_client(request), cost)
        if not wait:
            return None
        seconds = max(1, round(wait))
        logger.info("verification page: client over its budget for %d s", seconds)
        return self._message(texts.VERIFY_PAGE_BUSY_TITLE,
                             texts.VERIFY_PAGE_BUSY.format(seconds=seconds), 429,
                             **{"Retry-After": str(seconds)})  # fmt: skip

    async def code(self, request: Request) -> Response:
        """The page a final's QR code points at."""
        refused = self._refused(request)
        if refused is not None:
            return refused
        typed = request.path_params["code"]
        info = await asyncio.to_thread(self.verifier.by_code, typed)
        if info is None:
            return self._not_found()
        code = normalized(typed) or ""
        if typed != shown(code):  # one address per final: as printed
            return RedirectResponse(f"{PAGE_PATH}/{shown(code)}", 301, headers=self.headers)
        final = await asyncio.to_thread(self.verifier.public, info)
        return self._page("verifikasi_code.html", heading=texts.VERIFY_PAGE_FOUND_TITLE,
                          final=final, lsp=final.lsp)  # fmt: skip

    def _not_found(self) -> Response:
        return self._message(texts.VERIFY_PAGE_UNKNOWN_TITLE, texts.VERIFY_PAGE_UNKNOWN, 404)

    async def form(self, request: Request) -> Response:
        """GET: the form (with ?kode=: that code's page). POST: an uploaded PDF checked."""
        if request.method == "POST":
            return await self._upload(request)
        refused = self._refused(request)
        if refused is not None:
            return refused
        typed = request.query_params.get("kode")
        if typed is None:
            return self._page("verifikasi_form.html", heading=texts.VERIFY_PAGE_TITLE)
        code = normalized(typed)
        if code is None:
            return self._page("verifikasi_form.html", 400, heading=texts.VERIFY_PAGE_TITLE,
                              problem=texts.VERIFY_PAGE_BAD_CODE)  # fmt: skip
        return RedirectResponse(f"{PAGE_PATH}/{shown(code)}", 303, headers=self.headers)

    async def _upload(self, request: Request) -> Response:
        refused = self._refused(request, self.limit.upload_cost)
        if refused is not None:
            return refused
        try:
            data = await _uploaded_file(request)
        except _TooBig:
            return self._message(
                texts.VERIFY_PAGE_TITLE,
                texts.VERIFY_PAGE_TOO_BIG.format(limit=UPLOAD_LIMIT_SHOWN),
                413,
            )
        if data is None:
            return self._message(texts.VERIFY_PAGE_TITLE, texts.VERIFY_PAGE_NO_FILE, 400)
        async with self._checking:
            check = await asyncio.to_thread(self.verifier.check, data)
            stored = check.match or check.claimed
            public = await asyncio.to_thread(self.verifier.public, stored) if stored else None
        matched = check.match is not None
        logger.info("verification upload: %s", "match" if matched else "no match")
        return self._page(
            "verifikasi_result.html",
            heading=texts.VERIFY_PAGE_MATCH_TITLE if matched else texts.VERIFY_PAGE_NO_MATCH_TITLE,
            final=public if matched else None,
            claimed=public if not matched else None,
            claims=check.claims,
            readable=check.signatures is not None,
            sha256=check.sha256,
            signatures=signature_lines(check.signatures),
            lsp=public.lsp if public else None,
        )


class _TooBig(Exception):
    """The upload is over MAX_UPLOAD_BYTES."""


_FORM_ROOM = 64 * 1024  # the form's own bytes around the file


async def _uploaded_file(request: Request) -> bytes | None:
    """The bytes of the form's one file, None when there is none; _TooBig past the limit
    (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + _FORM_ROOM:
        raise _TooBig
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_UPLOAD_BYTES + _FORM_ROOM:
            raise _TooBig

    async def stream() -> AsyncGenerator[bytes, None]:
        yield bytes(body)

    try:
        form = await MultiPartParser(request.headers, stream(), max_files=1, max_fields=4,
                                     max_part_size=_FORM_ROOM).parse()  # fmt: skip
    except (MultiPartException, ValueError, KeyError):
        return None
    file = form.get("berkas")
    if not isinstance(file, UploadFile):
        return None
    data = await file.read()
    await form.close()
    if len(data) > MAX_UPLOAD_BYTES:
        raise _TooBig
    return data or None


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "?"
