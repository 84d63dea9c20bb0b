"""Logging to standard error, with nothing secret in it: the configured tokens and secrets (and
anything shaped like a Telegram bot token) are masked in every line, tracebacks included, and
the libraries that log whole requests (httpx, httpcore) or whole updates (python-telegram-bot at
DEBUG: members' answers) are held at a level where they do not."""

import logging
import re
from collections.abc import Iterable

MASK = "[disembunyikan]"
# Telegram bot tokens: "123456789:AA..." (in URLs as /bot123456789:AA.../method).
_BOT_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}")
# Libraries and the least level they may log at: below it they print request URLs or bodies.
QUIET = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "hpack": logging.WARNING,
    "telegram": logging.INFO,
    "apscheduler": logging.INFO,
    "multipart": logging.WARNING,
    "asyncio": logging.INFO,
}


class RedactingFormatter(logging.Formatter):
    """A formatter that masks the given secrets and bot-token shapes in the whole record."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def redact(self, line: str) -> str:
        for secret in self.secrets:
            line = line.replace(secret, MASK)
        return _BOT_TOKEN.sub(MASK, line)


def configure_logging(level: str, secrets: Iterable[str] = ()) -> logging.Handler:
    """Log at `level` to standard error through a redacting handler (replacing any other)."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    wanted = logging.getLevelName(level)
    for name, floor in QUIET.items():
        logging.getLogger(name).setLevel(max(floor, wanted if isinstance(wanted, int) else 0))
    return handler
