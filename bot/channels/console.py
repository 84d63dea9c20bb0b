"""The console channel: one message per input line, replies on standard output."""

from collections.abc import Iterable
from typing import TextIO

from bot.dispatcher import Dispatcher
from conversations.events import Reply
from conversations.service import Message


def format_reply(reply: Reply) -> str:
    """A reply as console text: the message, then its options as 'N. Label' lines."""
    lines = [reply.text]
    lines.extend(f"{number}. {option.label}" for number, option in enumerate(reply.options, 1))
    return "\n".join(lines)


def run_console(dispatcher: Dispatcher, *, user: str, lines: Iterable[str], out: TextIO) -> None:
    """Answer every input line as a message from `console:USER` until the input ends."""
    identity = f"console:{user}"
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        for reply in dispatcher.handle(Message(identity, text, display_name=user)):
            out.write(format_reply(reply) + "\n\n")
        out.flush()
