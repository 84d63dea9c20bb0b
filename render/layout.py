"""Table columns sized by what they hold: numbers and dates narrow, names and places wide.

Widths are worked out from the text itself (DejaVu Sans metrics), the way a browser's automatic
table layout does it: every column gets at least its longest word (within reason: a longer one
wraps inside its cell), and what is left is shared by how much more each column would like.
"""

from collections.abc import Sequence

from render.typeface import text_width

FRAME_WIDTH = 476.0  # A4 less the page margins, in points
CELL_PADDING = 8.0  # left and right padding plus borders
FONT_SIZE = 9.5
MAX_WORD_SHARE = 0.32  # a column never claims more than this for one long word
SAMPLE_ROWS = 200  # enough rows to judge a column by
NARROW = {"integer", "date", "number"}
NARROW_SLACK = 4.0  # a little room, so a date is not broken by rounding


SMALLER_SIZES = (8.5, 7.5)


def fitted_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str]
) -> tuple[list[float], float]:
    """Column shares and the font size a table needs: its usual size while every column's
    longest word fits, else a smaller one (a table of many columns), so words stay whole."""
    for size in (FONT_SIZE, *SMALLER_SIZES):
        least, wanted = _measure(header, rows, kinds, size, FRAME_WIDTH)
        if sum(least) <= FRAME_WIDTH:
            break
    return _shares(least, wanted, kinds, FRAME_WIDTH), size


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    kinds: Sequence[str],
    *,
    size: float = FONT_SIZE,
    frame: float = FRAME_WIDTH,
) -> list[float]:
    """Each column's share of the table width, in percent (adding up to 100)."""
    least, wanted = _measure(header, rows, kinds, size, frame)
    return _shares(least, wanted, kinds, frame)


def _measure(
    header: Sequence[str], rows: Sequence[Sequence[str]], kinds: Sequence[str], size: float,
    frame: float,
) -> tuple[list[float], list[float]]:  # fmt: skip
    """Per column, the least width (its longest word) and the width it would like."""
    sample = rows[:SAMPLE_ROWS]
    least: list[float] = []
    wanted: list[float] = []
    for index, title in enumerate(header):
        cells = [str(row[index]) for row in sample if index < len(row)]
        words = [w for text in cells for w in text.split()]
        head = max((text_width(w, size, bold=True) for w in title.split()), default=0.0)
        longest = max((text_width(w, size) for w in words), default=0.0)
        low = max(head, min(longest, frame * MAX_WORD_SHARE)) + CELL_PADDING
        full = max((text_width(text, size) for text in cells), default=0.0) + CELL_PADDING
        if kinds[index] in NARROW:  # kept on one line where it fits: never squeezed
            full = low = max(low, min(full + NARROW_SLACK, frame * MAX_WORD_SHARE))
        least.append(low)
        wanted.append(max(low, min(full, frame)))
    return least, wanted


def _shares(
    least: list[float], wanted: list[float], kinds: Sequence[str], frame: float
) -> list[float]:
    if sum(least) >= frame:
        # Too little room for every column's longest word: numbers and dates keep theirs
        # (a number broken in two misleads), the text columns share what is left.
        narrow = sum(lo for lo, kind in zip(least, kinds, strict=True) if kind in NARROW)
        if narrow > frame / 2:
            return [round(100 * lo / sum(least), 2) for lo in least]
        text = sum(least) - narrow
        widths = [lo if kind in NARROW else lo * (frame - narrow) / text
                  for lo, kind in zip(least, kinds, strict=True)]  # fmt: skip
    elif sum(wanted) <= frame:
        grow = [w if kind not in NARROW else 0.0 for w, kind in zip(wanted, kinds, strict=True)]
        spare = frame - sum(wanted)
        total = sum(grow) or 1.0
        widths = [w + spare * g / total for w, g in zip(wanted, grow, strict=True)]
    else:
        spare = frame - sum(least)
        extra = [w - lo for w, lo in zip(wanted, least, strict=True)]
        total = sum(extra) or 1.0
        widths = [lo + spare * e / total for lo, e in zip(least, extra, strict=True)]
    return [round(100 * w / frame, 2) for w in widths]
