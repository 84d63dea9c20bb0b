"""lsp-bot as an operator runs it: commands that start at once, settings and database problems
in one Indonesian line, the schema changed only when asked, a clean stop at any moment with no
process left behind, Telegram retried while it cannot be reached, and nothing secret in logs."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from storage.db import MIGRATIONS_DIR, SCHEMA_HEAD, make_engine, schema_state
from tests.botapi.phone import Phone
from tests.botapi.server import TOKEN, BotApiStandIn, Person
from tests.graphapi.harness import free_port

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

HEAVY = ("telegram", "sqlalchemy", "sqlmodel", "xhtml2pdf", "reportlab", "openpyxl", "uvicorn")
ADMIN = Person(9101, "Bu", "Admin")


def base_env(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WHATSAPP_"))}
    env.pop("DATABASE_URL", None)
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'lsp-bot.db'}", RENDER_WORKERS="1")
    env.update(more)
    return env


def lsp_bot(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def modules_loaded(env: dict[str, str], cwd: Path, *args: str) -> set[str]:
    """The top-level packages imported by a command that is then stopped before it runs."""
    program = (
        "import sys\n"
        "from bot.__main__ import main\n"
        "import bot.server.cli\n"
        "bot.server.cli._command = lambda args, settings: 0\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_help_and_version_import_nothing_heavy(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    loaded = modules_loaded(env, tmp_path, "--help")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    done = lsp_bot(env, tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.startswith("lsp-bot "), done
    wrong = lsp_bot(env, tmp_path, "invite", "--role", "kepala")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_invite_imports_no_channel_and_no_renderer(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    program = (
        "import sys\n"
        "from bot.__main__ import main\n"
        "main(['invite', '--role', 'asesor'])\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    assert lsp_bot(env, tmp_path, "init").returncode == 0
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.splitlines()[-1].split())
    assert not loaded & {"telegram", "xhtml2pdf", "reportlab", "openpyxl", "uvicorn", "httpx"}


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("LOG_LEVEL", "verbose", "LOG_LEVEL tidak valid"),
        ("DATA_DEADLINE_DAY", "abc", "DATA_DEADLINE_DAY tidak valid: harus bilangan bulat"),
        ("REMINDER_TICK_SECONDS", "sering", "REMINDER_TICK_SECONDS tidak valid: harus angka"),
        ("DATABASE_URL", "bukan-url", "DATABASE_URL tidak dapat dibaca"),
        ("DATABASE_URL", "mysql://u@127.0.0.1:1/x", "tidak didukung"),
        ("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/x", "tidak dapat dihubungi"),
        ("DATABASE_URL", "sqlite:////nonexistent/dir/x.db", "Folder basis data /nonexistent/dir"),
        ("PUBLIC_URL", "lsp.sekolah.sch.id", "PUBLIC_URL tidak valid: isi dengan alamat web"),
    ],
)
def test_a_setting_that_cannot_work_is_one_indonesian_line_and_exit_2(
    tmp_path: Path, setting: str, value: str, expected: str
) -> None:
    env = base_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, **{setting: value})
    for args in (("init",), ("invite", "--role", "asesor"), ("run",)):
        done = lsp_bot(env, tmp_path, *args)
        assert done.returncode == 2, (args, done)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, (args, done.stderr)
        if args == ("init",) or setting != "DATABASE_URL" or "sqlite" not in value:
            assert expected in lines[0], (args, lines)
    assert not Path("/nonexistent").exists()


def test_commands_other_than_init_never_create_the_database(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    done = lsp_bot(env, tmp_path, "invite", "--role", "asesor")
    assert done.returncode == 2 and "lsp-bot init" in done.stderr
    assert not (tmp_path / "lsp-bot.db").exists()


def _database_at(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_an_old_schema_is_named_and_migrated_only_by_migrate(tmp_path: Path) -> None:
    env = base_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    _database_at(env["DATABASE_URL"], "0006")
    for args in (("invite", "--role", "asesor"), ("members", "list"), ("run",)):
        done = lsp_bot(env, tmp_path, *args)
        assert done.returncode == 2, done
        assert done.stderr.strip().splitlines() == [
            f"Skema basis data versi 0006, lsp-bot ini memerlukan versi {SCHEMA_HEAD}. Hentikan "
            "bot, cadangkan data (lsp-bot backup), lalu jalankan: lsp-bot migrate"
        ]
    engine = make_engine(env["DATABASE_URL"])
    assert schema_state(engine).current == "0006"  # untouched
    done = lsp_bot(env, tmp_path, "migrate")
    assert done.returncode == 0 and f"ke versi {SCHEMA_HEAD}" in done.stdout, done
    assert schema_state(engine).current == SCHEMA_HEAD
    assert "sudah versi terbaru" in lsp_bot(env, tmp_path, "migrate").stdout
    assert lsp_bot(env, tmp_path, "invite", "--role", "asesor").returncode == 0
    engine.dispose()


def start_run(env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=cwd, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def no_process_left(group: int, timeout: float = 20) -> bool:
    """Whether every process of the group has gone (children end when their parent does)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def run_env(api: BotApiStandIn, tmp_path: Path) -> dict[str, str]:
    env = base_env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.url,
        TELEGRAM_POLL_TIMEOUT="1",
        PORT=str(free_port()),
        LOG_LEVEL="WARNING",
    )
    assert lsp_bot(env, tmp_path, "init").returncode == 0
    return env


def _after(api: BotApiStandIn, method: str | None) -> Callable[[], bool]:
    """A condition that holds once the bot has made one more call of `method` than now."""
    if method is None:
        return lambda: True
    count = len(api.calls(method))
    return lambda: len(api.calls(method)) > count


def test_sigterm_at_any_moment_exits_cleanly_and_leaves_no_process(
    api: BotApiStandIn, run_env: dict[str, str], tmp_path: Path
) -> None:
    for name in (None, "getMe", "setMyCommands", "getUpdates"):
        for delay in (0.0, 0.3):
            moment = _after(api, name)
            bot = start_run(run_env, tmp_path)
            api.wait_for(moment, what=str(name))
            time.sleep(delay)  # a point a little past the call that marks the moment
            bot.send_signal(signal.SIGTERM)
            errors = stopped(bot)
            assert bot.returncode in ((0, -signal.SIGTERM) if name is None else (0,)), (
                name, bot.returncode, errors,
            )  # fmt: skip
            assert "Traceback" not in errors, (name, errors)
            assert no_process_left(bot.pid), f"{name}: a process of lsp-bot run outlived it"


def stopped(bot: subprocess.Popen[str]) -> str:
    """What `lsp-bot run` printed once it has ended; one that never ends is killed with its
    group (so it cannot spoil the next test) and fails with what it printed."""
    try:
        return bot.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        os.killpg(bot.pid, signal.SIGKILL)
        pytest.fail(f"lsp-bot run did not stop:\n{bot.communicate()[1]}")


def test_a_stop_that_hangs_is_cut_short_with_every_thread_shown(tmp_path: Path) -> None:
    program = (
        "import asyncio, sys\n"
        "from bot.server import lifecycle\n"
        "lifecycle.SHUTDOWN_GRACE = 0.5\n"
        "async def main():\n"
        "    stop = asyncio.Event()\n"
        "    lifecycle.stop_on_signals(stop)\n"
        "    print('ready', flush=True)\n"
        "    await stop.wait()\n"
        "    print('stopping', flush=True)\n"
        "    await asyncio.sleep(3600)  # closing down never ends\n"
        "asyncio.run(main())\n"
    )
    hung = subprocess.Popen(
        [sys.executable, "-c", program], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert hung.stdout is not None and hung.stdout.readline() == "ready\n"
    hung.send_signal(signal.SIGTERM)
    _, errors = hung.communicate(timeout=60)
    assert hung.returncode == 1
    assert errors.startswith("lsp-bot tidak selesai berhenti dalam 0 detik; dihentikan paksa.")
    assert "in main" in errors  # where it hung, for the bug report

    twice = subprocess.Popen(
        [sys.executable, "-c", program.replace("0.5", "3600")], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert twice.stdout is not None and twice.stdout.readline() == "ready\n"
    twice.send_signal(signal.SIGTERM)
    assert twice.stdout.readline() == "stopping\n"
    twice.send_signal(signal.SIGTERM)  # told again: it does not wait for the hour
    twice.communicate(timeout=60)
    assert twice.returncode == 0


def test_health_answers_in_polling_mode(
    api: BotApiStandIn, run_env: dict[str, str], tmp_path: Path
) -> None:
    bot = start_run(run_env, tmp_path)
    try:
        api.wait_for(lambda: bool(api.calls("getUpdates")), what="polling")
        health = f"http://127.0.0.1:{run_env['PORT']}/healthz"
        with urllib.request.urlopen(health) as answer:
            assert answer.status == 200 and b'"ok"' in answer.read()
        page = f"http://127.0.0.1:{run_env['PORT']}/verifikasi"  # the public page is served
        with urllib.request.urlopen(page) as answer:
            assert answer.status == 200 and b"Verifikasi Laporan Final" in answer.read()

        def checked() -> bool:  # the first reminder tick finishes soon after the start
            with urllib.request.urlopen(health) as answer:
                return json.load(answer)["reminders_checked_at"] is not None

        api.wait_for(checked, what="a reminder tick")
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.communicate(timeout=60)
    assert bot.returncode == 0


def test_a_signing_key_that_cannot_be_opened_stops_run_at_once(tmp_path: Path) -> None:
    from tests.test_signing import throwaway_ca

    key_file, _ca = throwaway_ca(tmp_path)
    for path, passphrase, expected in (
        (tmp_path / "tidak-ada.p12", "x", "tidak ditemukan (SIGNING_PKCS12)"),
        (key_file, "salah-sandi", "periksa SIGNING_PASSPHRASE"),
    ):
        env = base_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, SIGNING_PKCS12=str(path),
                       SIGNING_PASSPHRASE=passphrase)  # fmt: skip
        done = lsp_bot(env, tmp_path, "run")
        assert done.returncode == 2 and expected in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "salah-sandi" not in done.stderr


def test_a_taken_port_is_one_line(run_env: dict[str, str], tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", int(run_env["PORT"])))
        taken.listen()
        done = lsp_bot(run_env, tmp_path, "run")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"Port {run_env['PORT']} di 127.0.0.1 sudah dipakai program lain. Ubah PORT atau HOST."
    ]


def test_unreachable_telegram_is_retried_one_line_a_try_until_stopped(
    run_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**run_env, "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{free_port()}"}
    bot = start_run(env, tmp_path)
    assert bot.stderr is not None
    lines = [bot.stderr.readline(), bot.stderr.readline()]  # two tries: 1 s apart
    bot.send_signal(signal.SIGTERM)
    _, rest = bot.communicate(timeout=60)
    assert bot.returncode == 0, rest
    assert all("Tidak dapat terhubung (Telegram" in line for line in lines), lines
    assert "percobaan ke-1" in lines[0] and "percobaan ke-2" in lines[1]
    assert "Traceback" not in rest and TOKEN not in "".join(lines) + rest
    assert no_process_left(bot.pid)


def test_nothing_secret_or_answered_reaches_a_debug_log(
    api: BotApiStandIn, run_env: dict[str, str], tmp_path: Path
) -> None:
    code = lsp_bot(run_env, tmp_path, "invite", "--role", "admin").stdout.splitlines()[-1]
    env = {**run_env, "LOG_LEVEL": "DEBUG"}
    bot = start_run(env, tmp_path)
    try:
        admin = Phone(api, ADMIN)
        assert "Selamat datang" in " ".join(m.text or "" for m in admin.do(f"/start {code}"))
        admin.do("JawabanRahasiaSiti 0812-3456-7890")
    finally:
        bot.send_signal(signal.SIGTERM)
        _, log = bot.communicate(timeout=60)
    assert bot.returncode == 0, log[-3000:]
    assert "invite used: member" in log  # the level took effect: our own lines are there
    secret = TOKEN.split(":", 1)[1]
    for leaked in (TOKEN, secret, "JawabanRahasiaSiti", "0812-3456-7890", code):
        assert leaked not in log, leaked
