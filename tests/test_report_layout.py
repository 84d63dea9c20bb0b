"""Pages that read as one document, measured with pdfplumber on every report kind: no page
ends with a heading, the distribution list and the signatures share a page, no digit run of a
certificate number is split across lines, and the certificate list holds at least 25 ordinary
rows a page with its header only at the top of a page."""

import io
import re
from collections.abc import Iterator
from datetime import date

import pdfplumber
import pytest

from render.html import list_html, paged_tables
from render.pdf import Stamp, html_to_pdf, join_and_stamp
from render.renderer import Renderer
from tests.helpers import Chat, Clock
from tests.register_files import holder, november, september
from tests.semester import AFTER, semester_db

FOOTER_ZONE = 62.0  # the bottom margin: footer and QR code


def lines(page: pdfplumber.page.Page) -> list[list[dict]]:
    """The page's text lines above the footer, top to bottom, each its characters."""
    rows: dict[int, list[dict]] = {}
    for ch in page.chars:
        if ch["top"] < page.height - FOOTER_ZONE and ch["text"].strip():
            rows.setdefault(round(ch["top"]), []).append(ch)
    merged: list[list[dict]] = []
    for top in sorted(rows):
        if merged and top - round(merged[-1][0]["top"]) <= 2:
            merged[-1] += rows[top]
        else:
            merged.append(rows[top])
    return merged


def is_heading(line: list[dict]) -> bool:
    """Headings are bold and at least 10 pt (body and table text is 9.5 pt or less)."""
    return all("Bold" in ch["fontname"] and ch["size"] >= 9.9 for ch in line)


def text_of(line: list[dict]) -> str:
    return "".join(ch["text"] for ch in sorted(line, key=lambda c: c["x0"]))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, renderer: Renderer) -> Iterator[dict]:
    db = semester_db(tmp_path_factory.mktemp("layout"))
    chat = Chat(db, Clock(AFTER), renderer)
    made = {}
    for command in ("/draft", "/draft sertifikat", "/final", "/final sertifikat",
                    "/final penerbitan 3", "/draft penerbitan 2"):  # fmt: skip
        chat.say("admin", command)
        made[command] = chat.documents[-1].data
    yield made
    db.dispose()


KINDS = ["/draft", "/draft sertifikat", "/final", "/final sertifikat", "/final penerbitan 3",
         "/draft penerbitan 2"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_no_page_ends_with_a_heading_and_the_signatures_keep_their_list(
    reports: dict, kind: str
) -> None:
    with pdfplumber.open(io.BytesIO(reports[kind])) as pdf:
        signed = []
        for page in pdf.pages:
            found = lines(page)
            if found:
                last = found[-1]
                assert not is_heading(last), (kind, page.page_number, text_of(last))
            text = page.extract_text() or ""
            if "Distribusi dan Pengesahan" in text:
                signed.append(page.page_number)
                assert "Mengetahui," in text and "Disusun oleh," in text, kind
                assert "Dewan Pengarah" in text and "Drs. H. Ahmad Yani, M.Pd." in text, kind
        assert len(signed) == 1, kind


@pytest.mark.parametrize(
    ("kind", "listed"),
    [("/final sertifikat", september() + november()), ("/final penerbitan 3", november())],
)
def test_no_digit_run_of_a_certificate_number_is_split(
    reports: dict, kind: str, listed: list[list[object]]
) -> None:
    with pdfplumber.open(io.BytesIO(reports[kind])) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    for row in listed:  # every run of every number printed whole, on one line
        for run in str(row[0]).split():
            assert run in words, (row[0], run)


def ordinary(count: int) -> list[dict]:
    """Rows of the certificate list as report B prints them: ordinary names and places."""
    schemes = ["Teknik Kendaraan Ringan Otomotif", "Tata Boga", "Teknik Komputer dan Jaringan"]
    tuks = ["TUK Bengkel Otomotif SMKN 3 Kota Bima", "TUK Dapur Tata Boga",
            "TUK Tempat Kerja PT Soekarno-Hatta Motor"]  # fmt: skip
    issued = date(2026, 9, 14).strftime("%d-%m-%Y")
    return [
        {"no": n, "number": f"45201 2452 4 {n:07d} 2026", "holder": holder(n),
         "scheme": schemes[n % 3], "kind": "Kualifikasi (KKNI)", "route": "Reguler",
         "tuk": tuks[n % 3], "assessor": "Yusuf Hidayat", "issued_on": issued,
         "valid_until": "14-09-2029", "status": "aktif", "revoked": False,
         "source": f"P2 baris {n + 1}"}
        for n in range(1, count + 1)
    ]  # fmt: skip


def list_context(count: int) -> dict:
    """A report B context holding only the list of `count` ordinary certificates."""
    register = {"rows": ordinary(count), "as_of": "10 Januari 2027", "count": count}
    context = {"content": {"report": "B", "register": register, "title": "Laporan",
                           "period": {"label": "Semester II Tahun 2026"},
                           "lsp": {"name": "LSP-P1"}}}  # fmt: skip
    return {**context, "tables": paged_tables(context)}


def list_run(context: dict, start: int, stop: int) -> bytes:
    """Pages start..stop of the list, as a rendering process prints them."""
    table = context["tables"]["list"].run(start, stop)
    return html_to_pdf(list_html(context, table, first=start == 0))


def test_a_thousand_ordinary_certificates_take_at_least_25_rows_a_page(
    renderer: Renderer,
) -> None:
    context = list_context(1000)
    pages = len(context["tables"]["list"].pages)
    half = pages // 2  # the two halves printed at once, as the renderer prints runs
    runs = [renderer._executor().submit(list_run, context, a, b) for a, b in
            ((0, half), (half, pages))]  # fmt: skip
    pdf = join_and_stamp([run.result() for run in runs], Stamp("Halaman {page} dari {pages}"))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        counts = []
        for page in doc.pages:
            assert page.width > page.height  # landscape
            found = lines(page)
            heads = [i for i, line in enumerate(found) if text_of(line).startswith("No.Nomor")]
            assert heads and heads[0] <= 3, page.page_number  # the header, at the top only
            assert len(heads) == 1 or heads[1] == heads[0] + 1, page.page_number
            numbers = [w for w in page.extract_words() if re.fullmatch(r"\d{7}", w["text"])]
            counts.append(len(numbers))
    assert sum(counts) == 1000
    assert min(counts[1:-1]) >= 25, counts
