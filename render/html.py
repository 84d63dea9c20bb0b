"""The one Jinja2 environment: autoescaped, strict, templates from this package only."""

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from render.layout import column_widths, fitted_columns
from render.paging import Geometry, PagedTable, cell, paginate, wrap
from render.thumbnails import thumbnail
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


def _cells(rows: list[dict[str, Any]], *keys: str) -> list[list[Any]]:
    """Rows of a table as lists of cells (`keys`, in order)."""
    return [[row[key] for key in keys] for row in rows]


def _breakable(text: str, width: float, size: float) -> Markup:
    """A file name or code wrapped to `width` points at sensible places (render/paging)."""
    return cell(wrap(text, width, size))


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
    env.globals["cells"] = _cells
    env.globals["column_widths"] = column_widths
    env.globals["fitted_columns"] = fitted_columns
    env.filters["breakable"] = _breakable
    env.filters["code_shown"] = shown
    env.filters["site"] = site
    return env


def report_html(context: Mapping[str, Any]) -> str:
    """The report body (cover, completeness, chapters, distribution, signature) as HTML:
    report A's or report B's."""
    template = "report_b.html" if context["content"]["report"] == "B" else "report.html"
    content = {k: v for k, v in context["content"].items() if k != "trail"}
    fallback = _needs_fallback(content)
    return (
        environment().get_template(template).render(fonts=_FONT_URLS, fallback=fallback, **context)
    )


LIST_HEADER = ["No.", "Nomor sertifikat", "Pemegang", "Skema", "Jenis", "Jalur", "TUK",
               "Asesor", "Terbit", "Berlaku s.d.", "Status", "Asal"]  # fmt: skip
LIST_KINDS = ["integer", "text", "text", "text", "text", "text", "text", "text", "date", "date",
              "text", "text"]  # fmt: skip
LIST_STATUS = 10
# A4 landscape less margins of 1.2 cm at the sides, 1.5 cm at the top and 2.2 cm at the foot
# (for the footer and the QR code).
LIST_PAGE = Geometry(width=773.8, height=490.4, first=430.0, sizes=(7.5, 7.0, 6.5), rows_wanted=25)


TRAIL_HEADER = ["Rujukan", "Butir", "Isi", "Oleh (peran)", "Kanal, waktu, revisi"]
TRAIL_KINDS = ["text"] * 5
# A4 portrait less the report's margins; the first page of the appendix has its heading.
TRAIL_PAGE = Geometry(width=476.0, height=722.8, first=640.0, sizes=(7.5, 7.0, 6.5))


def _list_cells(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [str(r["no"]), r["number"], r["holder"], r["scheme"], r["kind"], r["route"], r["tuk"],
         r["assessor"], r["issued_on"], r["valid_until"], r["status"], r["source"]]
        for r in rows
    ]  # fmt: skip


def _trail_cells(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [f"{r['no']}. {r['ref']}", r["item"], r["value"], f"{r['by']} ({r['role']})",
         f"{r['channel']}, {r['at']}, rev. {r['revision']}"]
        for r in rows
    ]  # fmt: skip


def paged_tables(context: Mapping[str, Any]) -> dict[str, PagedTable]:
    """Report B's certificate list and the data trail, each measured over all its rows and
    laid out page by page (once: they are then printed in runs of pages)."""
    content = context["content"]
    trail = _trail_cells(content.get("trail", []))
    tables = {"trail": paginate(TRAIL_HEADER, trail, TRAIL_KINDS, TRAIL_PAGE)}
    listed = (content.get("register") or {}).get("rows") or []
    if listed:
        tables["list"] = paginate(LIST_HEADER, _list_cells(listed), LIST_KINDS, LIST_PAGE)
    return tables


def _appendix(
    template: str, context: Mapping[str, Any], table: PagedTable, first: bool, **extra: Any
) -> str:
    return (
        environment()
        .get_template(template)
        .render(fonts=_FONT_URLS, content=context["content"], table=table, first=first,
                fallback=_needs_fallback([list(page) for page in table.pages]), **extra)
    )  # fmt: skip


def list_html(context: Mapping[str, Any], table: PagedTable, *, first: bool) -> str:
    """A run of pages of report B's certificate list, landscape (the appendix heading on the
    first run only)."""
    return _appendix("certificate_list.html", context, table, first, landscape=True,
                     status_column=LIST_STATUS)  # fmt: skip


def trail_html(context: Mapping[str, Any], table: PagedTable, *, first: bool) -> str:
    """A run of pages of the data trail (the appendix heading on the first run only)."""
    empty = not any(table.pages)
    return _appendix("trail.html", context, table, first, empty=empty)


def carried_html(context: Mapping[str, Any]) -> str:
    """The end of a final's data trail: the files it carries inside it, each with its SHA-256
    (`context["carried"]`, render/archival.py's `carried`)."""
    carried = context["carried"]
    return environment().get_template("carried.html").render(
        fonts=_FONT_URLS, content=context["content"], carried=carried,
        fallback=_needs_fallback(carried),
    )  # fmt: skip


def evidence_html(context: Mapping[str, Any]) -> str:
    """The appendix of evidence files, with a small picture of each (`context["files"]`: the
    files' bytes by SHA-256, read for this rendering only)."""
    files = context.get("files") or {}
    pictures = {
        item["sha256"]: thumbnail(files[item["sha256"]], item["kind"])
        if item["sha256"] in files else None
        for item in context["content"]["evidence"]
    }  # fmt: skip
    final = context["document"]["kind"] == "final"
    return environment().get_template("evidence.html").render(
        fonts=_FONT_URLS, content=context["content"], pictures=pictures, final=final,
        fallback=_needs_fallback(context["content"]["evidence"]),
    )  # fmt: skip
