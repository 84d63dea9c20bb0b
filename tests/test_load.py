"""200 members register by deep link and answer at once through the stand-in Bot API, against a
real `lsp-bot run` on SQLite (the default) and on PostgreSQL: nothing is lost or reordered, no
message fails ("database is locked" included), and the figures are printed (bench/load.py
measures them; no wall-clock limit here)."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot import texts as common
from storage.db import make_engine
from tests.botapi.server import BotApiStandIn
from tests.helpers import stored_answers
from tests.load import FIRST_ID, environment, run

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

MEMBERS = 200


@pytest.fixture
def crowd_api() -> "BotApiStandIn":
    """The stand-in, with Telegram's overall limit raised (as for a bot with paid broadcasts),
    so what is measured is lsp-bot, not the 30 messages a second every bot gets."""
    standin = BotApiStandIn(overall_per_second=1000).start()
    yield standin  # type: ignore[misc]
    standin.stop()
    assert standin.violations == [], standin.violations[:5]


def test_two_hundred_members_at_once(
    crowd_api: BotApiStandIn, backend: str, db: Engine, tmp_path: Path
) -> None:
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    for leftover in tmp_path.glob("lsp-bot.db*"):  # on SQLite, `lsp-bot init` makes its own
        leftover.unlink()
    env = environment(crowd_api, tmp_path, url, TELEGRAM_MESSAGES_PER_SECOND="1000")
    outcome = run(crowd_api, env, tmp_path, MEMBERS)
    print(f"\n{backend}, {MEMBERS} members: {outcome.figures()}")
    assert "Traceback" not in outcome.errors and "locked" not in outcome.errors, outcome.errors
    assert len(outcome.latencies) == MEMBERS * 4  # every line of every member was answered
    check = make_engine(url)
    for n in range(MEMBERS):
        chat = crowd_api.chat(FIRST_ID + n)
        said = [m.text or "" for m in chat]
        assert said[0].startswith(f"Selamat datang, Koordinator {n}"), said[:2]
        assert not any(common.APOLOGY in t for t in said), said
        stored = stored_answers(check, user_name=f"Koordinator {n}", section="2.5")
        assert stored.get((1, "nama")) == f"TUK Bengkel {n}", (n, stored)
    check.dispose()
