"""A file a person sends as evidence, judged by what its bytes are, never by its name: a JPEG
or PNG photo, or a PDF; empty, too large, with too many pages, or of any other kind it is
refused. Pure: the bytes in, a verdict out."""

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 10_000_000  # a phone's photo or a scanned letter; Telegram's downloads stop at 20 MB
MAX_PAGES = 50
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class Refusal(StrEnum):
    """Why a file is not taken."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_ACCEPTED = "not_accepted"
    TOO_MANY_PAGES = "too_many_pages"


@dataclass(frozen=True)
class IncomingFile:
    """A file as a channel hands it over: the name it came with and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Verdict:
    """What a file is ('jpeg', 'png', 'pdf'), a PDF's pages where they can be counted, or why
    it is refused."""

    kind: str | None = None
    pages: int | None = None
    refusal: Refusal | None = None


def judge(data: bytes) -> Verdict:
    """What the bytes are, and whether they are taken."""
    if not data:
        return Verdict(refusal=Refusal.EMPTY)
    if len(data) > MAX_BYTES:
        return Verdict(refusal=Refusal.TOO_LARGE)
    if data.startswith(b"\xff\xd8\xff"):
        return Verdict("jpeg")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Verdict("png")
    if b"%PDF-" in data[:1024]:
        pages = len(_PAGE.findall(data))
        if pages > MAX_PAGES:
            return Verdict(refusal=Refusal.TOO_MANY_PAGES)
        return Verdict("pdf", pages or None)  # compressed page trees are not counted here
    return Verdict(refusal=Refusal.NOT_ACCEPTED)


def size_text(size: int) -> str:
    """'1,2 MB', '820 KB' (Indonesian decimal comma)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} KB"
