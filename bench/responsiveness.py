"""How fast other people get answers while a large report renders.

Usage: python bench/responsiveness.py [--tuks 450]

Fills a fresh SQLite file (about 5,000 table rows with the default), starts /draft as the
admin in one thread and, while it renders, sends messages as a TUK coordinator; prints the
reply times (median and max, milliseconds) and the draft's own time.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conversations.service import Message
from render.renderer import Renderer
from storage.db import make_engine
from storage.enums import Role
from tests.helpers import NOW, Chat, Clock
from tests.reporting import populate

MESSAGES = ["/menu", "1", "TUK Sela", "Jl. Sela", "1", "1", "/status", "/menu"]


def main() -> None:
    """Run the scenario once and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--tuks", type=int, default=450)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        populate(db, tuks=args.tuks)
        renderer = Renderer()
        renderer.warm()
        chat = Chat(db, Clock(NOW), renderer)
        chat.join("siti", Role.KOORDINATOR_TUK, "Siti Baru")
        started = time.perf_counter()
        draft = threading.Thread(
            target=lambda: chat.dispatcher.handle(Message("console:admin", "/draft"))
        )
        draft.start()
        while renderer.in_flight == 0 and draft.is_alive():
            time.sleep(0.005)
        times: list[float] = []
        for _round in range(20):
            for text in MESSAGES:
                if renderer.in_flight == 0:
                    break
                begun = time.perf_counter()
                chat.say("siti", text)
                times.append((time.perf_counter() - begun) * 1000)
            time.sleep(0.2)
        draft.join()
        total = time.perf_counter() - started
        renderer.close()
    print(f"draft of {args.tuks} TUKs: {total:.2f} s; {len(times)} replies while rendering: "
          f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
