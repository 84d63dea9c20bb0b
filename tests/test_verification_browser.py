"""The public verification pages in a real browser (Debian's Chromium, driven by Playwright):
the code page on a phone-sized screen, a genuine upload (COCOK), an altered one (TIDAK COCOK)
and an unknown code (404), each photographed. The pictures are kept in LSP_BOT_SCREENSHOTS
when it names a folder, to be looked at; the test itself checks that the page's own style
sheet applied (the verdict's green or red box is in the picture, so the Content-Security-Policy
let it through) and that the browser reported no blocked resource."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from render.verification import shown
from tests.helpers import Chat
from tests.verifying import PEOPLE, Published, one_byte_changed, publish, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GREEN = (0x1E, 0x7B, 0x34)  # the COCOK box's border (bot/templates/verifikasi.css)
RED = (0xB0, 0x00, 0x20)  # the TIDAK COCOK box's border

pytestmark = pytest.mark.sqlite_only  # the pages, not the database, are under test


@pytest.fixture
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


def _version(program: str | None) -> str:
    import subprocess

    out = subprocess.run([str(program), "--version"], capture_output=True, text=True).stdout
    return next((word.split(".")[0] for word in out.split() if word[:1].isdigit()), "?")


def _has_colour(picture: Path, colour: tuple[int, int, int]) -> bool:
    with Image.open(picture) as image:
        rgb = image.convert("RGB")
        found = rgb.getcolors(maxcolors=1 << 20) or []
    return any(
        all(abs(a - b) <= 6 for a, b in zip(value, colour, strict=True)) for _count, value in found
    )


def _folder(tmp_path: Path) -> Path:
    kept = os.environ.get("LSP_BOT_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path / "gambar"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def published(chat: Chat, tmp_path: Path) -> Published:
    """Made before the browser starts (Playwright's sync API runs an event loop in this
    thread; signing runs one of its own)."""
    return publish(chat, tmp_path)


def test_the_pages_in_a_real_browser(published: Published, tmp_path: Path, browser: Any) -> None:
    assert browser.version.split(".")[0] == _version(CHROMIUM), "Debian's Chromium is driven"
    folder = _folder(tmp_path)
    altered = tmp_path / "laporan-diubah.pdf"
    altered.write_bytes(one_byte_changed(published.second))
    genuine = tmp_path / "laporan-asli.pdf"
    genuine.write_bytes(published.second)
    complaints: list[str] = []
    with serving(published) as base:
        phone = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        phone.on("console", lambda message: complaints.append(message.text))
        old = phone.goto(f"{base}/verifikasi/{shown(published.codes[0])}")
        assert old is not None and old.status == 200
        assert phone.inner_text("h1") == "Laporan final terdaftar"
        body = phone.inner_text("body")
        assert "Sudah diganti oleh versi 2" in body and published.shas[0] in body
        assert not any(name in body for name in PEOPLE)
        phone.screenshot(path=str(folder / "1-kode-versi-lama.png"), full_page=True)
        assert _has_colour(folder / "1-kode-versi-lama.png", GREEN)

        phone.click("text=lihat versi 2")  # the link to the version that replaced it
        assert "Versi terbaru." in phone.inner_text("body")

        desk = browser.new_page(viewport={"width": 1000, "height": 900})
        desk.on("console", lambda message: complaints.append(message.text))
        desk.goto(f"{base}/verifikasi")
        desk.set_input_files("#berkas", str(genuine))
        desk.click("text=Unggah dan periksa")
        assert desk.inner_text("h1") == "COCOK"
        desk.screenshot(path=str(folder / "2-unggah-asli.png"), full_page=True)
        assert _has_colour(folder / "2-unggah-asli.png", GREEN)

        desk.set_input_files("#berkas", str(altered))
        desk.click("text=Unggah dan periksa")
        assert desk.inner_text("h1") == "TIDAK COCOK"
        assert "Tanda tangan elektronik: RUSAK" in desk.inner_text("body")
        desk.screenshot(path=str(folder / "3-unggah-diubah.png"), full_page=True)
        assert _has_colour(folder / "3-unggah-diubah.png", RED)

        desk.fill("#kode", "aaaaa aaaaa")
        desk.click("text=Periksa kode")
        assert desk.inner_text("h1") == "Kode tidak dikenal"
        desk.screenshot(path=str(folder / "4-kode-tidak-dikenal.png"), full_page=True)
    assert not [text for text in complaints if "Content Security Policy" in text], complaints
