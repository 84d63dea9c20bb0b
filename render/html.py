"""The one Jinja2 environment: autoescaped, strict, templates from this package only."""

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

FONTS_DIR = Path(__file__).parent / "fonts"
BREAK_EVERY = 12
FONTS = {
    "regular": str(FONTS_DIR / "DejaVuSans.ttf"),
    "bold": str(FONTS_DIR / "DejaVuSans-Bold.ttf"),
    "italic": str(FONTS_DIR / "DejaVuSans-Oblique.ttf"),
}
# Our own paths, printed into the stylesheet as they are (never split by `breakable`).
_FONT_URLS = {name: Markup(path) for name, path in FONTS.items()}


LONG_WORD = re.compile(r"\S{" + str(BREAK_EVERY + 8) + ",}")


def breakable(value: Any) -> Any:
    """Text with a space every few characters inside very long words, so a pasted link or a
    run of characters wraps inside its cell instead of running off the page."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return LONG_WORD.sub(
        lambda m: " ".join(
            m.group(0)[i : i + BREAK_EVERY] for i in range(0, len(m.group(0)), BREAK_EVERY)
        ),
        value,
    )


@cache
def environment() -> Environment:
    """Answers are text, never markup: autoescape everything; a typo in a template fails."""
    return Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=breakable,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def report_html(context: dict[str, Any]) -> str:
    """The report body (cover, completeness, chapters, distribution, signature) as HTML."""
    return environment().get_template("report.html").render(fonts=_FONT_URLS, **context)


def trail_html(context: dict[str, Any], rows: list[dict[str, Any]], *, first: bool) -> str:
    """A run of data-trail rows as HTML (the appendix heading on the first run only)."""
    return (
        environment()
        .get_template("trail.html")
        .render(fonts=_FONT_URLS, content=context["content"], rows=rows, first=first)
    )
