"""HTML to PDF bytes with xhtml2pdf, remote and outside fetches refused; joining parts and
stamping every page with its footer ("Halaman X dari Y") and, on drafts, the watermark.

What any reader can trust: every font embedded (no standard-14 reference), a distinct subset
tag per embedded subset, text that extracts as it was typed (emoji included), the watermark
drawn as outlines (so it is not in the text layer), and the document's title, author,
subject and language in its metadata.
"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)
from reportlab import rl_config
from reportlab.graphics import renderPDF, shapes
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas
from reportlab.platypus import tables
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from render.glyphs import draw_outlined
from render.typeface import BASE_FONT, FONTS, FONTS_DIR, register

logger = logging.getLogger(__name__)
# xhtml2pdf quotes the document (people's answers) in its warnings; keep them out of logs.
logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)

# Characters XML 1.0 forbids; the templates print them as control pictures, this is the
# last line of defence.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with code points past U+FFFF written as UTF-16 (reportlab
    writes them as five hex digits, which readers take for another character)."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]  # fmt: skip
    for index, code in enumerate(subset):
        utf16 = chr(code).encode("utf-16-be", "surrogatepass").hex().upper()
        lines.append(f"<{index:02X}> <{utf16}>")
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
              "end"]  # fmt: skip
    return "\n".join(lines)


def setup_fonts() -> None:
    """Register our font as every canvas's and table cell's initial one (otherwise reportlab
    references Helvetica, unembedded, on every page) and mend reportlab's ToUnicode maps."""
    register()
    rl_config.canvas_basefontname = BASE_FONT
    shapes.STATE_DEFAULTS["fontName"] = BASE_FONT  # a drawing (the QR code) starts with it
    tables.CellStyle.fontname = BASE_FONT
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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
    """Only our own font files and the evidence pictures we made (JPEG data: URIs) resolve;
    anything else becomes an empty, local name."""
    if uri in FONTS.values() or uri.startswith(PICTURE_URI):
        return uri
    return str(FONTS_DIR / "_tidak_diizinkan")


PICTURE_URI = "data:image/jpeg;base64,"


class RenderError(RuntimeError):
    """xhtml2pdf reported errors while building a part."""


def html_to_pdf(html: str) -> bytes:
    """One PDF from one HTML document."""
    setup_fonts()
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
class Metadata:
    """What the document says about itself (Info dictionary, XMP and catalog language)."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    language: str = "id"
    created: datetime | None = None


@dataclass(frozen=True)
class Seal:
    """A final's way to be checked: its public page's address, in a QR code (and a link),
    and a line telling a person where to type its code."""

    url: str
    line: str


@dataclass(frozen=True)
class Stamp:
    """What every page carries: a footer with {page} and {pages}, an optional watermark and,
    on finals, the seal."""

    footer: str
    watermark: str | None = None
    metadata: Metadata | None = field(default=None)
    seal: Seal | None = None


def join_and_stamp(parts: list[bytes], stamp: Stamp) -> bytes:
    """The parts as one PDF, each page stamped with its footer (and watermark)."""
    setup_fonts()
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in writer.pages]
    overlay = PdfReader(io.BytesIO(_overlay(sizes, stamp)))
    for page, extra in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(extra)
    _retag_subsets(writer)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    if stamp.metadata is not None:
        _describe(writer, stamp.metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# The seal's QR code: bottom right, inside the right margin's line and below the text frame
# (the page's bottom margin is 2.2 cm, 62 pt); the footer's lines end just left of it.
QR_SIZE = 50.0
QR_MARGIN = 56.7  # from the page's right edge
QR_BOTTOM = 8.0
SEAL_TEXT_LEFT = 62.4  # the left margin (2.2 cm)


def _overlay(sizes: list[tuple[float, float]], stamp: Stamp) -> bytes:
    """One overlay page per page (portrait or landscape): footer, watermark, seal."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4, invariant=True)
    qr = _qr(stamp.seal.url) if stamp.seal is not None else None
    for number, (width, height) in enumerate(sizes, start=1):
        sheet.setPageSize((width, height))
        if stamp.watermark:
            _watermark(sheet, stamp.watermark, width, height)
        sheet.setFont(BASE_FONT, 7.5)
        sheet.setFillGray(0.25)
        footer = stamp.footer.format(page=number, pages=len(sizes))
        if stamp.seal is None or qr is None:
            sheet.drawCentredString(width / 2, 34, footer)
        else:
            _seal(sheet, stamp.seal, qr, footer, width)
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def _qr(url: str) -> Drawing:
    """The QR code of `url` (error correction M, a two-module quiet zone), QR_SIZE square."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=2)
    left, bottom, right, top = widget.getBounds()
    scale_x, scale_y = QR_SIZE / (right - left), QR_SIZE / (top - bottom)
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[scale_x, 0, 0, scale_y, 0, 0])
    drawing.add(widget)
    return drawing


def _seal(sheet: canvas.Canvas, seal: Seal, qr: Drawing, footer: str, width: float) -> None:
    right = width - QR_MARGIN
    left = right - QR_SIZE
    renderPDF.draw(qr, sheet, left, QR_BOTTOM)
    sheet.linkURL(seal.url, (left, QR_BOTTOM, right, QR_BOTTOM + QR_SIZE), relative=0)
    room = left - 6 - SEAL_TEXT_LEFT  # a long address gets smaller type, never the margin
    for y, line in ((36, footer), (26, seal.line)):
        size = min(7.5, 7.5 * room / max(1.0, sheet.stringWidth(line, BASE_FONT, 7.5)))
        sheet.setFont(BASE_FONT, size)
        sheet.drawRightString(left - 6, y, line)


def _watermark(sheet: canvas.Canvas, text: str, width: float, height: float) -> None:
    sheet.saveState()
    sheet.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.13)
    sheet.translate(width / 2, height / 2)
    sheet.rotate(50)
    draw_outlined(sheet, text, FONTS["regular"], size=110, y=-40)
    sheet.restoreState()


def _fonts(writer: PdfWriter) -> list[DictionaryObject]:
    """Every font dictionary the pages use, each once (forms included)."""
    found: dict[int, DictionaryObject] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if resources is None:
            return
        for font in (resources.get("/Font") or DictionaryObject()).values():
            found.setdefault(id(font.get_object()), font.get_object())
        for xobject in (resources.get("/XObject") or DictionaryObject()).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                visit(xobject["/Resources"].get_object())

    for page in writer.pages:
        resources = page.get("/Resources")
        visit(resources.get_object() if resources is not None else None)
    return list(found.values())


def _retag_subsets(writer: PdfWriter) -> None:
    """Give each embedded subset its own tag, from a hash of its glyph data (every part is
    built on its own, so each starts again at AAAAAA+)."""
    for font in _fonts(writer):
        name = str(font.get("/BaseFont", ""))[1:]
        descriptor = font.get("/FontDescriptor")
        if not _SUBSET.match(name) or descriptor is None:
            continue
        descriptor = descriptor.get_object()
        data = b""
        for key in ("/FontFile2", "/FontFile", "/FontFile3"):
            if key in descriptor:
                data = descriptor[key].get_object().get_data()
        widths = str(font.get("/Widths", "")).encode()
        digest = hashlib.sha256(name.encode() + data + widths).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        renamed = NameObject(f"/{tag}+{name[7:]}")
        font[NameObject("/BaseFont")] = renamed
        descriptor[NameObject("/FontName")] = renamed


@cache
def _xmp_template() -> str:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        "<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>'
        "</dc:description><dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag>"
        "</dc:language><pdf:Keywords>{keywords}</pdf:Keywords>"
        "<pdf:Producer>lsp-bot</pdf:Producer>{created}"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _describe(writer: PdfWriter, meta: Metadata) -> None:
    """Title, author, subject, keywords and language, where every reader looks for them."""
    info = {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": ", ".join(meta.keywords),
        "/Creator": "lsp-bot",
        "/Producer": "lsp-bot",
    }
    created = ""
    if meta.created is not None:
        stamp = meta.created.strftime("%Y%m%d%H%M%S")
        info["/CreationDate"] = info["/ModDate"] = f"D:{stamp}Z"
        created = f"<xmp:CreateDate>{meta.created.strftime('%Y-%m-%dT%H:%M:%SZ')}</xmp:CreateDate>"
    writer.add_metadata(info)
    xmp = _xmp_template().format(
        title=_xml(meta.title),
        author=_xml(meta.author),
        subject=_xml(meta.subject),
        language=_xml(meta.language),
        keywords=_xml(", ".join(meta.keywords)),
        created=created,
    )
    stream = DecodedStreamObject()
    stream.set_data(xmp.encode("utf-8"))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    root = writer._root_object
    root[NameObject("/Metadata")] = writer._add_object(stream)
    root[NameObject("/Lang")] = TextStringObject(meta.language)
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
