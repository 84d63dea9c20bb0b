"""The PTB Application lsp-bot talks to Telegram (or a stand-in Bot API) through: its address,
its connection pool, and a pace that keeps under Telegram's overall rate."""

import os
from typing import Any

from telegram.ext import Application

from bot.channels.telegram.wire import WireLimiter

# PTB 22 reports durations (such as a 429's retry_after) as timedelta when this is set, and
# warns on every such value otherwise; lsp-bot only ever reads them as timedelta.
os.environ.setdefault("PTB_TIMEDELTA", "true")

ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
# Telegram allows about 30 messages a second overall. One request at a time every 1/28 s keeps
# every one-second window under that, without the burst a bucket of 30 would allow.
MESSAGES_PER_SECOND = 28.0


def application_builder(
    token: str,
    api_base_url: str,
    max_retries: int = 5,
    instances: int = 1,
    per_second: float = MESSAGES_PER_SECOND,
) -> Any:
    """A PTB ApplicationBuilder for `api_base_url` (Telegram's, or a stand-in) that keeps under
    its share of Telegram's overall rate (`per_second`, shared by `instances` processes) and
    retries 429s."""
    root = api_base_url.rstrip("/")
    return (
        Application.builder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        # httpcore scans every pooled connection on every request: PTB's 256 cost 15% of the
        # time under load; 32 in flight is more than Telegram's 30 a second needs.
        .connection_pool_size(32)
        .pool_timeout(30)
        .rate_limiter(
            WireLimiter(
                overall_max_rate=1,
                overall_time_period=max(1, instances) / max(per_second, 0.1),
                max_retries=max_retries,
            )
        )
    )


def sending_application(token: str, api_base_url: str) -> Application:
    """An Application that only sends (no updates): for `lsp-bot reminders`."""
    return application_builder(token, api_base_url).updater(None).build()
