"""The few database steps every chat channel needs (blocking: run them off the event loop):
which message's buttons are live for a person, and whether the person is an active admin."""

from datetime import datetime

from sqlalchemy import Engine

from storage import queries, writes
from storage.db import session_scope


def open_prompt(db: Engine, identity: str) -> str | None:
    """The channel's id of the message whose buttons answer the current question."""
    with session_scope(db) as session:
        return queries.open_prompt(session, key=identity)


def set_prompt(db: Engine, identity: str, ref: str | None, now: datetime) -> None:
    """Remember the live message (None: no live buttons)."""
    with session_scope(db) as session:
        writes.set_open_prompt(session, identity_key=identity, message_ref=ref, now=now)
        session.commit()


def is_admin(db: Engine, identity: str) -> bool:
    """Whether the identity belongs to an active Manajer Administrasi."""
    with session_scope(db) as session:
        return queries.is_active_admin(session, key=identity)
