"""What is recorded once a person's replies are out: which message's buttons are live now, the
messages whose replies were sent (a redelivery gets nothing more), and the channel updates that
are handled. A channel keeps these for a moment and writes them with the person's next message,
or with everyone's at once (bot/channels/deliveries.py): one transaction for a message, not two.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from storage import inbox, writes


@dataclass(frozen=True)
class Delivered:
    """One person's replies sent: `prompt`, the platform's id of the message whose buttons are
    live now (None: none); `replied`, the message ids answered; `updates`, the (channel, key)
    of the updates now handled."""

    identity: str
    prompt: str | None
    replied: tuple[str, ...] = ()
    updates: tuple[tuple[str, str], ...] = ()

    def then(self, later: "Delivered") -> "Delivered":
        """This delivery followed by a later one of the same person: the later prompt."""
        return Delivered(self.identity, later.prompt, self.replied + later.replied,
                         self.updates + later.updates)  # fmt: skip


def record(session: Session, deliveries: Iterable[Delivered], *, now: datetime) -> None:
    """Write deliveries (in the caller's transaction)."""
    for delivery in deliveries:
        writes.set_open_prompt(session, identity_key=delivery.identity,
                               message_ref=delivery.prompt, now=now)  # fmt: skip
        for message_id in delivery.replied:
            writes.mark_replied(session, identity_key=delivery.identity,
                                message_id=message_id, now=now)  # fmt: skip
        for channel, key in delivery.updates:
            inbox.handled(session, channel=channel, key=key, now=now)
