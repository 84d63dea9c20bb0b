"""Finals anyone can verify: a QR code and a code on every page that lead to the public page,
the public page and its upload form over real HTTP (COCOK for the genuine file, TIDAK COCOK for
an altered or forged one, 404 for an unknown code, no names, a budget per client, security
headers), and the signature read back by the chat check and `lsp-bot report verify`."""

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from bot.reports import texts as reports_texts
from bot.server.verify_web import MAX_UPLOAD_BYTES, RateLimit
from render.verification import normalized, page_url, shown
from tests.helpers import Chat
from tests.test_signing import PASSPHRASE
from tests.verifying import (
    ANSWERS,
    LSP_NAME,
    PEOPLE,
    PUBLIC_URL,
    Published,
    forged,
    one_byte_changed,
    publish,
    resaved,
    serving,
)


@pytest.fixture
def published(chat: Chat, tmp_path: Path) -> Published:
    return publish(chat, tmp_path)


def test_codes_are_typed_forgivingly() -> None:
    assert normalized("k7qm4-xpa92") == "K7QM4XPA92"
    assert normalized(" K7QM4 XPA92 ") == "K7QM4XPA92"
    assert normalized("O1IL0-00000") == "01110" + "00000"  # O is 0, I and L are 1
    assert normalized("K7QM4-XPA9") is None and normalized("K7QM4-XPA9U") is None
    assert shown("K7QM4XPA92") == "K7QM4-XPA92"


@pytest.mark.sqlite_only  # what is printed does not depend on the database
def test_every_page_has_a_qr_code_leading_to_its_page(published: Published, tmp_path: Path) -> None:
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg (Debian package zbar-tools) or pdftoppm (poppler-utils) missing")
    for pdf, code in zip((published.first, published.second), published.codes, strict=True):
        assert code and normalized(code) == code
        expected = page_url(PUBLIC_URL, code)
        assert expected == f"{PUBLIC_URL}/verifikasi/{shown(code)}"
        source = tmp_path / f"{code}.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", str(source), str(tmp_path / code)],
                       check=True)  # fmt: skip
        pages = sorted(tmp_path.glob(f"{code}-*.png"))
        assert len(pages) >= 5
        for page in pages:
            found = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True,
                                   text=True)  # fmt: skip
            assert found.stdout.strip() == expected, page.name
        text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        line = f"lsp.smkn3bima.sch.id/verifikasi dengan kode {shown(code)}"
        assert text.count(line) == len(pages)
        assert f"lsp.smkn3bima.sch.id/verifikasi, kode {shown(code)}" in text  # on the cover


def _get(base: str, path: str) -> httpx.Response:
    return httpx.get(base + path, follow_redirects=False, timeout=30)


def _upload(base: str, data: bytes, name: str = "laporan.pdf") -> httpx.Response:
    files = {"berkas": (name, data, "application/pdf")}
    return httpx.post(base + "/verifikasi", files=files, timeout=60)


def _no_names(html: str) -> None:
    for name in (*PEOPLE, *ANSWERS):
        assert name not in html, name


def _headers(response: httpx.Response) -> None:
    headers = response.headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]  # none: default-src 'none'
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["strict-transport-security"].startswith("max-age=")
    assert "<script" not in response.text


def test_the_code_page_says_what_the_final_is_and_nothing_more(published: Published) -> None:
    first, second = published.codes
    with serving(published) as base:
        old = _get(base, f"/verifikasi/{shown(first)}")
        assert old.status_code == 200 and old.headers["content-type"].startswith("text/html")
        _headers(old)
        html = old.text
        for shown_text in (LSP_NAME, "LSP-SMKN3/LAP-KEG/II/2026", "Semester II Tahun 2026",
                           published.shas[0], shown(first)):  # fmt: skip
            assert shown_text in html, shown_text
        assert "Sudah diganti oleh versi 2" in html
        assert f'href="/verifikasi/{shown(second)}"' in html
        _no_names(html)

        new = _get(base, f"/verifikasi/{shown(second)}")
        assert new.status_code == 200 and "Versi terbaru." in new.text
        assert published.shas[1] in new.text and "Sudah diganti" not in new.text
        _no_names(new.text)

        typed = _get(base, f"/verifikasi/{second.lower()}")  # as typed: to the printed form
        assert typed.status_code == 301
        assert typed.headers["location"] == f"/verifikasi/{shown(second)}"
        asked = _get(base, f"/verifikasi?kode={second[:5].lower()}+{second[5:]}")
        assert asked.status_code == 303
        assert asked.headers["location"] == f"/verifikasi/{shown(second)}"

        unknown = _get(base, "/verifikasi/AAAAA-AAAAA")
        assert unknown.status_code == 404 and "Kode tidak dikenal" in unknown.text
        _headers(unknown)
        garbage = _get(base, "/verifikasi/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        assert garbage.status_code == 404 and "<script>" not in garbage.text
        bad = _get(base, "/verifikasi?kode=123")
        assert bad.status_code == 400 and "sepuluh huruf dan angka" in bad.text

        form = _get(base, "/verifikasi")
        assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
        _headers(form)


def test_the_upload_form_tells_genuine_from_altered_and_forged(published: Published) -> None:
    second = published.codes[1]
    with serving(published) as base:
        genuine = _upload(base, published.second)
        assert genuine.status_code == 200
        assert "COCOK: berkas ini sama persis" in genuine.text
        assert published.shas[1] in genuine.text and "Versi terbaru." in genuine.text
        assert "Tanda tangan elektronik: sah, oleh Manajer Administrasi" in genuine.text
        assert "sertifikat penanda tangan LSP ini" in genuine.text
        _no_names(genuine.text.replace("Manajer Administrasi", ""))
        _headers(genuine)

        replaced = _upload(base, published.first)
        assert "COCOK: berkas ini sama persis" in replaced.text
        assert "Sudah diganti oleh versi 2" in replaced.text

        altered = _upload(base, one_byte_changed(published.second))
        assert "TIDAK COCOK" in altered.text and "COCOK: berkas ini sama" not in altered.text
        assert "menyebut dirinya LSP-SMKN3/LAP-KEG/II/2026 versi 2" in altered.text
        assert "berbeda dari versi 2 yang tersimpan" in altered.text
        assert "Tanda tangan elektronik: RUSAK" in altered.text
        assert published.shas[1] in altered.text  # the genuine one, to compare with
        edited = _upload(base, resaved(published.second))
        assert "TIDAK COCOK" in edited.text and "Tanda tangan elektronik: RUSAK" in edited.text
        assert "berbeda dari versi 2 yang tersimpan" in edited.text

        fake = _upload(base, forged("LSP-SMKN3/LAP-KEG/II/2026", 2, second))
        assert "TIDAK COCOK" in fake.text
        assert "menyebut dirinya LSP-SMKN3/LAP-KEG/II/2026 versi 2" in fake.text
        assert reports_texts.SIGNATURE_NONE in fake.text
        invented = _upload(base, forged("LSP-SMKN3/LAP-KEG/II/2026", 9, "AAAAAAAAAA"))
        assert "tidak ada laporan final tersimpan dengan nomor dan versi itu" in invented.text

        junk = _upload(base, b"bukan PDF sama sekali")
        assert "TIDAK COCOK" in junk.text and "bukan PDF yang dapat dibaca" in junk.text
        empty = httpx.post(base + "/verifikasi", data={"x": "1"}, timeout=30)
        assert empty.status_code == 400 and "Tidak ada berkas" in empty.text
        big = _upload(base, b"%PDF-1.7\n" + b"0" * (MAX_UPLOAD_BYTES + 1))
        assert big.status_code == 413 and "terlalu besar" in big.text
        for response in (altered, edited, fake, junk, big):
            _headers(response)
            _no_names(response.text.replace("Manajer Administrasi", ""))


@pytest.mark.sqlite_only  # the budget is kept in memory
def test_a_client_over_its_budget_is_asked_to_wait(published: Published) -> None:
    now = [1000.0]
    limit = RateLimit(burst=3, every=10.0, upload_cost=2, clock=lambda: now[0])
    code = shown(published.codes[1])
    with serving(published, limit) as base:
        assert [_get(base, f"/verifikasi/{code}").status_code for _ in range(3)] == [200] * 3
        refused = _get(base, f"/verifikasi/{code}")
        assert refused.status_code == 429 and refused.headers["retry-after"] == "10"
        assert "Coba lagi dalam 10 detik" in refused.text
        _headers(refused)
        assert _upload(base, published.second).status_code == 429
        now[0] += 20  # two requests' worth of time
        assert _upload(base, published.second).status_code == 200
        assert _get(base, f"/verifikasi/{code}").status_code == 429
    # Budgets are per client address.
    assert limit.take("10.0.0.2") == 0 and limit.take("10.0.0.3") == 0


def test_the_chat_check_reports_the_signature(published: Published) -> None:
    reports = published.chat.dispatcher.reports
    assert reports is not None
    [genuine] = reports.verify("console:admin", published.second)
    assert genuine.text.startswith("COCOK")
    assert "Tanda tangan elektronik: sah, oleh Manajer Administrasi" in genuine.text
    assert "Sertifikatnya adalah sertifikat penanda tangan LSP ini." in genuine.text
    [altered] = reports.verify("console:admin", one_byte_changed(published.second))
    assert altered.text.startswith("TIDAK COCOK") and "/laporan 2" in altered.text
    assert "Tanda tangan elektronik: RUSAK" in altered.text
    [fake] = reports.verify("console:admin", forged("LSP-SMKN3/LAP-KEG/II/2026", 1, "AAAAAAAAAA"))
    assert fake.text.startswith("TIDAK COCOK") and reports_texts.SIGNATURE_NONE in fake.text


def test_a_long_address_shrinks_its_line_instead_of_leaving_the_page() -> None:
    import io

    import pdfplumber

    from render.pdf import SEAL_TEXT_LEFT, Seal, Stamp, html_to_pdf, join_and_stamp

    site = "lsp-p1.smk-negeri-3-kota-bima.provinsi-nusa-tenggara-barat.sch.id"
    line = f"Periksa keaslian di {site}/verifikasi dengan kode K7QM4-XPA92 atau pindai kode QR"
    seal = Seal(f"https://{site}/verifikasi/K7QM4-XPA92", line)
    footer = "LSP/LAP-KEG/II/2026 · Versi 1 · Sidik data 0123456789ab · Halaman {page} dari {pages}"
    pdf = join_and_stamp([html_to_pdf("<p>Isi</p>")], Stamp(footer, seal=seal))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        words = [w for w in page.extract_words() if w["top"] > page.height - 70]  # the footer
        text = page.extract_text()
    assert "K7QM4-XPA92" in text and site in text.replace("\n", "")
    assert words and min(word["x0"] for word in words) >= SEAL_TEXT_LEFT - 0.5


@pytest.mark.sqlite_only  # the CLI opens the test's SQLite file
def test_report_verify_on_the_cli_reports_the_signature(
    published: Published, tmp_path: Path
) -> None:
    import os
    import sys

    url = published.chat.db.url.render_as_string(hide_password=False)
    signer = published.chat.desk.signer
    assert signer is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WHATSAPP_"))}
    env.update(DATABASE_URL=url, SIGNING_PKCS12=str(signer.path),  # type: ignore[attr-defined]
               SIGNING_PASSPHRASE=PASSPHRASE, RENDER_WORKERS="1")  # fmt: skip
    genuine, altered = tmp_path / "asli.pdf", tmp_path / "diubah.pdf"
    genuine.write_bytes(published.second)
    altered.write_bytes(one_byte_changed(published.second))

    def verify(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "report", "verify", str(path)],
                              cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120)  # fmt: skip

    done = verify(genuine)
    assert done.returncode == 0 and done.stdout.startswith("COCOK"), done
    assert "Tanda tangan elektronik: sah, oleh Manajer Administrasi" in done.stdout
    assert "Sertifikatnya adalah sertifikat penanda tangan LSP ini." in done.stdout
    done = verify(altered)
    assert done.returncode == 1 and done.stdout.startswith("TIDAK COCOK"), done
    assert "Tanda tangan elektronik: RUSAK" in done.stdout
    assert "lsp-bot report get 2" in done.stdout
