"""The `lsp-bot` command as a new user runs it: separate processes over one SQLite file."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import make_engine
from tests.helpers import revisions, stored_answers, submission_status


def lsp_bot() -> list[str]:
    script = shutil.which("lsp-bot", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bot"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def run(*args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [*lsp_bot(), *args], input=stdin, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def console(user: str, *lines: str) -> str:
    return run("console", "--user", user, stdin="\n".join(lines) + "\n")


def test_init_and_invite_print_the_code_alone_on_the_last_line(workdir: Path) -> None:
    code = run("init").splitlines()[-1]
    assert len(code) == 8 and code.isalnum() and code.isupper()
    assert (workdir / "data" / "lsp-bot.db").exists()
    invite = run("invite", "--role", "asesor", "--name", "Yusuf").splitlines()[-1]
    assert len(invite) == 8 and invite != code
    assert "Sudah ada" not in run("init")  # still no admin registered: a new admin code
    assert "Selamat datang" in console("admin", f"/start {code}")
    again = run("init")
    assert "Sudah ada Manajer Administrasi" in again


def test_the_whole_first_day_from_the_console(workdir: Path) -> None:
    admin_code = run("init").splitlines()[-1]
    assert "Manajer Administrasi" in console("admin", f"/start {admin_code}")
    tuk_code = run("invite", "--role", "koordinator_tuk", "--name", "Siti Aminah").splitlines()[-1]
    assert "Selamat datang, Siti Aminah" in console("siti", f"/start {tuk_code}")

    # Half of the first TUK, one answer wrong first; then the process is killed outright.
    process = subprocess.Popen(
        [*lsp_bot(), "console", "--user", "siti"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin and process.stdout
    for line in ["/menu", "1", "TUK Otomotif", "Jl. Gajah Mada 1", "2", "1", "31-02-2026"]:
        process.stdin.write(line + "\n")
    process.stdin.flush()
    seen = ""
    while "tidak ada di bulan Februari" not in seen:
        seen += process.stdout.readline()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdin.close()
    process.stdout.close()

    db = make_engine("sqlite:///data/lsp-bot.db")
    assert stored_answers(db, user_name="Siti Aminah", section="2.5")[(1, "jenis")] == "sewaktu"

    out = console(
        "siti",
        "12-08-2026", "/lewati", "Skema TKR", "/lewati", "Lab baru",
        "ya", "TUK Boga", "Kampus", "1", "3", "Skema Boga", "15", "Dapur",
        "tidak", "Tambah TUK tempat kerja",
    )  # fmt: skip
    assert "Ringkasan bagian 2.5" in out and "Tanggal verifikasi: 12 Agustus 2026" in out
    assert "berita acara verifikasi TUK sebagai bukti" in out  # the console can send files
    out = console("siti", "2", "9", "TUK Tata Boga", "1", "/status")
    assert "Jawaban diubah" in out and "sudah terkirim" in out
    assert "✅ 2.5 Pengembangan dan Verifikasi TUK: terkirim" in out
    assert "sudah: Siti Aminah" in console("admin", "/status")

    assert "dinyatakan nihil untuk" in console("admin", "/menu", "3", "/nihil", "ya")
    assert submission_status(db, user_name="Bu Admin", section="2.4") is None
    assert submission_status(db, user_name="admin", section="2.4") == "nihil"
    assert submission_status(db, user_name="Siti Aminah", section="2.5") == "submitted"
    assert revisions(db, field="nama", entry=2) == [
        (1, None, "TUK Boga"),
        (2, "TUK Boga", "TUK Tata Boga"),
    ]
    db.dispose()


def test_console_prints_choices_as_numbered_lines_and_takes_labels(workdir: Path) -> None:
    code = run("init").splitlines()[-1]
    out = console("admin", f"/start {code}", "/menu", "Pengembangan dan Verifikasi TUK")
    assert "\n4. ⬜ 2.5 Pengembangan dan Verifikasi TUK\n" in out
    assert "TUK ke-1: Nama TUK" in out
