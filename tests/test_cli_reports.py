"""The report flow as a new user runs it from the console and the server's command line."""

import hashlib
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import semester_over
from tests.reporting import one_line, page_count, pdf_pages, pdf_text
from tests.test_cli import console, lsp_bot, run
from tests.test_cli import workdir as workdir
from tests.test_transcripts import CASES


def status(*args: str) -> tuple[int, str]:
    done = subprocess.run([*lsp_bot(), *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout


def saved(output: str) -> Path:
    """The path the console or CLI printed on its own line for the last document."""
    paths = [line for line in output.splitlines() if line.startswith("/")]
    assert paths, output
    return Path(paths[-1])


def test_draft_final_versions_and_verify_from_the_console(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every process lives on 2 January 2027: semester II 2026 is over, its data still open.
    for name, value in semester_over({}).items():
        monkeypatch.setenv(name, value)
    year, semester = 2026, "II"
    period = f"{year}-{semester}"
    admin_code = run("init").splitlines()[-1]
    run(
        "profile",
        "--name",
        "LSP P1 SMKN 3 Kota Bima",
        "--licence",
        "BNSP-LSP-1234-ID",
        "--city",
        "Kota Bima",
        "--prefix",
        "LSP-SMKN3",
        "--distribution",
        "BNSP; Dewan Pengarah",
        "--chair-name",
        "Drs. H. Ahmad Yani, M.Pd.",
        "--manager-name",
        "Siti Rahmah, S.Pd.",
    )
    console("admin", f"/start {admin_code}")
    siti = run("invite", "--role", "koordinator_tuk", "--name", "Siti Aminah").splitlines()[-1]
    console("siti", f"/start {siti}", *CASES["2.5"][2])
    console("admin", *CASES["2.4"][2])

    out = console("admin", f"/draft {period}")
    draft = saved(out)
    assert draft.parent == workdir / "data" / "laporan" and draft.suffix == ".pdf"
    pages = pdf_pages(draft.read_bytes())
    assert all("DRAF ·" in page for page in pages)
    assert one_line(pages[1]).startswith("Kelengkapan Data")
    assert "LSP P1 SMKN 3 Kota Bima" in pages[0] and "BNSP-LSP-1234-ID" in pages[0]

    refused = console("admin", f"/final {period}")
    assert "belum dapat dibuat" in refused and "- 2.7 Lembaga Penyedia Uji Profisiensi" in refused
    code, out = status("report", "final", "--period", period)
    assert code == 1 and "belum dapat dibuat" in out

    for section in ("2.2", "2.3", "2.6"):
        console("admin", f"/nihil {section}", "ya")
    console("admin", *CASES["2.7"][2])
    final = saved(console("admin", f"/final {period}"))
    first = final.read_bytes()
    assert final.name == f"Laporan-Kegiatan-LSP_{period}_v1.pdf"
    text = one_line(pdf_text(first))
    assert f"LSP-SMKN3/LAP-KEG/{semester}/{year}" in text and "Versi 1" in text
    assert "Kota Bima," in text and "Dewan Pengarah" in text
    assert "Halaman 1 dari " + str(page_count(first)) in text

    console("siti", "/menu", "1", "2", "1", "TUK Otomotif Terpadu")
    second = saved(console("admin", f"/final {period}"))
    assert second.name == f"Laporan-Kegiatan-LSP_{period}_v2.pdf"
    assert "TUK Otomotif Terpadu" in one_line(pdf_text(second.read_bytes()))

    code, listing = status("report", "list", "--period", period)
    assert code == 0 and "- Versi 1:" in listing and "- Versi 2:" in listing
    code, out = status("report", "get", "1", "--period", period, "--out", "v1.pdf")
    assert code == 0 and (workdir / "v1.pdf").read_bytes() == first
    assert final.read_bytes() == first

    code, out = status("report", "verify", str(final))
    assert code == 0 and "COCOK" in out and "versi 1" in out
    assert "Tanda tangan elektronik: tidak ada." in out  # no signing key is configured here
    assert hashlib.sha256(first).hexdigest() in out
    (workdir / "altered.pdf").write_bytes(first + b"\n% diubah\n")
    code, out = status("report", "verify", "altered.pdf")
    assert code == 1 and "TIDAK COCOK" in out and "versi 1" in out

    code, out = status("export", "--period", period, "--out", "data.xlsx")
    assert code == 0
    book = load_workbook(workdir / "data.xlsx")
    assert "2.5 Pengembangan TUK" in book.sheetnames
