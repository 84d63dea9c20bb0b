"""WhatsApp's inbox: a delivery's messages are stored before the webhook answers 200 (Meta
does not send again what it got a 200 for), marked handled once their replies are out (with
the person's next message, or within a moment: bot/channels/deliveries.py), and a message
stored but not handled when the bot stopped or died is handled at the next start."""

import json

from sqlalchemy import Engine, select

from conversations.service import create_invite
from render.renderer import Renderer
from storage import inbox
from storage.db import session_scope
from storage.enums import Role
from storage.inbox import InboxUpdate
from storage.types import utcnow
from tests.graphapi.harness import WhatsAppBot, texts_of, until, whatsapp_bot
from tests.graphapi.server import GraphStandIn, Person
from tests.helpers import Clock

SITI = Person("Siti Aminah", wa_id="6281100000002", user_id="ID.1000000000000000002")


def kept(db: Engine) -> list[tuple[str, bool]]:
    with session_scope(db) as session:
        rows = session.execute(
            select(InboxUpdate.key, InboxUpdate.handled_at).where(InboxUpdate.channel == "whatsapp")
        ).all()
    return sorted((key, handled is not None) for key, handled in rows)


async def test_a_delivery_is_kept_then_marked_handled(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    await whatsapp.say(SITI, "/status")
    rows = kept(whatsapp.db)
    assert len(rows) == 2 and rows[0][1], rows  # the join: written with her /status
    await until(lambda: all(done for _, done in kept(whatsapp.db)), what="/status marked")


async def test_a_message_kept_before_a_crash_is_answered_at_start(
    graph: GraphStandIn, db: Engine, clock: Clock, renderer: Renderer
) -> None:
    code = create_invite(db, role=Role.KOORDINATOR_TUK, name="Siti Aminah", now=clock.now)
    raw = graph.delivery(SITI, {"type": "text", "text": {"body": f"/start {code}"}})
    graph._note_writers(raw)  # Meta has it (her 24-hour window is open); lsp-bot stored it
    body = json.loads(raw)
    key = body["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    with session_scope(db) as session:  # stored and answered 200; the bot died before handling
        inbox.keep(session, channel="whatsapp", updates=[inbox.Kept(key, None, None, body)],
                   now=utcnow())  # fmt: skip
        session.commit()
    async with whatsapp_bot(graph, db, clock, renderer) as bot:
        await until(lambda: key in bot.handled, what="the kept message handled")
        assert "Selamat datang, Siti Aminah" in texts_of(graph.screen(SITI))
    assert kept(db) == [(key, True)]
    async with whatsapp_bot(graph, db, clock, renderer) as bot:  # handled: not again
        await bot.say(SITI, "/menu")
    assert texts_of(graph.screen(SITI)).count("Selamat datang") == 1
