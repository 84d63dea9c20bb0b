"""The few database steps every chat channel needs (blocking: run them off the event loop):
which message's buttons are live for a person, whether the person is an active admin, and
what is recorded once a message's replies are out (in one transaction)."""

from datetime import datetime

from sqlalchemy import Engine

from storage import inbox, queries, writes
from storage.db import read_scope, session_scope


def open_prompt(db: Engine, identity: str) -> str | None:
    """The channel's id of the message whose buttons answer the current question."""
    with read_scope(db) as session:
        return queries.open_prompt(session, key=identity)


def delivered(
    db: Engine,
    *,
    identity: str,
    message_id: str | None,
    prompt: str | None,
    update: tuple[str, str] | None,
    now: datetime,
) -> None:
    """The replies to a message are sent: which message's buttons are now live, the replies
    as sent (a redelivery gets nothing more), and the channel's update (`(channel, key)`) as
    handled."""
    with session_scope(db) as session:
        writes.set_open_prompt(session, identity_key=identity, message_ref=prompt, now=now)
        if message_id is not None:
            writes.mark_replied(session, identity_key=identity, message_id=message_id, now=now)
        if update is not None:
            inbox.handled(session, channel=update[0], key=update[1], now=now)
        session.commit()


def keep_updates(db: Engine, channel: str, updates: list[inbox.Kept], now: datetime) -> None:
    """Store a channel's updates in the inbox, before the platform is told they arrived."""
    with session_scope(db) as session:
        inbox.keep(session, channel=channel, updates=updates, now=now)
        session.commit()


def update_handled(db: Engine, channel: str, key: str, now: datetime) -> None:
    """A channel's update has been handled (its replies sent)."""
    with session_scope(db) as session:
        inbox.handled(session, channel=channel, key=key, now=now)
        session.commit()


def set_prompt(db: Engine, identity: str, ref: str | None, now: datetime) -> None:
    """Remember the live message (None: no live buttons)."""
    with session_scope(db) as session:
        writes.set_open_prompt(session, identity_key=identity, message_ref=ref, now=now)
        session.commit()


def is_admin(db: Engine, identity: str) -> bool:
    """Whether the identity belongs to an active Manajer Administrasi."""
    with read_scope(db) as session:
        return queries.is_active_admin(session, key=identity)
