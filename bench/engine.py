"""Time, statements and transactions per message through the dispatcher (durable SQLite).

Usage: python bench/engine.py [--members 100 100000] [--users 30]

For each member count, fills a fresh SQLite file (WAL, synchronous=FULL) with that many members,
each with a submitted TUK section of two entries, then times every message of new coordinators
filling in section 2.5 (three TUKs each), and of an admin (whose messages read the whole team).
Messages go through the dispatcher every channel uses (admin commands, then the conversation),
as a chat delivers them: each message's delivery (its replies sent) waits, as in the channels'
intake (bot/channels/deliveries.py), to be written with the person's next message, and what is
still waiting when a person stops is written then (counted with their last message).

Prints median and p99 in milliseconds, the SQL statements and the transactions per message
(counted on the engine), and beside them the floor: a raw sqlite3 transaction of the same
durability (WAL, synchronous=FULL, BEGIN IMMEDIATE) that writes what one answer must (the
message id applied, the answer, its revision, the conversation state), as a ratio.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, event, insert

from bot.channels import store
from bot.channels.deliveries import Deliveries
from bot.dispatcher import Dispatcher
from bot.server.app import build_dispatcher
from bot.server.config import Settings
from conversations.service import Message, create_invite
from render.renderer import Renderer
from storage.db import create_all, make_engine
from storage.delivery import Delivered
from storage.enums import Role
from storage.models import (
    Answer,
    Identity,
    Member,
    MemberRole,
    Period,
    Submission,
)

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
BATCH = 5_000
ENTRY = ["TUK Bench", "Jl. Bench 1", "1", "2", "Skema Bench", "12", "Berkembang baik"]


def populate(db: Engine, members: int) -> None:
    """Members with identities, roles and a submitted 2.5 of two entries each."""
    with db.begin() as connection:
        connection.execute(
            insert(Period).values(
                id=1, year=2026, semester="II", data_deadline=datetime(2027, 1, 7).date(),
                final_deadline=datetime(2027, 1, 31).date(), created_at=NOW,
            )
        )  # fmt: skip
        connection.execute(
            insert(Period).values(
                id=2, year=2026, semester="I", data_deadline=datetime(2026, 7, 7).date(),
                final_deadline=datetime(2026, 7, 31).date(), created_at=NOW,
            )
        )  # fmt: skip
    for start in range(1, members + 1, BATCH):
        ids = range(start, min(start + BATCH, members + 1))
        with db.begin() as connection:
            connection.execute(
                insert(Member), [{"id": i, "name": f"Anggota {i}", "created_at": NOW} for i in ids]
            )
            connection.execute(
                insert(MemberRole), [{"member_id": i, "role": "koordinator_tuk"} for i in ids]
            )
            connection.execute(
                insert(Identity),
                [{"key": f"console:m{i}", "member_id": i, "created_at": NOW} for i in ids],
            )
            connection.execute(
                insert(Submission),
                [
                    {"id": i, "period_id": 1, "section": "2.5", "member_id": i,
                     "status": "submitted", "created_at": NOW, "updated_at": NOW}
                    for i in ids
                ],
            )  # fmt: skip
            connection.execute(
                insert(Answer),
                [
                    {"submission_id": i, "entry_no": entry, "field": field, "value": "x",
                     "member_id": i, "channel": "console", "updated_at": NOW}
                    for i in ids
                    for entry in (1, 2)
                    for field in ("nama", "lokasi", "jenis", "status_verifikasi",
                                  "ruang_lingkup", "jumlah_asesi", "perkembangan")
                ],
            )  # fmt: skip


class Counter:
    """SQL statements and transactions run on an engine."""

    def __init__(self, db: Engine) -> None:
        self.statements = self.transactions = 0
        event.listen(db, "before_cursor_execute", self._statement)
        event.listen(db, "begin", self._begin)

    def _statement(self, *_: object) -> None:
        self.statements += 1

    def _begin(self, *_: object) -> None:
        self.transactions += 1

    def read(self) -> tuple[int, int]:
        """(statements, transactions) so far."""
        return self.statements, self.transactions


Timings = list[tuple[float, int, int]]  # seconds, statements, transactions of each message


def dispatcher(db: Engine) -> Dispatcher:
    """The dispatcher `lsp-bot run` builds, on the bench's clock."""
    return build_dispatcher(db, Renderer(1), Settings(), clock=lambda: NOW)


def timed(
    dispatch: Dispatcher, counter: Counter, message: Message, timings: Timings,
    waiting: Deliveries, *, last: bool = False,
) -> None:  # fmt: skip
    """Handle one message as a chat does: the replies (with the person's earlier delivery),
    then their delivery waiting (written at once if it is the person's `last` message)."""
    statements, transactions = counter.read()
    started = time.perf_counter()
    _live, replies = dispatch.answer(message, waiting.take(message.identity))
    assert message.message_id is not None
    waiting.add(Delivered(message.identity, None, (message.message_id,)))
    if last:
        drained = waiting.drain()
        store.record_deliveries(dispatch.service.db, drained, NOW)
        waiting.written(drained, ok=True)
    elapsed = time.perf_counter() - started
    after = counter.read()
    timings.append((elapsed, after[0] - statements, after[1] - transactions))
    assert replies, message.text


def measure(db: Engine, counter: Counter, users: int, *, prefix: str) -> Timings:
    """Seconds per message for `users` new coordinators each filling three TUKs."""
    dispatch = dispatcher(db)
    timings: Timings = []
    for n in range(users):
        identity = f"console:{prefix}{n}"
        code = create_invite(db, role=Role.KOORDINATOR_TUK, name=f"Bench {n}", now=NOW)
        script = [f"/start {code}", "/menu", "1", *ENTRY, "ya", *ENTRY, "ya", *ENTRY, "tidak"]
        script += ["/lewati", "kirim", "/status"]
        waiting = Deliveries()
        for number, text in enumerate(script):
            message = Message(identity, text, message_id=f"{n}-{number}")
            timed(dispatch, counter, message, timings, waiting, last=number == len(script) - 1)
    return timings


def measure_admin(db: Engine, counter: Counter, rounds: int) -> Timings:
    """Seconds per message of an admin, whose every message reads the team's state (and what
    others stored): the menu, opening 2.5, back, /status."""
    dispatch = dispatcher(db)
    code = create_invite(db, role=Role.ADMIN, name="Bench Admin", now=NOW)
    dispatch.handle(Message("console:bench-admin", f"/start {code}"))
    timings: Timings = []
    waiting = Deliveries()
    for n in range(rounds):
        for number, text in enumerate(("/menu", "4", "/batal", "/status")):
            message = Message("console:bench-admin", text, message_id=f"a{n}-{number}")
            timed(dispatch, counter, message, timings, waiting, last=number == 3)
    return timings


def raw_floor(folder: str, count: int = 300) -> float:
    """Median ms of a bare sqlite3 transaction doing one answer's writes, durably."""
    import sqlite3

    connection = sqlite3.connect(f"{folder}/floor.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.executescript(
        "CREATE TABLE seen (k TEXT, m TEXT, PRIMARY KEY (k, m));"
        "CREATE TABLE answer (s INTEGER, f TEXT, v TEXT, r INTEGER, PRIMARY KEY (s, f));"
        "CREATE TABLE revision (id INTEGER PRIMARY KEY, s INTEGER, f TEXT, v TEXT);"
        "CREATE TABLE state (k TEXT PRIMARY KEY, data TEXT);"
    )
    timings = []
    for n in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO seen VALUES ('telegram:1', ?)", (str(n),))
        connection.execute(
            "INSERT INTO answer VALUES (1, ?, '\"x\"', 1) ON CONFLICT DO UPDATE SET r = r + 1",
            (f"f{n % 7}",),
        )
        connection.execute("INSERT INTO revision (s, f, v) VALUES (1, ?, '\"x\"')", (f"f{n}",))
        connection.execute(
            "INSERT INTO state VALUES ('telegram:1', ?)"
            " ON CONFLICT DO UPDATE SET data = excluded.data",
            (f'{{"step": {n}}}',),
        )
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(timings) * 1000


Figures = tuple[float, float, int, float, float]


def _figures(timings: Timings) -> Figures:
    """(median ms, p99 ms, messages, statements a message, transactions a message)."""
    ms = sorted(t[0] * 1000 for t in timings)
    count = len(timings)
    statements = sum(t[1] for t in timings) / count
    transactions = sum(t[2] for t in timings) / count
    return statistics.median(ms), ms[max(0, int(count * 0.99) - 1)], count, statements, transactions


def run(members: int, users: int) -> tuple[Figures, Figures]:
    """The figures at this member count: coordinators, then the admin."""
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{folder}/bench.db")
        create_all(db)
        populate(db, members)
        counter = Counter(db)
        measure(db, counter, 2, prefix="warm")  # warm-up: caches, compiled statements
        timings = measure(db, counter, users, prefix="bench")
        admin = measure_admin(db, counter, 5)
        db.dispose()
    return _figures(timings), _figures(admin)


def main() -> None:  # run as a script: the renderer's pool spawns processes
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, nargs="+", default=[100, 100_000])
    parser.add_argument("--users", type=int, default=30)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        floor = raw_floor(folder)
    header = "members   messages   median ms   p99 ms   statements   transactions"
    print(f"{header}   x floor   (dispatcher + SQLite WAL commit, synchronous=FULL)")
    admins = []
    for members in args.members:
        (median, p99, count, statements, transactions), admin = run(members, args.users)
        results[members] = median
        admins.append((members, admin))
        print(f"{members:>7}   {count:>8}   {median:>9.3f}   {p99:>6.3f}   {statements:>10.1f}"
              f"   {transactions:>12.2f}   {median / floor:>7.1f}")  # fmt: skip
    print(f"floor: a raw sqlite3 transaction of one answer's writes, median {floor:.3f} ms")
    print("the admin (menu, open 2.5 with what others sent, back, /status):")
    print(header)
    for members, (median, p99, count, statements, transactions) in admins:
        print(f"{members:>7}   {count:>8}   {median:>9.3f}   {p99:>6.3f}   {statements:>10.1f}"
              f"   {transactions:>12.2f}")  # fmt: skip
    if len(results) > 1:
        low, high = min(results), max(results)
        print(f"median at {high} members / at {low}: {results[high] / results[low]:.2f}x")


if __name__ == "__main__":
    main()
