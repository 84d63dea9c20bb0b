"""A person's phone for the acceptance run: reads the newest message, presses the button that
matches what the person would type (or types it), and waits until the bot has gone quiet."""

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from tests.botapi.server import BotApiStandIn, Person, Sent

QUIET = 0.35


class Phone:
    """One person talking to a bot that runs elsewhere (another process)."""

    def __init__(
        self, api: BotApiStandIn, person: Person, handled: Callable[[int], bool] | None = None
    ) -> None:
        self.api = api
        self.person = person
        # When given: whether the bot has recorded an update as handled (its replies are out).
        self.handled = handled

    def screen(self) -> list[Sent]:
        """Every message the bot sent to this person."""
        return self.api.chat(self.person.id)

    def do(self, line: str, timeout: float = 120) -> list[Sent]:
        """Press the matching button of the live keyboard, else type the line; new messages."""
        before = len(self.screen())
        live = self._live()
        numbers = line.replace(" ", "").split(",")
        if live is not None and len(numbers) > 1 and all(n.isdigit() for n in numbers):
            assert _toggles(live), "a list of numbers answers check boxes"
            for number in numbers:
                self._press_and_wait(live, _nth(live, int(number)), timeout)
                live = self.screen()[-1]
            self._press_and_wait(live, "d", timeout)
            return self.screen()[before:]
        data = _matching(live, line) if live is not None else None
        if live is not None and data is not None:
            self._press_and_wait(live, data, timeout)
        else:
            self._settle(lambda: self.api.send_text(self.person, line), timeout)
        return self.screen()[before:]

    def send_file(self, name: str, data: bytes, mime: str, timeout: float = 60) -> list[Sent]:
        """Send a document; new messages."""
        before = len(self.screen())
        self._settle(lambda: self.api.send_document(self.person, name, data, mime), timeout)
        return self.screen()[before:]

    def _live(self) -> Sent | None:
        screen = self.screen()
        return screen[-1] if screen and screen[-1].buttons else None

    def _press_and_wait(self, sent: Sent, data: str, timeout: float) -> None:
        self._settle(lambda: self.api.press(self.person, sent, data), timeout)

    def _activity(self) -> int:
        screen = self.screen()
        return len(screen) + sum(m.edits for m in screen)

    def _settle(self, push: Callable[[], int], timeout: float) -> None:
        """Push an update, then wait until the bot has answered it and gone quiet (what was on
        screen is read before the push: a quick answer is not missed)."""
        start = self._activity()
        update_id = push()
        self.api.wait_for(lambda: self.api.delivered(update_id), timeout, "delivery")
        if self.handled is not None:  # the bot's own word that every reply is out
            handled = self.handled
            self.api.wait_for(lambda: handled(update_id), timeout, "handled")
        deadline = time.monotonic() + timeout
        last, since = self._activity(), time.monotonic()
        while last == start or time.monotonic() - since < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer to update {update_id} of {self.person.first_name}")
            time.sleep(0.02)
            now = self._activity()
            if now != last:
                last, since = now, time.monotonic()


def _toggles(sent: Sent) -> bool:
    return any(b["callback_data"].startswith("t:") for b in sent.buttons)


def _nth(sent: Sent, number: int) -> str:
    return str(sent.buttons[number - 1]["callback_data"])


def _matching(sent: Sent, line: str) -> str | None:
    """The callback data a person presses for what they would type: a number or a label."""
    buttons = sent.buttons
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        return str(buttons[int(line) - 1]["callback_data"])
    for button in buttons:
        if button["text"].casefold() == line.casefold():
            return str(button["callback_data"])
    return None


def handled_in(database: Path) -> Callable[[int], bool]:
    """Whether the bot using this SQLite file has recorded a Telegram update as handled."""

    def handled(update_id: int) -> bool:
        if not database.exists():
            return False
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute(
                "SELECT handled_at FROM inbox_update WHERE channel = 'telegram' AND key = ?",
                (str(update_id),),
            ).fetchone()
        return row is not None and row[0] is not None

    return handled
