"""WhatsApp's edges: the verification handshake, signatures (forged, unsigned, altered and
replayed deliveries), Meta's own webhook samples, delivery statuses on reminders, the 24-hour
window (reminders as templates, 131047 retried once as the template) and rate limits."""

import asyncio
import json
from pathlib import Path

import httpx
from sqlalchemy import select

from bot import texts
from bot import texts as common
from bot.channels.whatsapp.updates import signature_valid
from bot.reminders.desk import ReminderDesk
from storage import reach
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, Identity, Reminder
from tests.graphapi.harness import WhatsAppBot, texts_of, until
from tests.graphapi.server import VERIFY_TOKEN, Person
from tests.helpers import Clock
from tests.test_reminders import wita

REFERENCE = Path(__file__).parent / "graphapi" / "reference"
ADMIN = Person("Bu Admin", wa_id="6281100000001", user_id="ID.1000000000000000001")
SITI = Person("Siti Aminah", wa_id="6281100000002", user_id="ID.1000000000000000002")


def test_signature_vectors_of_meta_and_its_sdk() -> None:
    vectors = json.loads((REFERENCE / "signature_test_vectors.json").read_text())["vectors"]
    for vector in vectors:
        body = vector["body"].encode()
        assert signature_valid(vector["app_secret"], body, vector["header_value"])
        assert not signature_valid(vector["app_secret"], body + b" ", vector["header_value"])
        assert not signature_valid("another secret", body, vector["header_value"])
    assert not signature_valid("s", b"{}", None) and not signature_valid("s", b"{}", "md5=00")


async def test_verification_handshake(whatsapp: WhatsAppBot) -> None:
    url = whatsapp.api.webhook_url
    async with httpx.AsyncClient() as client:
        good = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}
        ok = await client.get(url, params={**good, "hub.verify_token": VERIFY_TOKEN})
        assert ok.status_code == 200 and ok.text == "1158201444"
        assert ok.headers["content-type"].startswith("text/plain")
        wrong = await client.get(url, params={**good, "hub.verify_token": "meatyhamhock"})
        assert wrong.status_code == 403 and "1158201444" not in wrong.text
        mode = await client.get(
            url, params={**good, "hub.mode": "x", "hub.verify_token": VERIFY_TOKEN}
        )
        assert mode.status_code == 403
        assert (await client.get(url)).status_code == 403


async def test_forged_unsigned_altered_and_replayed_deliveries(
    whatsapp: WhatsAppBot, caplog: object
) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    await whatsapp.say(SITI, "/isi 2.5")
    body = api.delivery(SITI, {"type": "text", "text": {"body": "TUK Rahasia Sekali"}})
    unsigned = await asyncio.to_thread(api.post, body, {"Content-Type": "application/json"})
    forged = await asyncio.to_thread(api.post, body, api.signed(body, secret="not the secret"))
    altered_body = body.replace(b"Rahasia", b"Palsu12")
    altered = await asyncio.to_thread(api.post, altered_body, api.signed(body))
    assert (unsigned, forged, altered) == (401, 403, 403)
    assert "TUK Rahasia" not in caplog.text and "TUK Palsu" not in caplog.text  # type: ignore[attr-defined]

    before = len(api.screen(SITI))
    assert await asyncio.to_thread(api.post, body, api.signed(body)) == 200
    message_id = json.loads(body)["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    await whatsapp.wait_handled(message_id)
    whatsapp.handled.discard(message_id)
    assert await asyncio.to_thread(api.post, body, api.signed(body)) == 200  # Meta redelivers
    await whatsapp.wait_handled(message_id)
    assert len(api.screen(SITI)) == before + 1, "the redelivery is not answered again"
    with session_scope(whatsapp.db) as session:
        values = session.scalars(select(Answer.value)).all()
    assert values.count("TUK Rahasia Sekali") == 1


async def test_meta_samples_are_read(whatsapp: WhatsAppBot) -> None:
    """Meta's own webhook bodies (older shapes, a phone number only) are accepted, signed."""
    api = whatsapp.api
    for name in sorted((REFERENCE / "webhooks").glob("*.json")):
        body = name.read_bytes()
        assert await asyncio.to_thread(api.post, body, api.signed(body)) == 200, name.name
    sample = Person("Sheena Nelson", wa_id="16505551234")
    await until(lambda: len(api.screen(sample)) >= 3, 30, "answers to Meta's samples")
    answers = texts_of(api.screen(sample))
    assert "belum terdaftar" in answers and common.APOLOGY not in answers


async def test_a_reminder_inside_the_window_is_text_with_buttons_and_its_statuses_recorded(
    whatsapp: WhatsAppBot, clock: Clock
) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    desk = ReminderDesk(whatsapp.db, clock=clock)
    clock.now = wita(2026, 12, 31, 8, 30)
    await whatsapp.say(SITI, "/status")  # she wrote half an hour ago
    clock.now = wita(2026, 12, 31, 9, 0)
    await desk.run(whatsapp.channel.pusher)
    reminder = api.screen(SITI)[-1]
    assert reminder.kind == "interactive" and "2.5" in reminder.text
    assert any(choice_id == "c:/isi 2.5" for _, choice_id in reminder.choices)
    for state in ("sent", "delivered", "read"):
        assert await asyncio.to_thread(api.status, reminder, state) == 200
    await asyncio.to_thread(api.status, reminder, "delivered")  # late and out of order
    await until(lambda: _reminder(whatsapp).delivery == "read", 10, "the read status")
    row = _reminder(whatsapp)
    assert row.state == "sent" and row.message_ref == reminder.id and not row.as_template
    opened = texts_of(await whatsapp.press_on(SITI, reminder, "2.5"))
    assert "TUK ke-1: Nama TUK" in opened


async def test_outside_the_window_a_reminder_is_the_template(
    whatsapp: WhatsAppBot, clock: Clock
) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    api.close_window(SITI)
    clock.now = wita(2026, 12, 31, 9, 0)  # she last wrote on 24 November
    await ReminderDesk(whatsapp.db, clock=clock).run(whatsapp.channel.pusher)
    template = api.screen(SITI)[-1]
    assert template.kind == "template"
    assert template.payload["template"]["name"] == "pengingat_laporan"
    assert template.payload["template"]["language"]["code"] == "id"
    assert template.text.startswith("Siti Aminah | 2.5 Pengembangan dan Verifikasi TUK")
    assert template.text.endswith("| 7 Januari 2027")
    assert _reminder(whatsapp).as_template
    opened = await asyncio.to_thread(api.quick_reply, SITI, template, "/isi 2.5", "Isi sekarang")
    await whatsapp.wait_handled(opened)
    assert "TUK ke-1: Nama TUK" in api.screen(SITI)[-1].text


async def test_a_131047_failure_is_sent_again_once_as_the_template(
    whatsapp: WhatsAppBot, clock: Clock
) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    clock.now = wita(2026, 12, 31, 8, 30)
    await whatsapp.say(SITI, "/status")
    clock.now = wita(2026, 12, 31, 9, 0)
    api.close_window(SITI, later=True)  # Meta takes the text, then reports it failed
    await ReminderDesk(whatsapp.db, clock=clock).run(whatsapp.channel.pusher)
    await until(lambda: api.screen(SITI)[-1].kind == "template", 10, "the template")
    kinds = [m.kind for m in api.screen(SITI)[-2:]]
    assert kinds == ["interactive", "template"]
    await until(lambda: _reminder(whatsapp).as_template, 10, "the template recorded")
    row = _reminder(whatsapp)
    assert row.state == "sent" and row.message_ref == api.screen(SITI)[-1].id

    # The template fails too (say, the person blocked the number): marked, for the admin.
    count = len(api.screen(SITI))
    await asyncio.to_thread(api.status, api.screen(SITI)[-1], "failed", 131026)
    await until(lambda: _reminder(whatsapp).state == "unreachable", 10, "the failure recorded")
    with session_scope(whatsapp.db) as session:
        marked = reach.unreachable(session)
        identity = session.get(Identity, marked[0].key) if marked else None
    assert [m.name for m in marked] == ["Siti Aminah"]
    assert identity is not None and identity.unreachable_reason == "failed"
    assert texts.UNREACHABLE_REASONS["failed"]
    assert len(api.screen(SITI)) == count, "no more retries"


async def test_rate_limit_errors_are_waited_out(whatsapp: WhatsAppBot) -> None:
    api = whatsapp.api
    await whatsapp.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    api.fail_next(2, 130429, SITI)
    answered = await whatsapp.say(SITI, "/status")
    assert answered and "2.5" in texts_of(answered)
    api.fail_next(1, 131056, SITI)
    assert await whatsapp.say(SITI, "/menu")


def _reminder(whatsapp: WhatsAppBot) -> Reminder:
    with session_scope(whatsapp.db) as session:
        row = session.scalars(select(Reminder).order_by(Reminder.id.desc())).first()  # type: ignore[union-attr]
        assert row is not None
        session.expunge(row)
        return row
