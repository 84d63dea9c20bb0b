"""Updates of different people run at the same time; updates of one person run in order."""

from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.channels.order import PersonLocks


def sender_of(body: dict[str, Any]) -> int | None:
    """`sender_key` of an update as Telegram sent it (JSON), before it is parsed."""
    for part in body.values():
        if isinstance(part, dict):
            person = part.get("from") or part.get("chat")
            if isinstance(person, dict) and isinstance(person.get("id"), int):
                return int(person["id"])
    return None


def sender_key(update: object) -> int | None:
    """Whose update this is (the user, else the chat); None for anything else."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class PerSenderOrder(BaseUpdateProcessor):
    """Concurrent across senders, sequential (in arrival order) per sender (PersonLocks, as
    every channel orders a person's messages)."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._order = PersonLocks()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update once every earlier update of the same sender has finished."""
        key = sender_key(update)
        if key is None:
            await coroutine
            return
        self._order.waiting(key)
        async with self._order.turn(key):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
