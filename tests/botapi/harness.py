"""A real lsp-bot Telegram Application, polling the stand-in, and people who talk to it."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine

from bot.certificates.commands import CertificateCommands
from bot.certificates.desk import CertificateDesk
from bot.channels.telegram.application import ALLOWED_UPDATES
from bot.channels.telegram.channel import TelegramChannel
from bot.dispatcher import Dispatcher
from bot.members.commands import MemberCommands
from bot.members.desk import MemberDesk
from bot.reports.commands import ReportCommands
from bot.reports.desk import ReportDesk
from conversations.service import ConversationService, create_invite
from render.renderer import Renderer
from storage.enums import Role
from tests.botapi.server import TOKEN, BotApiStandIn, Person, Sent
from tests.helpers import Clock, codes


@dataclass
class TelegramBot:
    """The running bot, seen from the outside: push what people do, read what it sent."""

    api: BotApiStandIn
    channel: TelegramChannel
    db: Engine
    clock: Clock
    handled: set[int] = field(default_factory=set)

    async def wait_handled(self, update_id: int, timeout: float = 30) -> None:
        """Until the bot has finished with an update (every reply sent)."""
        deadline = time.monotonic() + timeout
        while update_id not in self.handled:
            if time.monotonic() > deadline:
                raise TimeoutError(f"update {update_id} not handled within {timeout} s")
            await asyncio.sleep(0.005)

    async def say(self, person: Person, text: str) -> list[Sent]:
        """The person types; the bot's new messages."""
        before = len(self.api.chat(person.id))
        await self.wait_handled(self.api.send_text(person, text))
        return self.api.chat(person.id)[before:]

    async def press(self, person: Person, label: str) -> list[Sent]:
        """The person presses the button whose text contains `label` on the newest keyboard."""
        sent, data = self.button(person, label)
        before = len(self.api.chat(person.id))
        await self.wait_handled(self.api.press(person, sent, data))
        return self.api.chat(person.id)[before:]

    async def press_on(self, person: Person, sent: Sent, label: str) -> list[Sent]:
        """Press a button of a given (possibly old) message."""
        data = next(b["callback_data"] for b in sent.buttons if label in b["text"])
        before = len(self.api.chat(person.id))
        await self.wait_handled(self.api.press(person, sent, data))
        return self.api.chat(person.id)[before:]

    def button(self, person: Person, label: str) -> tuple[Sent, str]:
        """The newest message with buttons, and the data of the one labelled `label`."""
        for sent in reversed(self.api.chat(person.id)):
            if sent.buttons:
                for button in sent.buttons:
                    if label in button["text"]:
                        return sent, button["callback_data"]
                raise AssertionError(f"no button {label!r} in {[b['text'] for b in sent.buttons]}")
        raise AssertionError("no message with buttons")

    async def send_file(self, person: Person, name: str, data: bytes, mime: str) -> list[Sent]:
        """The person sends a document."""
        before = len(self.api.chat(person.id))
        await self.wait_handled(self.api.send_document(person, name, data, mime))
        return self.api.chat(person.id)[before:]

    async def send_photo(self, person: Person, data: bytes) -> list[Sent]:
        """The person sends a photo."""
        before = len(self.api.chat(person.id))
        await self.wait_handled(self.api.send_photo(person, data))
        return self.api.chat(person.id)[before:]

    async def join(self, person: Person, role: Role, name: str | None = None) -> list[Sent]:
        """Register through a fresh invite code, the way a deep link does."""
        code = create_invite(self.db, role=role, name=name, now=self.clock.now)
        return await self.say(person, f"/start {code}")


def dispatcher_for(db: Engine, clock: Clock, renderer: Renderer) -> Dispatcher:
    """The dispatcher of a real bot, with the test's clock and predictable invite codes."""
    invite_codes = codes()
    service = ConversationService(db, clock=clock, code_factory=lambda: next(invite_codes))
    desk = ReportDesk(db, renderer, clock=clock)
    members = MemberCommands(db, MemberDesk(db, clock=clock))
    certificates = CertificateCommands(db, CertificateDesk(db, clock=clock), desk.period)
    return Dispatcher(service, ReportCommands(db, desk), members=members, certificates=certificates)


@asynccontextmanager
async def polling_bot(
    api: BotApiStandIn, db: Engine, clock: Clock, renderer: Renderer
) -> AsyncIterator[TelegramBot]:
    """lsp-bot's Application long-polling the stand-in, in this event loop."""
    bot = TelegramBot(api, None, db, clock)  # type: ignore[arg-type]
    channel = TelegramChannel(dispatcher_for(db, clock, renderer), db, on_handled=bot.handled.add)
    bot.channel = channel
    application = channel.build(token=TOKEN, api_base_url=api.url, max_retries=5)
    async with application:
        await channel.start(application)
        await channel.replay(application)  # as `lsp-bot run` does: updates kept before a crash
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=timedelta(seconds=1), allowed_updates=list(ALLOWED_UPDATES)
        )
        try:
            yield bot
        finally:
            await application.updater.stop()
            await application.stop()
    channel.close()


def texts_of(messages: list[Sent]) -> str:
    """What a person reads, messages separated by a blank line."""
    return "\n\n".join(m.text or "" for m in messages)
