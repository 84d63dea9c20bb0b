"""Reading a report PDF back: its text, and what its footer claims to be."""

import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

_FOOTER = re.compile(r"(?P<number>\S+) · Versi (?P<version>\d+) · Sidik data (?P<hash>[0-9a-f]+)")


def page_texts(data: bytes) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def footer_claims(data: bytes) -> dict[str, str] | None:
    """Document number, version and data fingerprint a final's footer states; None if the
    file is not a readable lsp-bot final."""
    try:
        texts = page_texts(data)
    except (PdfReadError, ValueError, OSError):
        return None
    for text in texts[:1]:
        found = _FOOTER.search(text)
        if found:
            return {"number": found["number"], "version": found["version"], "hash": found["hash"]}
    return None
