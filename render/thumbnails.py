"""Small pictures of evidence files for the appendix "Lampiran Bukti", made in the rendering
processes: a photo scaled down, a PDF's first page drawn by PDFium. A file that is too big to
decode safely (a decompression bomb declares millions of pixels), malformed, or that fails in
any way gets no picture, never a failed report. Nothing is fetched: the bytes come from the
database, and the pictures go into the HTML as data: URIs."""

import base64
import io
import logging

import pypdfium2 as pdfium
from PIL import Image

logger = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # a photo declaring more is not decoded (a 12 MP phone photo is fine)
MAX_PDF_POINTS = 14_400  # a PDF page wider or taller than this (200 inches) is not drawn
SIDE = 480  # pixels of the longer side of a picture
QUALITY = 70


def thumbnail(data: bytes, kind: str) -> str | None:
    """A data: URI of a small JPEG of the file (None: no picture can be made safely)."""
    try:
        picture = _pdf_page(data) if kind == "pdf" else _photo(data)
    except Exception as error:  # any malformed file: no picture, the report goes on
        logger.info("no picture of a %s file (%s)", kind, type(error).__name__)
        return None
    if picture is None:
        return None
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _photo(data: bytes) -> Image.Image | None:
    with Image.open(io.BytesIO(data)) as image:  # reads the header only
        width, height = image.size
        if width * height > MAX_PIXELS or image.format not in ("JPEG", "PNG"):
            logger.info("no picture of a %sx%s %s file", width, height, image.format)
            return None
        image.draft("RGB", (SIDE, SIDE))  # a JPEG decodes at a fraction of its size
        image.thumbnail((SIDE, SIDE))
        return image.copy()


def _pdf_page(data: bytes) -> Image.Image | None:
    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        if not 0 < width <= MAX_PDF_POINTS or not 0 < height <= MAX_PDF_POINTS:
            return None
        scale = SIDE / max(width, height)
        bitmap = page.render(scale=scale, may_draw_forms=False)
        return bitmap.to_pil()
    finally:
        document.close()
