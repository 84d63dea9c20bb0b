"""WhatsApp: how fast people are answered, 50 at once, and while a large report renders.

Usage: python bench/whatsapp_replies.py [--people 50] [--rows 1000]

Runs lsp-bot's WhatsApp channel behind the real web server (`run_bot`, uvicorn) against the
stand-in Graph API (tests/graphapi) over local HTTP, with a fresh SQLite file holding about
ROWS report table rows. Each latency runs from the moment Meta's signed delivery is posted to
the webhook to the moment the bot's first reply reaches the stand-in. Prints the median and
the slowest with PEOPLE people answering at once, then the same while the admin's /draft
renders.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from render.renderer import Renderer
from storage.db import create_all, make_engine
from storage.enums import Role
from tests.graphapi.harness import WhatsAppBot, whatsapp_bot
from tests.graphapi.server import GraphStandIn, Person
from tests.helpers import NOW, Clock
from tests.reporting import ROWS_PER_TUK, populate

ADMIN = Person("Admin", wa_id="6281300000000")


async def first_reply(bot: WhatsAppBot, person: Person, text: str) -> float:
    """Milliseconds from posting the person's message to the bot's first reply."""
    before = len(bot.api.screen(person))
    begun = time.perf_counter()
    message = asyncio.create_task(asyncio.to_thread(bot.api.write, person, text))
    while len(bot.api.screen(person)) == before:
        await asyncio.sleep(0.002)
    elapsed = (time.perf_counter() - begun) * 1000
    await bot.wait_handled(await message)
    return elapsed


async def crowd(bot: WhatsAppBot, people: list[Person]) -> list[float]:
    """Everyone sends /status at the same moment."""
    return list(await asyncio.gather(*(first_reply(bot, p, "/status") for p in people)))


async def scenario(count: int, rows: int) -> None:
    """Measure a crowd, then a crowd while /draft renders."""
    people = [Person(f"Asesor {n}", wa_id=f"62813{n:08d}") for n in range(1, count + 1)]
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        create_all(db)
        populate(db, tuks=max(1, rows // ROWS_PER_TUK))
        renderer = Renderer()
        renderer.warm()
        api = GraphStandIn().start()
        try:
            async with whatsapp_bot(api, db, Clock(NOW), renderer) as bot:
                await bot.join(ADMIN, Role.ADMIN, "Admin")
                for person in people:
                    await bot.join(person, Role.ASESOR, person.name)
                idle = await crowd(bot, people)
                draft = asyncio.create_task(asyncio.to_thread(api.write, ADMIN, "/draft"))
                while renderer.in_flight == 0:
                    await asyncio.sleep(0.005)
                busy = await crowd(bot, people)
                rendering = renderer.in_flight > 0
                await bot.wait_handled(await draft, timeout=300)
        finally:
            api.stop()
            renderer.close()
        assert not api.violations, api.violations
    for label, figures in (("at once", idle), ("while a draft renders", busy)):
        print(f"{count} people {label}: median {statistics.median(figures):.0f} ms, "
              f"slowest {max(figures):.0f} ms")  # fmt: skip
    if not rendering:
        print("(the draft finished before the last reply: a larger --rows keeps it busy)")


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(scenario(args.people, args.rows))


if __name__ == "__main__":
    main()
