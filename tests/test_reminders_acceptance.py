"""Acceptance: reminders from `lsp-bot run` (APScheduler inside the real process, the real
clock) and from `lsp-bot reminders`, against the stand-in Bot API.

The calendar cannot be moved in another process, so the plan is: a reminder "200 days before
the data deadline" is always already due (every data deadline is at most about 190 days away)
and still useful, exactly like one that fell due while the bot was down.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.__main__ import main
from conversations.service import ConversationService, Message, create_invite
from storage.db import make_engine
from storage.enums import Role
from tests.botapi.harness import texts_of
from tests.botapi.phone import Phone
from tests.botapi.server import BotApiStandIn, Person
from tests.helpers import Clock
from tests.test_reminders import wita
from tests.test_telegram_acceptance import _lsp_bot, environment  # noqa: F401

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

ADMIN = Person(9001, "Bu", "Admin")
SITI = Person(9002, "Siti")
REMINDER = "Pengingat laporan LSP"


@contextmanager
def running(env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    """`lsp-bot run` until the block ends; it must stop cleanly."""
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        yield bot
    except BaseException:
        bot.send_signal(signal.SIGTERM)
        print(bot.communicate(timeout=30)[1], file=sys.stderr)
        raise
    bot.send_signal(signal.SIGTERM)
    _, errors = bot.communicate(timeout=30)
    assert bot.returncode == 0, errors
    assert "Traceback" not in errors, errors


def reminders_in(phone: Phone) -> list[str]:
    return [m.text or "" for m in phone.screen() if REMINDER in (m.text or "")]


def ticks(env: dict[str, str]) -> int:
    """How many reminder ticks the running bot has finished (its health check says)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=5) as r:
            return int(json.load(r).get("reminder_ticks") or 0)
    except OSError:
        return 0


def wait_until(condition, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("nothing came")
        time.sleep(0.05)


def test_run_catches_up_after_downtime_sends_once_and_obeys_ingatkan(
    api: BotApiStandIn,
    environment: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    admin_code = _lsp_bot(environment, tmp_path, "init").strip().splitlines()[-1]
    admin, siti = Phone(api, ADMIN), Phone(api, SITI)
    with running(environment, tmp_path):  # the default plan: nothing is due today
        assert "Selamat datang" in texts_of(admin.do(f"/start {admin_code}"))
        code = texts_of(admin.do("/undang koordinator_tuk Siti")).split("?start=")[1].split()[0]
        assert "Selamat datang" in texts_of(siti.do(f"/start {code}"))
    assert reminders_in(siti) == []

    # Back up with a plan whose first reminder fell due while the bot was down.
    catch_up = {**environment, "REMINDER_DAYS_BEFORE": "200,7,3,1"}
    with running(catch_up, tmp_path):
        wait_until(lambda: ticks(catch_up) >= 1)  # the first tick, the catch-up, is over
        first = len(reminders_in(siti))
        assert first >= 1 and len(reminders_in(admin)) >= 1
        assert "2.5 Pengembangan dan Verifikasi TUK" in reminders_in(siti)[0]
        # The button opens her section at once.
        shown = siti.do("✏️ Isi 2.5 Pengembangan dan Verifikasi TUK")
        assert "Nama TUK" in texts_of(shown)
        # The admin reminds her now.
        assert "dikirim ke" in texts_of(admin.do("/ingatkan 2.5"))
        wait_until(lambda: any("Pengingat dari Manajer" in (m.text or "") for m in siti.screen()))

    with running(catch_up, tmp_path):  # restarted: nothing is sent twice
        wait_until(lambda: ticks(catch_up) >= 1)
    assert len(reminders_in(siti)) == first + 1  # the catch-up once, /ingatkan once
    senders = {c.params["chat_id"] for c in api.calls("sendMessage")}
    assert senders == {ADMIN.id, SITI.id}


def enrol(tmp_path: Path, api: BotApiStandIn) -> Engine:
    """An admin and a TUK coordinator on Telegram, in the database `lsp-bot init` made."""
    db = make_engine(f"sqlite:///{tmp_path / 'lsp-bot.db'}")
    clock = Clock(wita(2026, 11, 24, 10, 0))
    service = ConversationService(db, clock=clock)
    for person, role in ((ADMIN, Role.ADMIN), (SITI, Role.KOORDINATOR_TUK)):
        code = create_invite(db, role=role, name=person.first_name, now=clock.now)
        service.handle(Message(f"telegram:{person.id}", f"/start {code}"))
        api.meet(person)
    return db


def test_reminders_command_lists_then_sends_once(
    api: BotApiStandIn,
    environment: dict[str, str],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    enrol(tmp_path, api).dispose()
    capsys.readouterr()

    assert main(["reminders", "--dry-run", "--at", "2026-12-31T09:00"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1:3] for line in listed if "2026-II/before" in line] == [
        ["Bu", f"telegram:{ADMIN.id}"],
        ["Siti", f"telegram:{SITI.id}"],
    ]
    assert api.calls("sendMessage") == []

    assert main(["reminders", "--at", "2026-12-31T09:00"]) == 0
    sent = capsys.readouterr().out
    assert f"2026-II/before/2027-01-07/7\tSiti\ttelegram:{SITI.id}\tterkirim" in sent
    assert len(api.calls("sendMessage")) == 2
    assert main(["reminders", "--at", "2026-12-31T09:30"]) == 0
    assert "Tidak ada pengingat yang jatuh tempo" in capsys.readouterr().out
    assert len(api.calls("sendMessage")) == 2

    assert main(["reminders", "--at", "kemarin"]) == 2
    assert "--at harus" in capsys.readouterr().err
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    assert main(["reminders"]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err
    assert os.environ.get("TELEGRAM_BOT_TOKEN") is None
