"""What passes between the reminder desk and the channels that push: a push's outcome
(`Delivery`), the channel's side (`Pusher`, awaiting `Begin` right before it sends), a claimed
reminder ready to go (`Outgoing`), and what one tick did (`TickReport`)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from conversations.events import Reply
from storage.enums import ReminderState


@dataclass(frozen=True)
class Delivery:
    """What a channel says about one push: sent, to retry (after some seconds), or the person
    cannot be reached (why: 'blocked', 'deactivated', 'not_found', ...)."""

    sent: bool
    retry_after: float | None = None
    unreachable: str | None = None
    detail: str = ""
    message_ref: str | None = None  # the channel's id of the message, where it reports later
    as_template: bool = False  # sent as the approved template (WhatsApp, outside 24 hours)


# Awaited by a pusher just before the request that delivers (after its own pacing): the desk
# marks the reminder SENDING then. False: this desk no longer holds it, so nothing is sent.
# Awaited again (a reply of several messages, a retry), it gives the same answer.
Begin = Callable[[], Awaitable[bool]]


async def always_begin() -> bool:
    """A `Begin` for a push nobody else can take over."""
    return True


class Pusher(Protocol):
    """A channel that can send a message nobody asked for (Telegram, WhatsApp)."""

    channels: tuple[str, ...]

    async def push(self, identity: str, reply: Reply, begin: Begin = always_begin) -> Delivery:
        """Send one reminder, awaiting `begin` once right before it goes out; never raises
        for delivery problems."""
        ...


@dataclass(frozen=True)
class Outgoing:
    """A claimed reminder, ready to go."""

    reminder_id: int
    member_id: int
    name: str
    identity: str
    occasion_key: str
    reply: Reply


@dataclass
class TickReport:
    """What one tick did, one line per recipient (for logs and `lsp-bot reminders`)."""

    planned: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    recent_skips: list[tuple[str, str]] = field(default_factory=list)  # missed lately
    outcomes: list[tuple[str, str, str, ReminderState]] = field(default_factory=list)

    def count(self, state: ReminderState) -> int:
        """How many reminders ended in this state."""
        return sum(1 for outcome in self.outcomes if outcome[3] is state)
