"""The database steps of the chat channels, so that the channels themselves hold none
(blocking: run them off the event loop): the inbox, which message's buttons are live for a
person, whether the person is an active admin, what is recorded once replies are out (many
people's in one transaction), and WhatsApp's contacts and delivery statuses."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from conversations.events import Gist
from conversations.state import Mode, State
from storage import delivery, inbox, queries, reach, whatsapp, writes
from storage.db import read_scope, session_scope
from storage.delivery import Delivered
from storage.whatsapp import Contact, SentReminder

Database = Engine  # what a channel is given and hands on, never reads itself


def open_prompt(db: Engine, identity: str) -> str | None:
    """The channel's id of the message whose buttons answer the current question."""
    with read_scope(db) as session:
        return queries.open_prompt(session, key=identity)


def record_deliveries(db: Engine, deliveries: list[Delivered], now: datetime) -> None:
    """Write waiting deliveries (storage/delivery.py), everyone's in one transaction."""
    with session_scope(db) as session:
        delivery.record(session, deliveries, now=now)
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


def awaits_file(db: Engine, identity: str) -> bool:
    """Whether the person's conversation is waiting for files (evidence of an answer)."""
    with read_scope(db) as session:
        _member, state, _unreachable, _live = queries.sender(session, key=identity)
    return State.from_json(state).mode is Mode.EVIDENCE


def is_admin(db: Engine, identity: str) -> bool:
    """Whether the identity belongs to an active Manajer Administrasi."""
    with read_scope(db) as session:
        return queries.is_active_admin(session, key=identity)


def pending_updates(db: Engine, channel: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, body) of a channel's updates kept and not yet handled, oldest first."""
    with read_scope(db) as session:
        return inbox.pending_with_keys(session, channel=channel)


def pending_of(db: Engine, channel: str, sender: str, before: int) -> list[dict[str, Any]]:
    """Bodies of a person's updates kept and not handled that came before `before`."""
    with read_scope(db) as session:
        return inbox.pending(session, channel=channel, sender=sender, before=before)


def earlier_pending(db: Engine, channel: str, sender: str, sequence: int) -> list[int]:
    """The places in the order of a person's unhandled updates before `sequence`."""
    with read_scope(db) as session:
        return inbox.earlier_pending(session, channel=channel, sender=sender, sequence=sequence)


def admin_identities(db: Engine, channel: str) -> list[str]:
    """The identity keys of a channel's active admins."""
    with read_scope(db) as session:
        return queries.admin_identities(session, channel=channel)


# --- WhatsApp ---------------------------------------------------------------------------------


def whatsapp_arrival(
    db: Engine, *, user_id: str | None, wa_id: str | None, message_id: str, now: datetime
) -> tuple[str, bool]:
    """A WhatsApp message arrived: (the writer's identity key, whether its id is new). Their
    24-hour window opens; the message id is recorded as seen (a redelivery is not new)."""
    with session_scope(db) as session:
        identity = whatsapp.seen(session, user_id=user_id, wa_id=wa_id, now=now, inbound=True)
        fresh = writes.mark_processed(
            session, identity_key=identity, message_id=f"wa-in:{message_id}", now=now
        )
        session.commit()
    return identity, fresh


def whatsapp_contact(db: Engine, identity: str) -> Contact | None:
    """How to reach a WhatsApp identity, and when they last wrote."""
    with read_scope(db) as session:
        return whatsapp.contact(session, identity_key=identity)


def whatsapp_status(
    db: Engine, *, message_ref: str, status: str, error: str | None, now: datetime
) -> SentReminder | None:
    """Record a delivery status; the reminder that message was, if it was one."""
    with session_scope(db) as session:
        found = whatsapp.record_status(
            session, message_ref=message_ref, status=status, error=error, now=now
        )
        sent = whatsapp.reminder_for(session, message_ref=message_ref) if found else None
        session.commit()
    return sent


def whatsapp_resent(db: Engine, *, reminder_id: int, ref: str, gist: Gist, now: datetime) -> None:
    """A reminder went again, as the template."""
    with session_scope(db) as session:
        whatsapp.record_sent(session, reminder_id=reminder_id, message_ref=ref, gist=asdict(gist),
                             as_template=True, now=now)  # fmt: skip
        session.commit()


def whatsapp_undelivered(
    db: Engine, *, sent: SentReminder, reason: str, error: str, now: datetime
) -> None:
    """A reminder was not delivered: recorded, and its person marked unreachable."""
    with session_scope(db) as session:
        whatsapp.undelivered(session, reminder_id=sent.id, error=error, now=now)
        if sent.identity_key:
            reach.mark_unreachable(session, key=sent.identity_key, reason=reason, now=now)
        session.commit()
