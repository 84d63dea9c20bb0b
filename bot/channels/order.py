"""One person's messages one after another, different people's at the same time (in this
process; across instances the inbox keeps the order: bot/channels/inbox.py)."""

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager


class PersonLocks:
    """A lock per person with messages under way, dropped when their last one is done."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._holders: dict[Hashable, int] = {}

    def waiting(self, person: Hashable) -> None:
        """A message of `person` arrived: it will run after the ones before it (call in
        arrival order, before any await)."""
        self._locks.setdefault(person, asyncio.Lock())
        self._holders[person] = self._holders.get(person, 0) + 1

    @asynccontextmanager
    async def turn(self, person: Hashable) -> AsyncIterator[None]:
        """Run once every earlier message of the person (registered by `waiting`) is done."""
        lock = self._locks[person]
        try:
            async with lock:
                yield
        finally:
            self._holders[person] -= 1
            if not self._holders[person]:
                del self._holders[person]
                del self._locks[person]

    def __len__(self) -> int:
        return len(self._locks)
