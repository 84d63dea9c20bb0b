"""Many members at once: how long each waits for the bot's answer.

Usage: python bench/load.py [--members 200] [--database URL] [--telegram-rate]

Starts a real `lsp-bot run` (long polling the stand-in Bot API of tests/botapi over local
HTTP), invites MEMBERS TUK coordinators, and has all of them register by deep link and answer
the first questions of section 2.5 at once, each sending the next message once the bot has
answered the last (tests/load.py). Prints the median, p99 and slowest wait, from the moment the
update is offered to the bot to its first message back, and the bot's messages per second.

By default Telegram's overall limit (30 messages a second for every bot) is lifted in the
stand-in and in lsp-bot, so what is measured is lsp-bot; `--telegram-rate` keeps the limit, to
show what members of a real bot wait when everyone writes in the same minute.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.botapi.server import BotApiStandIn
from tests.load import environment, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--telegram-rate", action="store_true", help="keep the 30/s limit")
    args = parser.parse_args()
    rate = 30 if args.telegram_rate else 1000
    api = BotApiStandIn(overall_per_second=rate).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            more = {} if args.telegram_rate else {"TELEGRAM_MESSAGES_PER_SECOND": "1000"}
            env = environment(api, Path(folder), args.database, **more)
            outcome = run(api, env, Path(folder), args.members)
    finally:
        api.stop()
    where = "PostgreSQL" if args.database else "SQLite"
    limit = "Telegram's 30/s kept" if args.telegram_rate else "no Telegram limit"
    print(f"{args.members} members at once, {where}, {limit}: {outcome.figures()}")
    if "Traceback" in outcome.errors:
        print(outcome.errors, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
