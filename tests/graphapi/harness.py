"""A real lsp-bot WhatsApp channel behind the real web server (`run_bot`, uvicorn on a local
port), talking to the Graph stand-in; and people who write to it through Meta's webhook."""

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Engine

from bot.channels.whatsapp.channel import WhatsAppChannel
from bot.channels.whatsapp.client import PER_PERSON_RATE, GraphClient
from bot.channels.whatsapp.push import WhatsAppPusher
from bot.reminders.desk import ReminderDesk
from bot.server.config import Settings
from bot.server.runner import run_bot
from conversations.service import create_invite
from render.renderer import Renderer
from storage.enums import Role
from tests.botapi.harness import dispatcher_for
from tests.graphapi.server import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    TOKEN,
    VERIFY_TOKEN,
    GraphStandIn,
    Person,
    Sent,
)
from tests.helpers import Clock

TEMPLATE = "pengingat_laporan"


def free_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def whatsapp_settings(api: GraphStandIn, port: int, **more: Any) -> dict[str, Any]:
    """The settings (environment names in lower case) of a bot talking to the stand-in."""
    return {
        "whatsapp_token": TOKEN,
        "whatsapp_phone_number_id": PHONE_NUMBER_ID,
        "whatsapp_app_secret": APP_SECRET,
        "whatsapp_verify_token": VERIFY_TOKEN,
        "whatsapp_api_base_url": api.base_url,
        "whatsapp_template": TEMPLATE,
        "host": "127.0.0.1",
        "port": port,
        **more,
    }


@dataclass
class WhatsAppBot:
    """The running bot, seen from the outside: what people do, what it sent them."""

    api: GraphStandIn
    channel: WhatsAppChannel
    db: Engine
    clock: Clock
    handled: set[str] = field(default_factory=set)

    async def wait_handled(self, message_id: str, timeout: float = 60) -> None:
        """Until the bot has finished with a message (every reply sent)."""
        deadline = time.monotonic() + timeout
        while message_id not in self.handled:
            if time.monotonic() > deadline:
                raise TimeoutError(f"message {message_id} not handled within {timeout} s")
            await asyncio.sleep(0.005)

    async def _after(self, person: Person, action: Any, *args: Any) -> list[Sent]:
        before = len(self.api.screen(person))
        await self.wait_handled(await asyncio.to_thread(action, person, *args))
        return self.api.screen(person)[before:]

    async def say(self, person: Person, text: str) -> list[Sent]:
        """The person types; the bot's new messages."""
        return await self._after(person, self.api.write, text)

    async def press(self, person: Person, label: str) -> list[Sent]:
        """The person presses the button or list row whose title contains `label` on the
        newest message that has any."""
        sent, choice_id, title = self.choice(person, label)
        return await self._after(person, self.api.pick, sent, choice_id, title)

    async def press_on(self, person: Person, sent: Sent, label: str) -> list[Sent]:
        """Press a choice of a given (possibly old) message."""
        title, choice_id = next(c for c in sent.choices if label in c[0])
        return await self._after(person, self.api.pick, sent, choice_id, title)

    def choice(self, person: Person, label: str) -> tuple[Sent, str, str]:
        """The newest message with choices, and the id and title of the one matching."""
        for sent in reversed(self.api.screen(person)):
            if sent.choices:
                for title, choice_id in sent.choices:
                    if label in title:
                        return sent, choice_id, title
                raise AssertionError(f"no choice {label!r} in {sent.choices}")
        raise AssertionError("no message with choices")

    async def send_file(self, person: Person, name: str, data: bytes, mime: str) -> list[Sent]:
        """The person sends a document."""
        return await self._after(person, self.api.send_file, name, data, mime)

    async def send_image(self, person: Person, data: bytes) -> list[Sent]:
        """The person sends a photo."""
        return await self._after(person, self.api.send_image, data)

    async def other(self, person: Person, kind: str, content: dict[str, Any]) -> list[Sent]:
        """The person sends a reaction, a sticker, a location, ..."""
        return await self._after(person, self.api.send_other, kind, content)

    async def join(self, person: Person, role: Role, name: str | None = None) -> list[Sent]:
        """Register through a fresh invite code, the way the wa.me link does."""
        code = create_invite(self.db, role=role, name=name, now=self.clock.now)
        return await self.say(person, f"/start {code}")


async def wait_serving(port: int, timeout: float = 30) -> None:
    """Until the web server answers its health check."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while True:
            try:
                if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the web server did not start")
            await asyncio.sleep(0.02)


@asynccontextmanager
async def whatsapp_bot(
    api: GraphStandIn,
    db: Engine,
    clock: Clock,
    renderer: Renderer,
    *,
    reminders: ReminderDesk | None = None,
    per_person_rate: float = PER_PERSON_RATE,
) -> AsyncIterator[WhatsAppBot]:
    """lsp-bot's WhatsApp channel served by `run_bot`, in this event loop (sending to one
    person at `per_person_rate` messages a second after a burst: Meta's pace by default)."""
    port = free_port()
    settings = Settings(_env_file=None, **whatsapp_settings(api, port, reminder_tick_seconds=3600))  # type: ignore[call-arg]
    client = GraphClient(
        base_url=api.base_url, token=TOKEN, phone_number_id=PHONE_NUMBER_ID, rate_wait=0.05,
        per_person_rate=per_person_rate,
    )  # fmt: skip
    pusher = WhatsAppPusher(client, db, template=TEMPLATE, clock=clock)
    bot = WhatsAppBot(api, None, db, clock)  # type: ignore[arg-type]
    dispatcher = dispatcher_for(db, clock, renderer)
    channel = WhatsAppChannel(
        dispatcher, db, client, pusher, clock=clock, on_handled=bot.handled.add
    )
    bot.channel = channel
    stop = asyncio.Event()
    running = asyncio.create_task(
        run_bot(settings, engine=db, stop=stop, whatsapp=channel, reminders=reminders)
    )
    try:
        await wait_serving(port)
        api.webhook_url = f"http://127.0.0.1:{port}/webhook/whatsapp"
        yield bot
    finally:
        stop.set()
        await running


def texts_of(messages: list[Sent]) -> str:
    """What a person reads, messages separated by a blank line."""
    return "\n\n".join(m.text for m in messages)


async def until(condition: Any, timeout: float = 20, what: str = "") -> None:
    """Wait, without blocking the event loop the bot runs in, until the condition holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what or condition}")
        await asyncio.sleep(0.01)
