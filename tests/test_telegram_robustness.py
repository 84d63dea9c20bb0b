"""The Telegram channel when things go wrong or get busy: flood control, network trouble,
a failing send, many messages from one person at once, and a slow report beside others."""

import asyncio
import json
import logging
from pathlib import Path

import pytest

from bot import texts as common
from bot.channels import texts as channels_texts
from storage.enums import Role
from tests.botapi.harness import TelegramBot, texts_of
from tests.botapi.server import Failure, Person
from tests.helpers import stored_answers
from tests.reporting import TUK, populate

ADMIN = Person(7201, "Bu", "Admin")
SITI = Person(7202, "Siti", "Aminah")
PEOPLE = [Person(7300 + n, f"Peserta{n}") for n in range(40)]


async def test_retry_after_is_honoured(telegram: TelegramBot) -> None:
    api = telegram.api
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    api.fail(Failure("sendMessage", times=1, status=429, retry_after=1, chat_id=SITI.id))
    menu = await telegram.say(SITI, "/menu")
    assert "Periode pelaporan" in texts_of(menu)
    sends = [c for c in api.calls("sendMessage") if c.params["chat_id"] == SITI.id]
    refused, retried = sends[-2], sends[-1]
    assert refused.status == 429 and retried.status == 200
    assert retried.at - refused.at >= 1.0
    # (the stand-in also fails the test if anything reached that chat before retry_after ended)


async def test_about_thirty_messages_a_second_overall(telegram: TelegramBot) -> None:
    """Forty people write at the same moment: every one is answered, none too early."""
    api = telegram.api
    ids = [api.send_text(person, "halo") for person in PEOPLE]
    for update_id in ids:
        await telegram.wait_handled(update_id, timeout=60)
    assert all("belum terdaftar" in texts_of(api.chat(p.id)) for p in PEOPLE)
    sends = sorted(c.at for c in api.calls("sendMessage") if c.status == 200)
    busiest = max(sum(1 for t in sends if start <= t < start + 1) for start in sends)
    assert busiest <= api.overall_per_second


async def test_polling_survives_network_errors(telegram: TelegramBot) -> None:
    api = telegram.api
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    api.fail(Failure("getUpdates", times=2, status=502))
    while [c.status for c in api.calls("getUpdates")].count(502) < 2:
        await asyncio.sleep(0.05)
    menu = await telegram.say(SITI, "/menu")  # arrives after the network came back
    assert "Periode pelaporan" in texts_of(menu)


async def test_a_failing_send_ends_in_an_apology_not_a_traceback(
    telegram: TelegramBot, caplog: pytest.LogCaptureFixture
) -> None:
    api = telegram.api
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    api.fail(Failure("sendMessage", times=1, status=500, chat_id=SITI.id))
    with caplog.at_level(logging.ERROR, logger="bot.channels.telegram.channel"):
        sent = await telegram.say(SITI, "/menu")
    assert texts_of(sent) == common.APOLOGY
    assert any(r.exc_info for r in caplog.records), "the traceback goes to the log"
    assert "Traceback" not in texts_of(api.chat(SITI.id))
    again = await telegram.say(SITI, "/menu")
    assert "Periode pelaporan" in texts_of(again)


async def test_messages_of_one_person_are_applied_in_order(telegram: TelegramBot) -> None:
    api = telegram.api
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    lines = ["/menu", "2.5", "TUK Satu", "Alamat Satu", "1", "3", "Skema A", "12", "Baik"]
    ids = [api.send_text(SITI, line) for line in lines]  # all waiting at once
    for update_id in ids:
        await telegram.wait_handled(update_id)
    stored = stored_answers(telegram.db, user_name="Siti Aminah", section="2.5")
    assert stored[(1, "nama")] == "TUK Satu" and stored[(1, "lokasi")] == "Alamat Satu"
    assert stored[(1, "jenis")] == "tempat_kerja" and stored[(1, "jumlah_asesi")] == 12


async def test_others_are_answered_while_a_large_report_renders(telegram: TelegramBot) -> None:
    api = telegram.api
    await telegram.join(ADMIN, Role.ADMIN, "Bu Admin")
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    populate(telegram.db, tuks=1000 // len(TUK))
    draft = api.send_text(ADMIN, "/draft")
    await asyncio.sleep(0.3)
    menu = api.send_text(SITI, "/menu")
    await telegram.wait_handled(menu)
    assert draft not in telegram.handled, "Siti was answered while the report was rendering"
    await telegram.wait_handled(draft, timeout=120)
    assert api.chat(ADMIN.id)[-1].document is not None


async def test_old_shaped_updates_do_not_stall_polling(telegram: TelegramBot) -> None:
    """Telegram's own webhook-guide examples lack fields PTB requires; they are still read."""
    api = telegram.api
    folder = Path(__file__).parent / "botapi" / "reference" / "telegram"
    samples = sorted((folder / "official_webhook_guide_examples").glob("*.json"))
    ids = []
    for sample in samples:
        update = json.loads(sample.read_text())
        update.pop("update_id")
        ids.append(api.push(update))
    for update_id in ids:
        await telegram.wait_handled(update_id)
    seen = texts_of(api.chat(1111111))
    assert "belum terdaftar" in seen and channels_texts.TG_EDITED in seen
    await telegram.join(SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    assert "Periode pelaporan" in texts_of(await telegram.say(SITI, "/menu"))
