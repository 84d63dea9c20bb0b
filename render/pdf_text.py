"""Reading a report PDF back: its text, and what its footer claims to be."""

import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

_FOOTER = re.compile(r"(?P<number>\S+) · Versi (?P<version>\d+) · Sidik data (?P<hash>[0-9a-f]+)")
PAGES_TRIED = 5
_CODE = re.compile(r"dengan kode (?P<code>[0-9A-Z]{5}-[0-9A-Z]{5})")


def page_texts(data: bytes) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def footer_claims(data: bytes) -> dict[str, str] | None:
    """Document number, version, data fingerprint and verification code ("" if it has none)
    a final's footer states (every page states them: the first few that can be read are
    tried, so a damaged page does not hide them); None if the file is not a readable lsp-bot
    final."""
    try:
        pages = PdfReader(io.BytesIO(data)).pages
        count = len(pages)
    except (PdfReadError, ValueError, OSError, KeyError, TypeError):
        return None
    for index in range(min(count, PAGES_TRIED)):
        try:
            text = pages[index].extract_text() or ""
        except Exception:  # a damaged page: try the next
            continue
        found = _FOOTER.search(text)
        if found:
            code = _CODE.search(text)
            return {"number": found["number"], "version": found["version"],
                    "hash": found["hash"], "code": code["code"] if code else ""}  # fmt: skip
    return None
