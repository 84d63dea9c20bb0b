"""The one Jinja2 environment: autoescaped, strict, templates from this package only."""

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

FONTS_DIR = Path(__file__).parent / "fonts"
FONTS = {
    "regular": str(FONTS_DIR / "DejaVuSans.ttf"),
    "bold": str(FONTS_DIR / "DejaVuSans-Bold.ttf"),
    "italic": str(FONTS_DIR / "DejaVuSans-Oblique.ttf"),
}


@cache
def environment() -> Environment:
    """Answers are text, never markup: autoescape everything; a typo in a template fails."""
    return Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def report_html(context: dict[str, Any]) -> str:
    """The report body (cover, completeness, chapters, distribution, signature) as HTML."""
    return environment().get_template("report.html").render(fonts=FONTS, **context)


def trail_html(context: dict[str, Any], rows: list[dict[str, Any]], *, first: bool) -> str:
    """A run of data-trail rows as HTML (the appendix heading on the first run only)."""
    return (
        environment()
        .get_template("trail.html")
        .render(fonts=FONTS, content=context["content"], rows=rows, first=first)
    )
