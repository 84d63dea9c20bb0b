"""Reminders: how long selecting who is due takes with many members, and how fast reminders go
out through Telegram with the rate limit on.

Usage: python bench/reminders.py [--members 100000] [--send 900]

1. A fresh SQLite file with MEMBERS members (mixed roles, a Telegram identity each; a third
   have already sent their section, some declared nihil). At 09:00 WITA seven days before the
   data deadline, it times (a) selecting who is due (the occasion due now and everyone who
   still owes: one query per table, not one per member) and (b) recording the occasion with one
   reminder row per recipient.
2. SEND members on another fresh file, their reminders sent by lsp-bot's real Telegram pusher
   (a PTB Application with the same rate limiter as `lsp-bot run`) to the stand-in Bot API over
   local HTTP, which enforces Telegram's 30 messages a second with 429s. Prints the rate
   achieved, and checks every person got exactly one message.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, insert

from bot.channels.telegram.application import sending_application
from bot.channels.telegram.push import TelegramPusher
from bot.reminders.desk import ReminderDesk
from storage.db import create_all, make_engine, session_scope
from storage.enums import ReminderState
from storage.models import Identity, Member, MemberRole, Period, Submission
from tests.botapi.records import BOT
from tests.botapi.server import OVERALL_PER_SECOND, TOKEN, BotApiStandIn, Person

BATCH = 5000
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
DUE = datetime(2026, 12, 31, 1, 0, tzinfo=UTC)  # 09:00 WITA, 7 days before 7 January 2027
ROLES = ("koordinator_tuk", "asesor", "surveilan", "komite_skema")
FIRST_ID = 10_000_000


def populate(db: Engine, members: int) -> None:
    """Members with roles and Telegram identities; a third sent, a tenth nihil."""
    with db.begin() as connection:
        for pid, semester, data, final in (
            (1, "II", (2027, 1, 7), (2027, 1, 31)),
            (2, "I", (2026, 7, 7), (2026, 7, 31)),
        ):
            connection.execute(
                insert(Period).values(
                    id=pid, year=2026, semester=semester, data_deadline=datetime(*data).date(),
                    final_deadline=datetime(*final).date(), created_at=NOW,
                )
            )  # fmt: skip
    sections = {
        "koordinator_tuk": "2.5",
        "asesor": "3.2",
        "surveilan": "2.6",
        "komite_skema": "2.2",
    }
    for start in range(1, members + 1, BATCH):
        ids = range(start, min(start + BATCH, members + 1))
        with db.begin() as connection:
            connection.execute(
                insert(Member), [{"id": i, "name": f"Anggota {i}", "created_at": NOW} for i in ids]
            )
            connection.execute(
                insert(MemberRole), [{"member_id": i, "role": ROLES[i % 4]} for i in ids]
            )
            connection.execute(
                insert(Identity),
                [
                    {"key": f"telegram:{FIRST_ID + i}", "member_id": i, "created_at": NOW}
                    for i in ids
                ],
            )
            closed = [i for i in ids if i % 3 == 0 or i % 10 == 1]
            if closed:
                connection.execute(
                    insert(Submission),
                    [
                        {"period_id": 1, "section": sections[ROLES[i % 4]], "member_id": i,
                         "status": "nihil" if i % 10 == 1 else "submitted",
                         "created_at": NOW, "updated_at": NOW}
                        for i in closed
                    ],
                )  # fmt: skip


def selection(members: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        create_all(db)
        started = time.perf_counter()
        populate(db, members)
        print(f"{members:,} members stored in {time.perf_counter() - started:.1f} s")
        desk = ReminderDesk(db, clock=lambda: DUE)
        times: list[float] = []
        due_count = 0
        for _ in range(rounds):
            begun = time.perf_counter()
            send, _skip = desk.due_now(DUE)
            with session_scope(db) as session:
                due_count = sum(
                    len(desk.recipients(session, occasion.kind, occasion.period_id))
                    for occasion in send
                )
            times.append(time.perf_counter() - begun)
        print(
            f"select due reminders: {due_count:,} recipients of {members:,} members, "
            f"median {statistics.median(times):.3f} s, max {max(times):.3f} s ({rounds} rounds)"
        )
        begun = time.perf_counter()
        report = desk.prepare(DUE)
        planned = sum(count for _key, count in report.planned)
        print(f"record occasion + {planned:,} reminder rows: {time.perf_counter() - begun:.3f} s")
        db.dispose()


async def sending(people: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        create_all(db)
        populate(db, people)
        api = BotApiStandIn().start()
        try:
            for i in range(1, people + 1):
                api.meet(Person(FIRST_ID + i, f"Anggota {i}"))
            desk = ReminderDesk(db, clock=lambda: DUE)
            owed = sum(count for _key, count in desk.prepare(DUE).planned)
            application = sending_application(TOKEN, api.url)
            async with application:
                pusher = TelegramPusher(application.bot, BOT["username"])
                begun = time.perf_counter()
                report = await desk.run(pusher)
                elapsed = time.perf_counter() - begun
            sent = report.count(ReminderState.SENT)
            calls = api.calls("sendMessage")
            refused = sum(1 for call in calls if call.status == 429)
            chats = [len(api.chat(FIRST_ID + i)) for i in range(1, people + 1)]
            rate = sent / elapsed
            print(
                f"sent {sent:,} reminders in {elapsed:.1f} s: {rate:.1f}/s "
                f"= {rate / OVERALL_PER_SECOND:.0%} of the {OVERALL_PER_SECOND}/s limit; "
                f"429s {refused}; violations {len(api.violations)}"
            )
            print(
                f"people owing {owed:,}; got exactly one: {sum(1 for c in chats if c == 1):,}; "
                f"none: {sum(1 for c in chats if c == 0):,}; more than one: "
                f"{sum(1 for c in chats if c > 1)}"
            )
        finally:
            api.stop()
            db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=900)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    selection(args.members, args.rounds)
    asyncio.run(sending(args.send))


if __name__ == "__main__":
    main()
