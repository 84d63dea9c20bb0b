"""What signing and the public verification page cost.

Usage: python bench/verification.py [--requests 300] [--uploads 30]

A fresh SQLite file, the 2026-II report filled as the golden transcripts fill it, and two
finals signed with a throwaway CA (as the tests make them). Then, over real HTTP to the
verification pages on uvicorn, one client after another: GET /verifikasi/<code> (the page a QR
code opens) and POST /verifikasi with the genuine PDF (reading it, its footer, its signature).
Prints the seconds a final takes unsigned and signed, and per request the median and the
slowest, with requests per second.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--uploads", type=int, default=30)
    args = parser.parse_args()

    import httpx

    from bot.server.verify_web import RateLimit
    from render.renderer import Renderer
    from render.verification import shown
    from storage.db import create_all, make_engine
    from storage.enums import Role
    from tests.helpers import SEMESTER_OVER, Chat, Clock
    from tests.verifying import publish, serving

    folder = Path(tempfile.mkdtemp())
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    create_all(engine)
    renderer = Renderer(2)
    renderer.warm()
    chat = Chat(engine, Clock(SEMESTER_OVER), renderer)
    chat.join("admin", Role.ADMIN, "Bu Admin")
    started = time.perf_counter()
    published = publish(chat, folder)  # two signed finals, and everything before them
    made = time.perf_counter() - started
    signer = chat.desk.signer
    print(f"two signed finals with the data before them: {made:.2f} s")
    spent: dict[bool, list[float]] = {False: [], True: []}
    for round_ in range(6):  # a changed answer, then /final: alternately unsigned and signed
        signed = round_ % 2 == 1
        chat.desk.signer = signer if signed else None
        chat.script("siti", ["/menu", "1", "2", "1", f"TUK Ukur {round_}"])
        at = time.perf_counter()
        assert "dibuat" in chat.say("admin", "/final")
        spent[signed].append(time.perf_counter() - at)
    plain, signed_median = statistics.median(spent[False]), statistics.median(spent[True])
    print(f"/final unsigned: median {plain:.2f} s; signed: {signed_median:.2f} s "
          f"(signing adds {(signed_median - plain) * 1000:.0f} ms, "
          f"{len(published.second) // 1024} KiB)")  # fmt: skip

    unlimited = RateLimit(burst=1e9, every=1e-9)
    with serving(published, unlimited) as base, httpx.Client(base_url=base) as client:
        page = f"/verifikasi/{shown(published.codes[1])}"
        client.get(page)
        times = []
        for _ in range(args.requests):
            at = time.perf_counter()
            assert client.get(page).status_code == 200
            times.append(time.perf_counter() - at)
        _report("GET code page", times)
        times = []
        files = {"berkas": ("laporan.pdf", published.second, "application/pdf")}
        for _ in range(args.uploads):
            at = time.perf_counter()
            assert "COCOK" in client.post("/verifikasi", files=files, timeout=60).text
            times.append(time.perf_counter() - at)
        _report("POST upload (genuine, signed)", times)
    renderer.close()


def _report(what: str, times: list[float]) -> None:
    median = statistics.median(times)
    print(f"{what}: {len(times)} requests, median {median * 1000:.1f} ms, "
          f"slowest {max(times) * 1000:.1f} ms, {1 / median:.0f} per second")  # fmt: skip


if __name__ == "__main__":
    main()
