"""Updates are stored before Telegram is told they arrived, and those a crash left unhandled
are handled at the next start: nobody has to type an answer twice."""

import time

from sqlalchemy import Engine, select

from conversations.service import create_invite
from render.renderer import Renderer
from storage import inbox
from storage.db import session_scope
from storage.enums import Role
from storage.inbox import InboxUpdate
from storage.types import utcnow
from tests.botapi.harness import TelegramBot, polling_bot, texts_of
from tests.botapi.server import BotApiStandIn, Person
from tests.graphapi.harness import until
from tests.helpers import Clock

SITI = Person(7301, "Siti")


def kept(db: Engine) -> list[tuple[str, bool]]:
    with session_scope(db) as session:
        rows = session.execute(select(InboxUpdate.key, InboxUpdate.handled_at)).all()
    return sorted((key, handled is not None) for key, handled in rows)


async def test_every_polled_update_is_kept_and_marked_handled(telegram: TelegramBot) -> None:
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    await telegram.say(SITI, "/menu")
    await telegram.say(SITI, "halo")
    rows = kept(telegram.db)  # the join's /start, /menu and "halo"
    assert len(rows) == 3 and all(handled for _, handled in rows[:2]), rows  # with the next
    await until(lambda: all(handled for _, handled in kept(telegram.db)), what='"halo" marked')


async def test_an_update_kept_before_a_crash_is_handled_at_the_next_start(
    api: BotApiStandIn, db: Engine, clock: Clock, renderer: Renderer
) -> None:
    code = create_invite(db, role=Role.KOORDINATOR_TUK, name="Siti Aminah", now=clock.now)
    body = {
        "update_id": 990001,
        "message": {
            "message_id": 41,
            "from": SITI.as_user(),
            "chat": SITI.as_chat(),
            "date": int(time.time()),
            "text": f"/start {code}",
            "entities": [{"offset": 0, "length": 6, "type": "bot_command"}],
        },
    }
    with session_scope(db) as session:  # polled and stored; the bot died before handling it
        kept_before = inbox.Kept("990001", f"telegram:{SITI.id}", 990001, body)
        inbox.keep(session, channel="telegram", updates=[kept_before], now=utcnow())
        session.commit()
    api.meet(SITI)
    async with polling_bot(api, db, clock, renderer) as bot:
        await bot.wait_handled(990001)
        assert "Selamat datang, Siti Aminah" in texts_of(api.chat(SITI.id))
    assert kept(db) == [("990001", True)]
    async with polling_bot(api, db, clock, renderer) as bot:  # handled: not again
        await bot.say(SITI, "/menu")
    assert texts_of(api.chat(SITI.id)).count("Selamat datang") == 1


def test_handled_updates_are_forgotten_after_a_week(db: Engine) -> None:
    from datetime import timedelta

    from bot.reminders.desk import ReminderDesk
    from bot.reminders.scheduler import ReminderScheduler

    now = utcnow()
    with session_scope(db) as session:
        for key, handled in (("1", now - timedelta(days=8)), ("2", now - timedelta(days=1)),
                             ("3", None)):  # fmt: skip
            body = {"update_id": int(key)}
            inbox.keep(session, channel="telegram", updates=[inbox.Kept(key, None, int(key), body)],
                       now=now - timedelta(days=9))  # fmt: skip
            if handled is not None:
                inbox.handled(session, channel="telegram", key=key, now=handled)
        session.commit()
    scheduler = ReminderScheduler(ReminderDesk(db), pusher=None)  # type: ignore[arg-type]
    assert scheduler._forget_now() == 1
    assert kept(db) == [("2", True), ("3", False)]
