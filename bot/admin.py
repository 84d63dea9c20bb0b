"""What every admin command has in common, whichever desk answers it: a redelivered message is
dropped, someone who is not an active Manajer Administrasi is refused, and anything that is not
the desk's command (conversations/commands.py) is left to the conversation."""

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from conversations import texts as conversation_texts
from conversations.commands import Command, Desk
from conversations.events import Reply
from conversations.service import Message
from storage import queries, writes
from storage.db import session_scope
from storage.enums import Role
from storage.queries import MemberRecord


def command_sender(db: Engine, message: Message, now: datetime) -> tuple[bool, MemberRecord | None]:
    """(already handled?, who sent it) for an admin command; a redelivered message id is
    dropped."""
    with session_scope(db) as session:
        member = queries.member_by_identity(session, key=message.identity)
        if member is None:
            return False, None
        if message.message_id is not None and not writes.mark_processed(
            session, identity_key=message.identity, message_id=message.message_id, now=now
        ):
            return True, member
        session.commit()
    return False, member


def admin_command(
    db: Engine, message: Message, now: datetime, desk: Desk, refusal: str
) -> tuple[str, str, MemberRecord] | list[Reply] | None:
    """(command, argument, admin) when an active admin sent a command `desk` answers; the
    replies that end it otherwise (`refusal` for others, [] for a redelivery); None when the
    message is none of them or its sender is unknown (the conversation answers those)."""
    command = message.parsed
    if not isinstance(command, Command) or command.spec.desk is not desk:
        return None
    duplicate, member = command_sender(db, message, now)
    if duplicate:
        return []
    if member is None:
        return None
    if not member.active:
        return [Reply(conversation_texts.INACTIVE)]
    if Role.ADMIN not in member.roles:
        return [Reply(refusal)]
    return command.name, command.argument, member


class AdminCommands:
    """Commands only an active admin may use: a redelivery is dropped, others are refused,
    any other message is left to the next handler. Subclasses name the desk whose commands
    (conversations/commands.py) they answer, and answer them in `answer`."""

    serves: Desk
    refusal: str
    db: Engine
    desk: Any  # the desk the commands act on; its `clock` says when they are handled

    def now(self) -> datetime:
        """The instant the command is handled at (the desk's clock)."""
        return self.desk.clock()

    def handle(self, message: Message) -> list[Reply] | None:
        """Replies to one of these commands; None when the message is not one (or the sender
        is unknown, which the conversation answers)."""
        found = admin_command(self.db, message, self.now(), self.serves, self.refusal)
        if not isinstance(found, tuple):
            return found
        return self.answer(*found, message=message)

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """The replies to one command of an admin."""
        raise NotImplementedError
