"""Webhook mode through `run_telegram`: Telegram posts updates to bot/server/web.py, which accepts
only those carrying the secret token; the replies go out through the stand-in Bot API."""

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import Engine

from bot.channels.telegram.channel import TelegramChannel
from bot.server.config import Settings
from bot.server.runner import SettingsError, check_settings, run_telegram
from render.renderer import Renderer
from storage.enums import Role
from tests.botapi.harness import dispatcher_for
from tests.botapi.server import TOKEN, BotApiStandIn, Person
from tests.helpers import Clock, stored_answers

SECRET = "uji-Rahasia_123"
SITI = Person(7102, "Siti", "Aminah")


@dataclass
class Webhook:
    """The running bot in webhook mode and where to post to it."""

    api: BotApiStandIn
    url: str
    handled: set[int]

    async def post(self, update: dict[str, object], secret: str | None = SECRET) -> int:
        """POST an update as Telegram would; the HTTP status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with httpx.AsyncClient() as client:
            response = await client.post(f"{self.url}/telegram", json=update, headers=headers)
        return response.status_code

    async def settle(self, update_id: int) -> None:
        """Until the bot has answered this update."""
        for _ in range(2000):
            if update_id in self.handled:
                return
            await asyncio.sleep(0.005)
        raise TimeoutError(update_id)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _text_update(update_id: int, person: Person, text: str) -> dict[str, object]:
    message = {"message_id": update_id, "from": person.as_user(), "chat": person.as_chat(),
               "date": 1764000000, "text": text}  # fmt: skip
    return {"update_id": update_id, "message": message}


@pytest.fixture
async def webhook(
    api: BotApiStandIn, db: Engine, clock: Clock, renderer: Renderer
) -> AsyncIterator[Webhook]:
    port = _free_port()
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.url,
        telegram_webhook_url="https://lsp.contoh.sch.id/telegram",
        telegram_webhook_secret=SECRET,
        port=port,
    )
    check_settings(settings)
    handled: set[int] = set()
    channel = TelegramChannel(dispatcher_for(db, clock, renderer), db, on_handled=handled.add)
    stop = asyncio.Event()
    running = asyncio.create_task(run_telegram(settings, channel, engine=db, stop=stop))
    url = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient() as client:
        for _ in range(500):
            try:
                if (await client.get(f"{url}/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.02)
    yield Webhook(api, url, handled)
    stop.set()
    await running


async def test_webhook_accepts_only_the_secret(webhook: Webhook, db: Engine) -> None:
    api = webhook.api
    [setting] = api.calls("setWebhook")
    assert setting.params["url"] == "https://lsp.contoh.sch.id/telegram"
    assert setting.params["secret_token"] == SECRET

    from conversations.service import create_invite

    code = create_invite(db, role=Role.KOORDINATOR_TUK, name="Siti Aminah")
    api.meet(SITI)
    assert await webhook.post(_text_update(501, SITI, f"/start {code}"), secret=None) == 403
    assert await webhook.post(_text_update(501, SITI, f"/start {code}"), secret="salah") == 403
    await asyncio.sleep(0.2)
    assert api.chat(SITI.id) == [] and 501 not in webhook.handled

    assert await webhook.post(_text_update(501, SITI, f"/start {code}")) == 200
    await webhook.settle(501)
    assert "Selamat datang, Siti Aminah" in (api.chat(SITI.id)[0].text or "")

    # Telegram retries an update it thinks failed: the same update_id is applied once.
    await webhook.post(_text_update(502, SITI, "/menu"))
    await webhook.settle(502)
    await webhook.post(_text_update(503, SITI, "2.5"))
    await webhook.settle(503)
    await webhook.post(_text_update(504, SITI, "TUK Bengkel"))
    await webhook.settle(504)
    count = len(api.chat(SITI.id))
    webhook.handled.discard(504)
    assert await webhook.post(_text_update(504, SITI, "TUK Bengkel")) == 200
    await webhook.settle(504)
    assert len(api.chat(SITI.id)) == count
    stored = stored_answers(db, user_name="Siti Aminah", section="2.5")
    assert stored == {(1, "nama"): "TUK Bengkel"}


async def test_webhook_refuses_what_is_not_an_update_and_reports_health(webhook: Webhook) -> None:
    async with httpx.AsyncClient() as client:
        health = await client.get(f"{webhook.url}/healthz")
        bad = await client.post(
            f"{webhook.url}/telegram",
            content=b"{not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        elsewhere = await client.post(f"{webhook.url}/lain", content=b"{}")
    assert health.status_code == 200 and json.loads(health.text) == {"status": "ok"}
    assert bad.status_code == 400
    assert elsewhere.status_code in (404, 405)


def test_settings_telegram_would_refuse_are_refused_first() -> None:
    def problem(**values: object) -> str:
        with pytest.raises(SettingsError) as raised:
            check_settings(Settings(_env_file=None, **values))  # type: ignore[arg-type]
        return str(raised.value)

    assert "TELEGRAM_BOT_TOKEN" in problem()
    hook = {"telegram_bot_token": TOKEN}
    assert "https://" in problem(**hook, telegram_webhook_url="http://lsp.contoh.sch.id/tg")
    assert "https://" in problem(**hook, telegram_webhook_url="https://lsp.contoh.sch.id:8080/")
    assert "SECRET" in problem(**hook, telegram_webhook_url="https://lsp.contoh.sch.id/tg")
    assert "huruf" in problem(
        **hook, telegram_webhook_url="https://lsp.contoh.sch.id/tg", telegram_webhook_secret="a b"
    )
