"""`lsp-bot run` killed (SIGKILL, its whole process group) at random points of a conversation
over the Bot API stand-in, once after every message a TUK coordinator sends, then started
again: nothing she sent is lost, nothing is applied twice, every message gets its answer (at
most once more), and the conversation goes on to the end."""

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def test_killed_after_every_message_nothing_is_lost_or_applied_twice(
    api: BotApiStandIn,
    run_env: dict[str, str],
    tmp_path: Path,  # noqa: F811
) -> None:
    env = run_env  # initialised, polling the stand-in
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
            time.sleep(moments.uniform(0, 1.5))  # the kill lands anywhere: start, fetch, reply
            kill(bot)
            kills += 1
            bot = start(env, tmp_path)
            api.wait_for(lambda b=before: len(api.chat(SITI.id)) > b, 90, f"a reply to {line!r}")
    finally:
        kill(bot)
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
    print(f"\n{kills} kills; {len(texts)} messages to her, {repeated} sent once more")
    db.dispose()
