"""Text drawn as glyph outlines (filled paths): visible on the page, absent from the text
layer, so a watermark never mixes its letters into the text a reader extracts."""

from functools import cache
from typing import Any

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from reportlab.pdfgen.canvas import Canvas


@cache
def _font(path: str) -> Any:
    return TTFont(path, lazy=True)


class _CanvasPen(BasePen):
    """A fontTools pen that traces into a reportlab path."""

    def __init__(self, glyphs: Any, path: Any, scale: float, dx: float, dy: float) -> None:
        super().__init__(glyphs)
        self.path, self.scale, self.dx, self.dy = path, scale, dx, dy

    def _xy(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.dx + point[0] * self.scale, self.dy + point[1] * self.scale

    def _moveTo(self, point: tuple[float, float]) -> None:
        self.path.moveTo(*self._xy(point))

    def _lineTo(self, point: tuple[float, float]) -> None:
        self.path.lineTo(*self._xy(point))

    def _curveToOne(self, p1: Any, p2: Any, p3: Any) -> None:
        self.path.curveTo(*self._xy(p1), *self._xy(p2), *self._xy(p3))

    def _closePath(self) -> None:
        self.path.close()


def outline_width(text: str, font_path: str, size: float) -> float:
    """The advance width of `text` in points."""
    font = _font(font_path)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    return sum(metrics[cmap.get(ord(ch), ".notdef")][0] for ch in text) * scale


def draw_outlined(sheet: Canvas, text: str, font_path: str, *, size: float, y: float) -> None:
    """Fill `text` centred on x=0 at baseline `y`, as outlines in the current fill colour."""
    font = _font(font_path)
    cmap, glyphs, metrics = font.getBestCmap(), font.getGlyphSet(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    x = -outline_width(text, font_path, size) / 2
    path = sheet.beginPath()
    for ch in text:
        name = cmap.get(ord(ch), ".notdef")
        glyphs[name].draw(_CanvasPen(glyphs, path, scale, x, y))
        x += metrics[name][0] * scale
    sheet.drawPath(path, stroke=0, fill=1)
