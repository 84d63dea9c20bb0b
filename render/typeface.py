"""The fonts reports print with, registered once per process, and text widths in points."""

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont as FontFile
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).parent / "fonts"
FONTS = {
    "regular": str(FONTS_DIR / "DejaVuSans.ttf"),
    "bold": str(FONTS_DIR / "DejaVuSans-Bold.ttf"),
    "italic": str(FONTS_DIR / "DejaVuSans-Oblique.ttf"),
    "emoji": str(FONTS_DIR / "NotoEmoji-Regular.ttf"),
}
BASE_FONT = "LspBotSans"
BOLD_FONT = "LspBotSansBold"
EMOJI_FONT = "LspBotEmoji"


def register() -> None:
    """Make our fonts known to reportlab under fixed names (idempotent)."""
    known = pdfmetrics.getRegisteredFontNames()
    for name, key in ((BASE_FONT, "regular"), (BOLD_FONT, "bold"), (EMOJI_FONT, "emoji")):
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, FONTS[key]))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """How wide `text` prints, in points (a character DejaVu Sans lacks, such as an emoji, as
    wide as the fallback font draws it)."""
    register()
    font = BOLD_FONT if bold else BASE_FONT
    if text.isascii():
        return float(pdfmetrics.stringWidth(text, font, size))
    known = dejavu()
    plain = "".join(ch for ch in text if ord(ch) in known)
    other = "".join(ch for ch in text if ord(ch) not in known)
    width = pdfmetrics.stringWidth(plain, font, size)
    return float(width + (pdfmetrics.stringWidth(other, EMOJI_FONT, size) if other else 0.0))


@cache
def covered() -> frozenset[int]:
    """Every code point one of our fonts has a glyph for."""
    points: set[int] = set()
    for key in ("regular", "emoji"):
        with FontFile(FONTS[key], lazy=True) as font:
            points |= set(font.getBestCmap())
    return frozenset(points)


@cache
def dejavu() -> frozenset[int]:
    """Every code point DejaVu Sans has a glyph for."""
    with FontFile(FONTS["regular"], lazy=True) as font:
        return frozenset(font.getBestCmap())
