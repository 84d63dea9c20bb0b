"""A message as a channel hands it to the service: who, what, its id on the platform."""

from dataclasses import dataclass
from functools import cached_property

from conversations.commands import Parsed
from conversations.events import (
    Inbound,
)
from conversations.files import IncomingFile


@dataclass(frozen=True)
class Message:
    """A message as a channel hands it over."""

    identity: str
    text: str
    message_id: str | None = None
    display_name: str | None = None
    file: IncomingFile | None = None  # a file sent (the text is its caption, if any)
    files: bool = False  # the channel can send files as evidence

    @cached_property
    def inbound(self) -> Inbound:
        """What the engine reads: the text, parsed once (`inbound.parsed`), or the file."""
        return Inbound(self.text.strip(), self.file, self.files)

    @property
    def parsed(self) -> Parsed:
        """The message as text, a command or an unknown command."""
        return self.inbound.parsed

    @property
    def channel(self) -> str:
        """The channel part of the identity ('console', 'telegram', 'whatsapp')."""
        return self.identity.split(":", 1)[0]
