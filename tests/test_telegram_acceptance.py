"""Acceptance: `lsp-bot init` and `lsp-bot run` as real processes, the bot long-polling the
stand-in Bot API, five people on their phones at the same time. They register by deep link,
fill every section (pressing buttons where the bot offers them), the admin makes the final
report, receives the PDF and has it checked. No call may break the Bot API spec."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storage.enums import Role
from tests.botapi.harness import texts_of
from tests.botapi.phone import Phone, handled_in
from tests.botapi.server import TOKEN, BotApiStandIn, Person
from tests.graphapi.harness import free_port
from tests.helpers import semester_over
from tests.reporting import pdf_text, sheet
from tests.test_transcripts import CASES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

ADMIN = Person(8001, "Bu", "Admin")
PEOPLE = {
    Role.KOMITE_SKEMA: (Person(8002, "Rina"), "Rina Komite"),
    Role.KOORDINATOR_TUK: (Person(8003, "Siti"), "Siti Aminah"),
    Role.SURVEILAN: (Person(8004, "Dedi"), "Dedi Surveilan"),
    Role.ASESOR: (Person(8005, "Yusuf"), "Yusuf Asesor"),
}


@pytest.fixture
def environment(api: BotApiStandIn, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'lsp-bot.db'}",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.url,
        TELEGRAM_POLL_TIMEOUT="1",
        RENDER_WORKERS="1",
        REPORTS_DIR=str(tmp_path / "laporan"),
        LOG_LEVEL="WARNING",
        PORT=str(free_port()),  # the health check listens in polling mode too
    )
    return env


@pytest.fixture
def after_semester(environment: dict[str, str]) -> dict[str, str]:
    """The same, in processes that live on 2 January 2027: the semester is over, so a final
    may be made."""
    return semester_over(environment)


@pytest.fixture
def running_bot(after_semester: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    _lsp_bot(after_semester, tmp_path, "init")  # `run` does not create the database
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=after_semester,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield bot
    bot.send_signal(signal.SIGTERM)
    _, errors = bot.communicate(timeout=30)
    assert bot.returncode == 0, errors
    assert "Traceback" not in errors, errors


def _lsp_bot(environment: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def test_five_people_at_once_from_invite_to_final_pdf(
    api: BotApiStandIn,
    after_semester: dict[str, str],
    tmp_path: Path,
    running_bot: subprocess.Popen[str],
) -> None:
    admin_code = _lsp_bot(after_semester, tmp_path, "init").strip().splitlines()[-1]
    handled = handled_in(tmp_path / "lsp-bot.db")
    admin = Phone(api, ADMIN, handled)
    assert "Selamat datang" in texts_of(admin.do(f"/start {admin_code}"))

    phones: dict[Role, Phone] = {}
    for role, (person, name) in PEOPLE.items():
        invite = texts_of(admin.do(f"/undang {role.value} {name}"))
        code = invite.split("?start=")[1].split()[0]
        phones[role] = Phone(api, person, handled)
        assert "Selamat datang" in texts_of(phones[role].do(f"/start {code}"))

    def fill(role: Role) -> None:
        phone = admin if role is Role.ADMIN else phones[role]
        for section, (owner, _name, lines, _stored) in CASES.items():
            if owner is role:
                for line in lines:
                    phone.do(line)
                assert "terkirim" in texts_of(phone.screen()[-3:]), (section, phone.screen()[-1])

    with ThreadPoolExecutor(len(PEOPLE) + 1) as people:
        for done in [people.submit(fill, role) for role in [Role.ADMIN, *PEOPLE]]:
            done.result()

    presses = api.calls("answerCallbackQuery")
    assert len(presses) >= 30, "people pressed buttons wherever the bot offered them"
    if os.environ.get("SHOW_SCREENS"):
        for phone in [admin, *phones.values()]:
            print(f"\n===== {phone.person.first_name}")
            for sent in phone.screen():
                keys = " | ".join(b["text"] for b in sent.buttons)
                print(f"--- {sent.text}" + (f"\n   [{keys}]" if keys else ""))

    # Before a final: the LSP's profile, and the register of the certificates 2.2 counts.
    refused = texts_of(admin.do("/final"))
    assert "Profil LSP belum lengkap" in refused and "register 0" in refused
    for line in ("nama LSP-P1 SMK Negeri 3 Kota Bima", "lisensi BNSP-LSP-1234-ID",
                 "awalan LSP-SMKN3", "kota Kota Bima", "ketua Drs. H. Ahmad Yani, M.Pd.",
                 "manajer Siti Rahmah, S.Pd."):  # fmt: skip
        admin.do(f"/profil {line}")
    rows = [[f"REG/2026/{n:05d}", f"Pemegang {n}", "Teknik Kendaraan Ringan", "02-11-2026"]
            for n in range(1, 1026)]  # fmt: skip
    listed = sheet(rows, ["Nomor Sertifikat", "Nama Pemegang", "Skema", "Tanggal Terbit"])
    imported = texts_of(admin.send_file("register.xlsx", listed, XLSX))
    assert "1025 sertifikat baru tersimpan" in imported, imported
    final = admin.do("/final")
    document = final[-1].document
    assert document is not None, texts_of(final)
    assert document.filename.endswith("_v1.pdf")
    text = pdf_text(document.data)
    assert "TUK Bengkel Otomotif" in text and "Cabang Sape" in text
    assert "Nomor dokumen" in (final[-1].text or "")
    checked = texts_of(admin.send_file(document.filename, document.data, "application/pdf"))
    assert checked.startswith("COCOK") and "Tanda tangan elektronik: tidak ada." in checked
    tampered = texts_of(admin.send_file("ubah.pdf", document.data + b"\n%", "application/pdf"))
    assert tampered.startswith("TIDAK COCOK") and "/laporan 1" in tampered
