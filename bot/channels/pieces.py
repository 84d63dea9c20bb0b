"""Long text cut into messages a platform accepts, at a blank line, a line end or a space."""

from collections.abc import Callable


def split_text(text: str, limit: int, length: Callable[[str], int] = len) -> list[str]:
    """Pieces of at most `limit` (as `length` counts), cut at a blank line, a line end or a
    space in the second half of a piece, else mid-word."""
    pieces: list[str] = []
    rest = text.strip() or "-"
    while length(rest) > limit:
        head = _prefix_within(rest, limit, length)
        cut = next(
            (at for sep in ("\n\n", "\n", " ") if (at := head.rfind(sep)) >= len(head) // 2),
            len(head),
        )
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    pieces.append(rest)
    return pieces


def _prefix_within(text: str, limit: int, length: Callable[[str], int]) -> str:
    """The longest prefix of `text` whose length is at most `limit`."""
    end = min(len(text), limit)
    while length(text[:end]) > limit:
        end -= 1
    return text[:end]
