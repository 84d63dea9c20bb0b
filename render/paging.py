"""Long tables laid out page by page before they are printed, so that a page holds as many
rows as fit, the header stands only at the top of a page, and no word, number or code is
broken: cells wrap only at spaces, after "/", "-" and "_", and a long hexadecimal code every
16 characters; when a column cannot hold its longest piece, the table takes a smaller size.

Every cell is wrapped here (lines joined by <br/>), so each row's height is known and the
printer never has to break a line itself.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from render.typeface import text_width
from render.values import printable

CELL_PADDING = 5.5  # left and right padding and borders, points
SAFETY = 0.98  # a line is filled to this share of its cell (rounding in the printer)
NARROW = {"integer", "number", "date"}
_HEX = re.compile(r"[0-9a-fA-F]{32,}")
HEX_GROUP = 16
ROOM_SPARE = 6.0  # points of a page left unplanned (rounding in the printer)


@dataclass(frozen=True)
class Geometry:
    """Where a table is printed: the frame's width and height, the first page's room (after
    a heading), the sizes to try, the line height and each row's padding, in points."""

    width: float
    height: float
    first: float
    sizes: tuple[float, ...] = (7.5, 7.0, 6.5, 6.0)
    leading: float = 1.15
    row_padding: float = 2.5
    rows_wanted: int = 0  # the largest size giving at least this many usual rows a page


@dataclass(frozen=True)
class PagedTable:
    """A table ready to print: column shares (percent), its type size, and its pages of rows,
    every cell already wrapped."""

    header: list[str]
    kinds: list[str]
    widths: list[float]
    size: float
    pages: list[list[list[Markup]]]


def pieces(text: str) -> list[tuple[str, bool]]:
    """The pieces a cell may wrap between, each with whether a space follows it."""
    found: list[tuple[str, bool]] = []
    for word in text.split(" "):
        if not word:
            continue
        parts: list[str] = []
        for chunk in _chunks(word):
            parts += _hex_groups(chunk)
        for index, part in enumerate(parts):
            found.append((part, index == len(parts) - 1))
    return found


def _chunks(word: str) -> list[str]:
    """A word cut after "/" and "_", and before a "-" that does not join two digits (dates
    stay whole; a "-" ending a line would be taken for a hyphenation and dropped by readers)."""
    chunks, current = [], ""
    for index, ch in enumerate(word):
        between_digits = (0 < index < len(word) - 1 and word[index - 1].isdigit()
                          and word[index + 1].isdigit())  # fmt: skip
        if ch == "-" and current and not between_digits and current[-1] != "-":
            chunks.append(current)
            current = ""
        current += ch
        if ch in "/_" and (index + 1 == len(word) or word[index + 1] not in "/_"):
            chunks.append(current)
            current = ""
    return [*chunks, current] if current else chunks


def _hex_groups(chunk: str) -> list[str]:
    match = _HEX.search(chunk)
    if match is None:
        return [chunk]
    start, end = match.span()
    run = chunk[start:end]
    groups = [run[i : i + HEX_GROUP] for i in range(0, len(run), HEX_GROUP)]
    groups[0] = chunk[:start] + groups[0]
    groups[-1] += chunk[end:]
    return groups


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` as lines no wider than `width` points, broken only between pieces (a piece
    wider than the line is broken by characters: the layout avoids that)."""
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        current, spaced = "", False
        for piece, space_after in pieces(paragraph):
            candidate = f"{current}{' ' if spaced else ''}{piece}" if current else piece
            if current and text_width(candidate, size, bold=bold) > width:
                lines.append(current)
                candidate = piece
            if text_width(candidate, size, bold=bold) > width:
                *whole, candidate = _by_characters(candidate, width, size, bold)
                lines += whole
            current, spaced = candidate, space_after
        lines.append(current)
    return lines


def _by_characters(text: str, width: float, size: float, bold: bool) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if current and text_width(current + ch, size, bold=bold) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current]


def cell(lines: list[str]) -> Markup:
    """Wrapped lines as the markup of one cell."""
    return Markup("<br/>").join(escape(line) for line in lines)


def _longest_piece(texts: Sequence[str], size: float, bold: bool = False) -> float:
    return max(
        (text_width(p, size, bold=bold) for t in texts for p, _s in pieces(printable(t))),
        default=0.0,
    )


def _line_widths(texts: Sequence[str], size: float) -> list[float]:
    """Each cell's width on one line (its longest line), smallest first."""
    return sorted(
        max((text_width(line, size) for line in printable(text).split("\n")), default=0.0)
        for text in texts
    )


@dataclass(frozen=True)
class Fit:
    """Column widths at one size, and the lines most rows then take."""

    size: float
    lines: int
    widths: list[float]


def fit(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str], width: float,
    size: float,
) -> Fit | None:  # fmt: skip
    """The widths at `size` that let most rows (nine in ten) take the fewest lines, every
    column at least its longest piece wide; None when even those cannot all fit."""
    least, usual, longest = [], [], []
    for index, title in enumerate(header):
        column = [row[index] for row in rows]
        low = max(_longest_piece([title], size, bold=True), _longest_piece(column, size))
        singles = _line_widths(column, size) or [0.0]
        least.append(low / SAFETY + CELL_PADDING)
        usual.append(singles[int(0.9 * (len(singles) - 1))] / SAFETY + CELL_PADDING)
        longest.append(singles[-1] / SAFETY + CELL_PADDING)
    if sum(least) > width:
        return None
    for lines in (1, 2, 3):
        need = [
            max(lo, full if kind in NARROW or lines == 1 else full / lines * 1.15)
            for lo, full, kind in zip(least, usual, kinds, strict=True)
        ]
        if sum(need) <= width:
            return Fit(size, lines, _spread(need, usual, longest, kinds, width))
    return Fit(size, 4, _spread(least, usual, longest, kinds, width))


def _spread(
    need: list[float], usual: list[float], longest: list[float], kinds: Sequence[str],
    width: float,
) -> list[float]:  # fmt: skip
    """What is left given to the text columns: first towards their usual cell on one line,
    then towards their longest one, each by how much it lacks."""
    widths = list(need)
    for target in (usual, longest):
        lack = [max(0.0, t - w) if k not in NARROW else 0.0
                for w, t, k in zip(widths, target, kinds, strict=True)]  # fmt: skip
        spare, total = width - sum(widths), sum(lack)
        if spare <= 0 or total <= 0:
            continue
        share = min(1.0, spare / total)
        widths = [w + extra * share for w, extra in zip(widths, lack, strict=True)]
    spare = width - sum(widths)
    if spare > 0:  # every cell fits on one line: the text columns share the rest
        grow = [w if k not in NARROW else 0.0 for w, k in zip(widths, kinds, strict=True)]
        total = sum(grow) or 1.0
        widths = [w + spare * g / total for w, g in zip(widths, grow, strict=True)]
    return widths


def _per_page(found: Fit, geometry: Geometry) -> int:
    """Usual rows a page at this fit (a one-line header)."""
    line = found.size * geometry.leading
    return int(
        (geometry.height - line - geometry.row_padding)
        // (found.lines * line + geometry.row_padding)
    )


def paginate(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str],
    geometry: Geometry, measured: Sequence[Sequence[str]] | None = None,
) -> PagedTable:  # fmt: skip
    """The table's widths, size and pages: rows packed greedily into each page's room.
    `measured`: the rows the widths are taken from (all of a table printed in runs, so every
    run has the same columns); by default `rows`."""
    fits = [fit(header, measured or rows, kinds, geometry.width, size) for size in geometry.sizes]
    found = [f for f in fits if f is not None]
    if found:  # the largest type that gives the rows wanted a page, else the most rows
        enough = [f for f in found if _per_page(f, geometry) >= geometry.rows_wanted]
        best = (
            max(enough, key=lambda f: f.size)
            if enough
            else max(found, key=lambda f: (_per_page(f, geometry), f.size))
        )
        size, widths = best.size, best.widths
    else:  # even the smallest size cannot hold every piece: equal shares
        size, widths = geometry.sizes[-1], [geometry.width / len(header)] * len(header)
    inner = [(w - CELL_PADDING) * SAFETY for w in widths]
    line = size * geometry.leading
    head = max(len(wrap(t, w, size, bold=True)) for t, w in zip(header, inner, strict=True))
    header_height = head * line + geometry.row_padding
    pages: list[list[list[Markup]]] = [[]]
    room = geometry.first - header_height - ROOM_SPARE
    for row in rows:
        wrapped = [wrap(text, w, size) for text, w in zip(row, inner, strict=True)]
        height = max(len(lines) for lines in wrapped) * line + geometry.row_padding
        if pages[-1] and height > room:
            pages.append([])
            room = geometry.height - header_height - ROOM_SPARE
        pages[-1].append([cell(lines) for lines in wrapped])
        room -= height
    percent = [round(100 * w / geometry.width, 2) for w in widths]
    return PagedTable(list(header), list(kinds), percent, size, pages)
