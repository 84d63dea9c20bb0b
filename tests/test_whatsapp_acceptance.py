"""Acceptance: `lsp-bot run` as a real process with only WhatsApp settings, five numbers at
once walking their sections to submit, then the admin's /draft; and the same process with
Telegram and WhatsApp at once, where a member on both channels gets one reminder, not two.
No request may break Meta's OpenAPI description or limits (the `graph` fixture)."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from storage.db import make_engine, session_scope
from storage.enums import Role
from storage.models import Reminder
from tests.botapi.harness import texts_of as telegram_texts
from tests.botapi.phone import Phone as TelegramPhone
from tests.botapi.server import TOKEN as TELEGRAM_TOKEN
from tests.botapi.server import BotApiStandIn
from tests.botapi.server import Person as TelegramPerson
from tests.graphapi.harness import free_port, texts_of, whatsapp_settings
from tests.graphapi.server import GraphStandIn, Person, Sent, wait_for
from tests.test_transcripts import CASES

pytestmark = pytest.mark.paced  # the running bot keeps to Meta's pace, and the stand-in checks it

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

QUIET = 1.3  # longer than the bot's pause between two messages to one person (about 1 s)
ADMIN = Person("Bu Admin", wa_id="6281200000001", user_id="ID.2000000000000000001")
PEOPLE = {
    Role.KOMITE_SKEMA: (Person("Rina", wa_id="6281200000002"), "Rina Komite"),
    Role.KOORDINATOR_TUK: (
        Person("Siti", wa_id="6281200000003", user_id="ID.2000000000000000003"),
        "Siti Aminah",
    ),
    Role.SURVEILAN: (Person("Dedi", user_id="ID.2000000000000000004"), "Dedi Surveilan"),
    Role.ASESOR: (Person("Yusuf", wa_id="6281200000005"), "Yusuf Asesor"),
}


class WaPhone:
    """One person's WhatsApp, talking to a bot in another process."""

    def __init__(self, api: GraphStandIn, person: Person) -> None:
        self.api, self.person = api, person

    def screen(self) -> list[Sent]:
        return self.api.screen(self.person)

    def do(self, line: str, timeout: float = 120) -> list[Sent]:
        """Press the matching button or row of the newest message, else type; new messages."""
        before = len(self.screen())
        live = self.screen()[-1] if self.screen() and self.screen()[-1].choices else None
        choice = _matching(live, line) if live is not None else None
        if live is not None and choice is not None:
            message_id = self.api.pick(self.person, live, choice[1], choice[0])
        else:
            message_id = self.api.write(self.person, line)
        self._settle(message_id, before, timeout)
        return self.screen()[before:]

    def _settle(self, message_id: str, before: int, timeout: float) -> None:
        read = lambda: any(r["message_id"] == message_id for r in self.api.reads())  # noqa: E731
        wait_for(read, timeout, f"the bot reading {message_id}")
        deadline = time.monotonic() + timeout
        last, since = len(self.screen()), time.monotonic()
        while last == before or time.monotonic() - since < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer to {message_id} of {self.person.name}")
            time.sleep(0.02)
            if len(self.screen()) != last:
                last, since = len(self.screen()), time.monotonic()


def _matching(sent: Sent, line: str) -> tuple[str, str] | None:
    choices = sent.choices
    if line.isdigit() and 1 <= int(line) <= len(choices):
        return choices[int(line) - 1]
    return next((c for c in choices if c[0].casefold() == line.casefold()), None)


@pytest.fixture
def environment(graph: GraphStandIn, tmp_path: Path) -> dict[str, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WHATSAPP_"))}
    env.pop("DATABASE_URL", None)
    env.update({key.upper(): str(value) for key, value in whatsapp_settings(graph, port).items()})
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'lsp-bot.db'}",
        RENDER_WORKERS="1",
        REPORTS_DIR=str(tmp_path / "laporan"),
        LOG_LEVEL="WARNING",
        REMINDER_TICK_SECONDS="3600",
    )
    graph.webhook_url = f"http://127.0.0.1:{port}/webhook/whatsapp"
    return env


def _lsp_bot(environment: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Any]:
    """Starts `lsp-bot run` with given settings; SIGTERM at the end must exit cleanly."""
    started: list[subprocess.Popen[str]] = []

    def run(env: dict[str, str]) -> subprocess.Popen[str]:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        started.append(bot)
        port = env["PORT"]
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    return bot
            except httpx.HTTPError:
                pass
            if bot.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"lsp-bot run did not start: {bot.communicate()[1]}")
            time.sleep(0.05)

    yield run
    for bot in started:
        bot.send_signal(signal.SIGTERM)
        _, errors = bot.communicate(timeout=30)
        assert bot.returncode == 0, errors
        assert "Traceback" not in errors, errors


def _settled(database: Engine) -> bool:
    """Every reminder tried (sent, or settled otherwise), none still queued or in flight."""
    with session_scope(database) as session:
        states = session.scalars(select(Reminder.state)).all()
    return bool(states) and not {"pending", "claimed", "sending"} & set(states)


def _code(invite_text: str) -> str:
    return invite_text.split("%2Fstart%20")[1].split()[0]


def test_five_numbers_at_once_from_invite_to_draft(
    graph: GraphStandIn, environment: dict[str, str], tmp_path: Path, start: Any
) -> None:
    admin_code = _lsp_bot(environment, tmp_path, "init").strip().splitlines()[-1]
    start(environment)
    admin = WaPhone(graph, ADMIN)
    assert "Selamat datang" in texts_of(admin.do(f"/start {admin_code}"))
    phones: dict[Role, WaPhone] = {}
    for role, (person, name) in PEOPLE.items():
        code = _code(texts_of(admin.do(f"/undang {role.value} {name}")))
        phones[role] = WaPhone(graph, person)
        assert "Selamat datang" in texts_of(phones[role].do(code))

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

    kinds = {m.payload["interactive"]["type"] for m in graph.all_sent() if m.kind == "interactive"}
    assert kinds == {"button", "list"}, "people pressed buttons and picked from lists"
    draft = admin.do("/draft")
    document = next(m for m in draft if m.kind == "document")
    assert document.filename and "_DRAF_" in document.filename
    assert document.document and document.document.startswith(b"%PDF")


def test_telegram_and_whatsapp_at_once_one_reminder_for_a_member_on_both(
    graph: GraphStandIn,
    api: BotApiStandIn,
    environment: dict[str, str],
    tmp_path: Path,
    start: Any,
) -> None:
    env = {
        **environment,
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_API_BASE_URL": api.url,
        "TELEGRAM_POLL_TIMEOUT": "1",
    }
    admin_code = _lsp_bot(env, tmp_path, "init").strip().splitlines()[-1]
    siti_code = _lsp_bot(env, tmp_path, "invite", "--role", "koordinator_tuk", "--name", "Siti")
    start(env)
    admin = WaPhone(graph, ADMIN)
    assert "Selamat datang" in texts_of(admin.do(f"/start {admin_code}"))
    siti_telegram = TelegramPhone(api, TelegramPerson(8101, "Siti"))
    welcome = siti_telegram.do(f"/start {siti_code.strip().splitlines()[-1]}")
    assert "Selamat datang" in telegram_texts(welcome)
    link = telegram_texts(siti_telegram.do("/tautkan"))
    code = link.split("Kode penautan akun Anda: ")[1].split()[0]
    siti_whatsapp = WaPhone(graph, PEOPLE[Role.KOORDINATOR_TUK][0])
    assert "tertaut dengan Siti" in texts_of(siti_whatsapp.do(code))

    before_wa, before_tg = len(siti_whatsapp.screen()), len(siti_telegram.screen())
    admin.do("/ingatkan")
    database = make_engine(env["DATABASE_URL"])
    wait_for(lambda: _settled(database), 60, "the reminders settled")
    database.dispose()
    got = siti_whatsapp.screen()[before_wa:] + siti_telegram.screen()[before_tg:]
    reminders = [m for m in got if "2.5" in (m.text or "")]
    assert len(reminders) == 1, [m.text for m in got]
