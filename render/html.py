"""The one Jinja2 environment: autoescaped, strict, templates from this package only."""

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from render.layout import column_widths, fitted_columns
from render.typeface import FONTS, FONTS_DIR, dejavu
from render.values import printable
from render.verification import shown, site

__all__ = ["FONTS", "FONTS_DIR", "environment", "list_html", "report_html", "trail_html"]

# Our own paths, printed into the stylesheet as they are.
_FONT_URLS = {name: Markup(path) for name, path in FONTS.items()}


def _finalize(value: Any) -> Any:
    """Every printed value as text a reader can see: invisible or unprintable characters are
    written as [U+XXXX]; markup of our own templates passes unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return printable(value)


def _needs_fallback(data: Any) -> bool:
    """Whether any text in `data` has a character DejaVu Sans lacks (an emoji in a name):
    only then is the fallback family named, since matching fonts per character costs time."""
    if isinstance(data, str):
        return not data.isascii() and any(ord(ch) not in dejavu() for ch in data)
    if isinstance(data, dict):
        return any(_needs_fallback(value) for value in data.values())
    if isinstance(data, (list, tuple)):
        return any(_needs_fallback(value) for value in data)
    return False


def _table_widths(table: dict[str, Any]) -> tuple[list[float], float]:
    """Column shares of an entries table (No., the source when shown, then its columns) and
    the font size it prints in."""
    header = ["No.", *(["Sumber"] if table["sources"] else []), *table["columns"]]
    kinds = ["integer", *(["text"] if table["sources"] else []), *table["kinds"]]
    rows = [
        [str(row["no"]), *([row["source"]] if table["sources"] else []), *row["cells"]]
        for row in table["rows"]
    ]
    return fitted_columns(header, rows, kinds)


@cache
def environment() -> Environment:
    """Answers are text, never markup: autoescape everything; a typo in a template fails."""
    env = Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["table_widths"] = _table_widths
    env.globals["column_widths"] = column_widths
    env.globals["fitted_columns"] = fitted_columns
    env.filters["code_shown"] = shown
    env.filters["site"] = site
    return env


def report_html(context: dict[str, Any]) -> str:
    """The report body (cover, completeness, chapters, distribution, signature) as HTML:
    report A's or report B's."""
    template = "report_b.html" if context["content"]["report"] == "B" else "report.html"
    content = {k: v for k, v in context["content"].items() if k != "trail"}
    fallback = _needs_fallback(content)
    return (
        environment().get_template(template).render(fonts=_FONT_URLS, fallback=fallback, **context)
    )


def _appendix(template: str, context: dict[str, Any], rows: list[Any], *, first: bool) -> str:
    return (
        environment()
        .get_template(template)
        .render(
            fonts=_FONT_URLS,
            content=context["content"],
            rows=rows,
            first=first,
            fallback=_needs_fallback(rows),
        )
    )


def trail_html(context: dict[str, Any], rows: list[dict[str, Any]], *, first: bool) -> str:
    """A run of data-trail rows as HTML (the appendix heading on the first run only)."""
    return _appendix("trail.html", context, rows, first=first)


def list_html(context: dict[str, Any], rows: list[dict[str, Any]], *, first: bool) -> str:
    """A run of report B's certificate list (the appendix heading on the first run only)."""
    return _appendix("certificate_list.html", context, rows, first=first)
