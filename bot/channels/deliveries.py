"""Deliveries not yet written: once a message's replies are out, what must be recorded (the
live buttons, the replies as sent, the update as handled: storage/delivery.py) waits here for
a moment. The person's next message takes it into its own transaction; everyone else's are
written together within FLUSH_AFTER (and at a stop). So a message costs one transaction, not
two, and under load the deliveries of many people share one.

Until it is written, this instance answers from here which buttons are live; a person's next
message waits while their delivery is being written by the flush, so it reads what was
written. Another instance waits for a person's earlier update to be handled
(bot/channels/inbox.py) and so reads the delivery after it is written. A crash before the
write loses nothing a person sent: the update is handled again at the next start and its kept
replies are sent once more.
"""

import threading

from storage.delivery import Delivered

FLUSH_AFTER = 0.2  # s: how long a delivery waits for the person's next message


class Deliveries:
    """Deliveries of one channel not yet written, by person (thread-safe)."""

    def __init__(self) -> None:
        self._waiting: dict[str, Delivered] = {}
        self._writing: dict[str, Delivered] = {}
        self._changed = threading.Condition()

    def add(self, delivery: Delivered) -> None:
        """A person's replies are out (after any of theirs still waiting)."""
        with self._changed:
            earlier = self._waiting.get(delivery.identity)
            self._waiting[delivery.identity] = earlier.then(delivery) if earlier else delivery

    def take(self, identity: str) -> Delivered | None:
        """The person's waiting delivery, for their next message's transaction to write (after
        the one being written for them, if any, is written). Blocking."""
        with self._changed:
            self._changed.wait_for(lambda: identity not in self._writing)
            return self._waiting.pop(identity, None)

    def prompt(self, identity: str) -> tuple[bool, str | None]:
        """(known here, the live message's id): whether a delivery not yet written says which
        message's buttons are live for the person, and which."""
        with self._changed:
            found = self._waiting.get(identity) or self._writing.get(identity)
        return (True, found.prompt) if found is not None else (False, None)

    def drain(self) -> list[Delivered]:
        """Every waiting delivery, taken to be written together; `written` when done."""
        with self._changed:
            taken = list(self._waiting.values())
            self._writing.update(self._waiting)
            self._waiting.clear()
        return taken

    def written(self, deliveries: list[Delivered], *, ok: bool) -> None:
        """Drained deliveries are written (`ok`) or not (waiting again, before anything of the
        same person added since)."""
        with self._changed:
            for delivery in deliveries:
                self._writing.pop(delivery.identity, None)
                if not ok:
                    later = self._waiting.get(delivery.identity)
                    self._waiting[delivery.identity] = delivery.then(later) if later else delivery
            self._changed.notify_all()

    def __len__(self) -> int:
        with self._changed:
            return len(self._waiting)
