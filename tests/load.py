"""Many members at once against a real `lsp-bot run` (long polling the stand-in Bot API): each
registers by deep link and answers the first questions of section 2.5, one message after the
other as a person does (the next once the bot has answered). Used by tests/test_load.py and
bench/load.py.

A reply's latency runs from the moment the member's update is offered to the bot to the first
message the bot sends back to that member (what the member waits for), both on the stand-in's
clock."""

import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from conversations.service import create_invite
from storage.db import make_engine
from storage.enums import Role
from tests.botapi.server import TOKEN, BotApiStandIn, Person
from tests.graphapi.harness import free_port

FIRST_ID = 500_000
ANSWERS = ("/menu", "1", "TUK Bengkel {n}")
QUIET = 0.3  # s: the bot said everything it had to say to this member


@dataclass
class Member:
    """One member's part: what they type, what they waited, where they are."""

    person: Person
    lines: list[str]
    waited: list[float] = field(default_factory=list)
    step: int = 0
    sent_at: float = 0.0
    seen: int = 0
    replied_at: float | None = None


@dataclass(frozen=True)
class Outcome:
    """What the run measured."""

    latencies: list[float]
    seconds: float
    messages: int
    errors: str

    def figures(self) -> str:
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"{len(ordered)} replies in {self.seconds:.1f} s "
            f"({self.messages / self.seconds:.1f} bot messages/s): "
            f"median {statistics.median(ordered):.3f} s, p99 {p99:.3f} s, "
            f"slowest {ordered[-1]:.3f} s"
        )


def environment(api: BotApiStandIn, folder: Path, database_url: str | None = None,
                **more: str) -> dict[str, str]:  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WHATSAPP_"))}
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{folder / 'lsp-bot.db'}",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.url,
        TELEGRAM_POLL_TIMEOUT="1",
        PORT=str(free_port()),
        RENDER_WORKERS="1",
        LOG_LEVEL="WARNING",
    )
    env.update(more)
    return env


def members(db: Engine, count: int) -> list[Member]:
    """`count` TUK coordinators invited (not yet registered)."""
    found = []
    for n in range(count):
        person = Person(FIRST_ID + n, f"Koordinator {n}")
        code = create_invite(db, role=Role.KOORDINATOR_TUK, name=person.first_name)
        lines = [f"/start {code}", *(line.format(n=n) for line in ANSWERS)]
        found.append(Member(person, lines))
    return found


def run(api: BotApiStandIn, env: dict[str, str], folder: Path, count: int) -> Outcome:
    """Init, invite `count` members, start `lsp-bot run`, let everyone talk at once."""
    done = subprocess.run([sys.executable, "-m", "bot", "init"], cwd=folder, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    db = make_engine(env["DATABASE_URL"])
    crowd = members(db, count)
    db.dispose()
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        api.wait_for(lambda: bool(api.calls("getUpdates")), 60, "polling")
        begun = time.monotonic()
        sends_before = _bot_messages(api)
        _converse(api, crowd)
        seconds = time.monotonic() - begun
        messages = _bot_messages(api) - sends_before
    finally:
        bot.send_signal(signal.SIGTERM)
        try:
            _, errors = bot.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(bot.pid, signal.SIGKILL)
            _, errors = bot.communicate()
    return Outcome([w for m in crowd for w in m.waited], seconds, messages, errors)


def _bot_messages(api: BotApiStandIn) -> int:
    return sum(1 for c in api.calls() if c.method in ("sendMessage", "editMessageReplyMarkup",
                                                      "editMessageText"))  # fmt: skip


def _converse(api: BotApiStandIn, crowd: list[Member], timeout: float = 600) -> None:
    """Everyone sends their first line; each sends the next once the bot has answered the last
    and gone quiet for them."""
    deadline = time.monotonic() + timeout
    for member in crowd:
        _send(api, member)
    waiting = list(crowd)
    while waiting:
        assert time.monotonic() < deadline, f"{len(waiting)} members still wait for an answer"
        now = time.monotonic()
        still = []
        for member in waiting:
            screen = api.chat(member.person.id)
            if member.replied_at is None and len(screen) > member.seen:
                first = _first_reply_at(api, member)
                member.replied_at = now
                member.waited.append(first - member.sent_at)
            if member.replied_at is not None:
                if len(screen) > member.seen:
                    member.seen, member.replied_at = len(screen), now
                elif now - member.replied_at > QUIET:
                    if member.step == len(member.lines):
                        continue
                    _send(api, member)
            still.append(member)
        waiting = still
        time.sleep(0.01)


def _send(api: BotApiStandIn, member: Member) -> None:
    member.seen = len(api.chat(member.person.id))
    member.sent_at = time.monotonic()
    member.replied_at = None
    api.send_text(member.person, member.lines[member.step])
    member.step += 1


def _first_reply_at(api: BotApiStandIn, member: Member) -> float:
    """When the bot's first message to this member after their last line was made."""
    for call in api.calls("sendMessage"):
        chat = str(call.params.get("chat_id"))
        if call.status == 200 and call.at >= member.sent_at and chat == str(member.person.id):
            return call.at
    return time.monotonic()
