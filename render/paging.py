"""Long tables laid out page by page before they are printed, so that a page holds as many
rows as fit, the header stands only at the top of a page, and no word, number or code is
broken: cells wrap only at spaces, after "/", "-" and "_", and a long hexadecimal code every
16 characters; when a column cannot hold its longest piece, the table takes a smaller size.

Every cell is wrapped here (lines joined by <br/>), so each row's height is known and the
printer never has to break a line itself.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

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

    def run(self, start: int, stop: int) -> "PagedTable":
        """Pages start..stop of the table (printed apart, in the same columns)."""
        return replace(self, pages=self.pages[start:stop])


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


@dataclass(frozen=True)
class Metrics:
    """What a table's columns hold, measured once at 1 pt (widths scale with the size): each
    column's longest piece (its header's in bold included), and every cell's width on one
    line, smallest first."""

    least: list[float]
    singles: list[list[float]]

    @classmethod
    def of(cls, header: Sequence[str], rows: Sequence[Sequence[str]]) -> "Metrics":
        """Measure the header and the rows."""
        least, singles = [], []
        for index, title in enumerate(header):
            longest = max((text_width(p, 1.0, bold=True) for p, _s in pieces(title)),
                          default=0.0)  # fmt: skip
            widths = []
            for row in rows:
                text = printable(row[index])
                for line in text.split("\n"):
                    widths.append(text_width(line, 1.0))
                longest = max(longest, *(text_width(p, 1.0) for p, _s in pieces(text)), 0.0)
            least.append(longest)
            singles.append(sorted(widths) or [0.0])
        return cls(least, singles)


@dataclass(frozen=True)
class Fit:
    """Column widths (points) at one size, and the lines most rows then take."""

    size: float
    lines: int
    widths: list[float]


def fit(metrics: Metrics, kinds: Sequence[str], width: float, size: float) -> Fit | None:
    """The widths at `size` that let most rows (nine in ten) take the fewest lines, every
    column at least its longest piece wide; None when even those cannot all fit."""
    least, usual, longest = [], [], []
    for low, singles in zip(metrics.least, metrics.singles, strict=True):
        least.append(low * size / SAFETY + CELL_PADDING)
        usual.append(singles[int(0.9 * (len(singles) - 1))] * size / SAFETY + CELL_PADDING)
        longest.append(singles[-1] * size / SAFETY + CELL_PADDING)
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


def measure(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str],
    geometry: Geometry,
) -> Fit:  # fmt: skip
    """The size and column widths of a table: the largest type that gives the rows wanted a
    page (else the most rows a page), no piece of a cell broken."""
    metrics = Metrics.of(header, rows)
    found = [f for size in geometry.sizes if (f := fit(metrics, kinds, geometry.width, size))]
    if not found:  # even the smallest size cannot hold every piece: equal shares
        size = geometry.sizes[-1]
        return Fit(size, 4, [geometry.width / len(header)] * len(header))
    enough = [f for f in found if _per_page(f, geometry) >= geometry.rows_wanted]
    if enough:
        return max(enough, key=lambda f: f.size)
    return max(found, key=lambda f: (_per_page(f, geometry), f.size))


def paginate(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str],
    geometry: Geometry, layout: Fit | None = None,
) -> PagedTable:  # fmt: skip
    """The table's pages: rows packed greedily into each page's room, in the `layout` the
    whole table was measured for (printed in runs, every run has the same columns), by
    default measured on these rows."""
    layout = layout or measure(header, rows, kinds, geometry)
    size, widths = layout.size, layout.widths
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
