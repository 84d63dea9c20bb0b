"""While lsp-bot works on a WhatsApp message, the person sees it read, with "typing…"."""

import asyncio
from contextlib import suppress

from bot.channels.whatsapp.client import GraphClient, GraphError

TYPING_EVERY = 20.0  # s: Meta shows 'typing…' for about 25 s


class Reading:
    """While the body runs, the incoming message is marked read with 'typing…' (renewed)."""

    def __init__(self, client: GraphClient, message_id: str, renew: bool) -> None:
        self.client, self.message_id, self.renew = client, message_id, renew
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> None:
        self._task = asyncio.create_task(self._keep())

    async def __aexit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def _keep(self) -> None:
        with suppress(GraphError):
            while True:
                await self.client.mark_read(self.message_id, typing=True)
                if not self.renew:
                    return
                await asyncio.sleep(TYPING_EVERY)
