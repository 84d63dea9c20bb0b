"""HTML to PDF bytes with xhtml2pdf, remote and outside fetches refused; joining parts and
stamping every page with its footer ("Halaman X dari Y") and, on drafts, the watermark."""

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from render.html import FONTS, FONTS_DIR

logger = logging.getLogger(__name__)
# xhtml2pdf quotes the document (people's answers) in its warnings; keep them out of logs.
logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)

# Characters XML 1.0 forbids; a stray one in an answer must not break the document.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FOOTER_FONT = "LspBotFooter"


class RenderError(RuntimeError):
    """xhtml2pdf reported errors while building a part."""


def policy() -> ResourceAccessPolicy:
    """No network at all; local reads only inside the package's fonts folder."""
    return ResourceAccessPolicy.server(
        base_dir=FONTS_DIR,
        allow_remote=False,
        max_render_seconds=600,
        max_document_bytes=64 * 1024 * 1024,
        max_depth=100,
    )


def _refuse_links(uri: str, _rel: str) -> str:
    """Only our own font files resolve; anything else becomes an empty, local name."""
    return uri if uri in FONTS.values() else str(FONTS_DIR / "_tidak_diizinkan")


def html_to_pdf(html: str) -> bytes:
    """One PDF from one HTML document."""
    out = io.BytesIO()
    result = pisa.CreatePDF(
        _CONTROL.sub("", html),
        dest=out,
        encoding="utf-8",
        link_callback=_refuse_links,
        resource_policy=policy(),
    )
    if result.err:
        raise RenderError(f"xhtml2pdf reported {result.err} error(s)")
    return out.getvalue()


@dataclass(frozen=True)
class Stamp:
    """What every page carries: a footer with {page} and {pages}, and an optional watermark."""

    footer: str
    watermark: str | None = None


def join_and_stamp(parts: list[bytes], stamp: Stamp) -> bytes:
    """The parts as one PDF, each page stamped with its footer (and watermark)."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    overlay = PdfReader(io.BytesIO(_overlay(len(writer.pages), stamp)))
    for page, extra in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(extra)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _overlay(pages: int, stamp: Stamp) -> bytes:
    if FOOTER_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FOOTER_FONT, FONTS["regular"]))
    width, _height = A4
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4, invariant=True)
    for number in range(1, pages + 1):
        if stamp.watermark:
            _watermark(sheet, stamp.watermark)
        sheet.setFont(FOOTER_FONT, 7.5)
        sheet.setFillGray(0.25)
        sheet.drawCentredString(width / 2, 34, stamp.footer.format(page=number, pages=pages))
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def _watermark(sheet: canvas.Canvas, text: str) -> None:
    width, height = A4
    sheet.saveState()
    sheet.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.13)
    sheet.setFont(FOOTER_FONT, 110)
    sheet.translate(width / 2, height / 2)
    sheet.rotate(50)
    sheet.drawCentredString(0, -40, text)
    sheet.restoreState()
