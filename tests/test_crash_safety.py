"""`lsp-bot run` killed (SIGKILL, its whole process group) at random points of a conversation
over the Bot API stand-in, once after every message a TUK coordinator sends, then started
again: nothing she sent is lost, nothing is applied twice, every message gets its answer (at
most once more), and the conversation goes on to the end."""

import itertools
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from conversations.service import ConversationService, Message, create_invite
from storage.db import make_engine, session_scope
from storage.enums import Role
from storage.models import AnswerRevision
from tests.botapi.server import BotApiStandIn, Person
from tests.helpers import stored_answers, submission_status
from tests.test_operations import no_process_left, run_env  # noqa: F401  (a fixture)
from tests.test_transcripts import CASES

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

SITI = Person(7401, "Siti")


def start(env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=cwd, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert no_process_left(process.pid)


class WebhookPoster:
    """Telegram's side of a webhook: each update is posted until the bot answers 200 (a
    connection refused while the bot is down, or any other status, is tried again)."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/telegram"
        self.queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def post(self, update: dict[str, Any]) -> None:
        self.queue.put(update)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join(60)

    def _run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while (update := self.queue.get()) is not None:
                while True:
                    try:
                        answer = client.post(self.url, json=update, headers={SECRET: SECRET_VALUE})
                        if answer.status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.2)  # Telegram waits between tries too


SECRET, SECRET_VALUE = "X-Telegram-Bot-Api-Secret-Token", "rahasia-webhook-uji"


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_killed_after_every_message_nothing_is_lost_or_applied_twice(
    api: BotApiStandIn,
    run_env: dict[str, str],  # noqa: F811  (initialised, polling the stand-in)
    tmp_path: Path,
    mode: str,
) -> None:
    env = dict(run_env)
    poster = None
    if mode == "webhook":
        env.update(
            TELEGRAM_WEBHOOK_URL="https://lsp.contoh.sch.id/telegram",
            TELEGRAM_WEBHOOK_SECRET=SECRET_VALUE,
        )
        poster = WebhookPoster(int(env["PORT"]))
    db = make_engine(env["DATABASE_URL"])
    code = create_invite(db, role=Role.KOORDINATOR_TUK, name="Siti Aminah")
    ConversationService(db).handle(Message(f"telegram:{SITI.id}", f"/start {code}"))
    api.meet(SITI)
    _owner, name, lines, expected = CASES["2.5"]
    moments = random.Random(20261202)
    kills = 0
    bot = start(env, tmp_path)
    try:
        for line in lines:
            before = len(api.chat(SITI.id))
            api.send_text(SITI, line)
            if poster is not None:
                poster.post(api.take_updates()[-1])
            time.sleep(moments.uniform(0, 1.5))  # the kill lands anywhere: start, fetch, reply
            kill(bot)
            kills += 1
            bot = start(env, tmp_path)
            api.wait_for(lambda b=before: len(api.chat(SITI.id)) > b, 90, f"a reply to {line!r}")
    finally:
        kill(bot)
        if poster is not None:
            poster.close()
    assert kills >= 20
    stored = stored_answers(db, user_name=name, section="2.5")
    assert {key: stored.get(key) for key in expected} == expected
    assert submission_status(db, user_name=name, section="2.5") == "submitted"
    with session_scope(db) as session:  # each answer applied once: one revision per field
        counts = session.execute(
            select(AnswerRevision.entry_no, AnswerRevision.field, func.count()).group_by(
                AnswerRevision.entry_no, AnswerRevision.field
            )
        ).all()
    assert counts and all(count == 1 for _, _, count in counts), counts
    texts = [m.text or "" for m in api.chat(SITI.id)]
    repeated = sum(1 for a, b in itertools.pairwise(texts) if a == b)
    print(f"\n{mode}: {kills} kills; {len(texts)} messages to her, {repeated} sent once more")
    db.dispose()
