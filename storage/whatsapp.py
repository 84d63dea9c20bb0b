"""WhatsApp's contacts and what Meta reports about sent reminders: queries and writes (the
caller owns the transaction)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlmodel import Session

from storage.enums import ReminderState
from storage.models import Reminder, WhatsAppContact

PREFIX = "whatsapp:"


@dataclass(frozen=True)
class Contact:
    """Where a WhatsApp identity can be reached, and when its person last wrote."""

    identity_key: str
    user_id: str | None
    wa_id: str | None
    last_inbound_at: datetime | None


def _contact(row: WhatsAppContact) -> Contact:
    return Contact(row.identity_key, row.user_id, row.wa_id, row.last_inbound_at)


def seen(
    session: Session, *, user_id: str | None, wa_id: str | None, now: datetime, inbound: bool
) -> str:
    """The identity key of the person a webhook names by business-scoped id, phone number or
    both (made on first sight: keyed on the business-scoped id when there is one); both keys
    are kept, and `inbound` (they wrote) opens the 24-hour window."""
    if not user_id and not wa_id:
        raise ValueError("a WhatsApp contact needs a user id or a phone number")
    clauses = []
    if user_id:
        clauses.append(WhatsAppContact.user_id == user_id)
    if wa_id:
        clauses.append(WhatsAppContact.wa_id == wa_id)
    rows = list(session.scalars(select(WhatsAppContact).where(or_(*clauses))))
    by_user = next((r for r in rows if user_id and r.user_id == user_id), None)
    by_phone = next((r for r in rows if wa_id and r.wa_id == wa_id), None)
    row = by_user or by_phone
    if row is None:
        row = WhatsAppContact(identity_key=PREFIX + (user_id or wa_id or ""), updated_at=now)
        session.add(row)
    if by_user is not None and by_phone is not None and by_phone is not by_user:
        # The number moved to another business-scoped id: the newer pairing wins.
        by_phone.wa_id = None
        session.flush()
    if user_id:
        row.user_id = user_id
    if wa_id:
        row.wa_id = wa_id
    if inbound:
        row.last_inbound_at = now
    row.updated_at = now
    session.flush()
    return row.identity_key


def contact(session: Session, *, identity_key: str) -> Contact | None:
    """The contact behind a WhatsApp identity key."""
    row = session.get(WhatsAppContact, identity_key)
    return _contact(row) if row is not None else None


def contacts(session: Session, *, keys: list[str]) -> dict[str, Contact]:
    """The contacts behind several identity keys."""
    if not keys:
        return {}
    rows = session.scalars(select(WhatsAppContact).where(WhatsAppContact.identity_key.in_(keys)))
    return {row.identity_key: _contact(row) for row in rows}


# ----- reminders and their delivery -----------------------------------------------------------


@dataclass(frozen=True)
class SentReminder:
    """A reminder as the delivery statuses need it."""

    id: int
    member_id: int
    identity_key: str | None
    gist: dict[str, Any] | None
    as_template: bool


def record_sent(
    session: Session,
    *,
    reminder_id: int,
    message_ref: str,
    gist: dict[str, Any] | None,
    as_template: bool,
    now: datetime,
) -> None:
    """The channel accepted the reminder as message `message_ref`."""
    session.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id)
        .values(
            message_ref=message_ref,
            delivery="accepted",
            delivery_at=now,
            gist=gist,
            as_template=as_template,
        )
    )


def reminder_for(session: Session, *, message_ref: str) -> SentReminder | None:
    """The reminder a channel message carried, if any."""
    row = session.scalars(select(Reminder).where(Reminder.message_ref == message_ref)).first()
    if row is None or row.id is None:
        return None
    return SentReminder(row.id, row.member_id, row.identity_key, row.gist, row.as_template)


_RANK = {"accepted": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4}


def record_status(
    session: Session, *, message_ref: str, status: str, error: str | None, now: datetime
) -> bool:
    """Record a delivery status on the reminder it belongs to (statuses may arrive out of
    order: 'read' is not undone by a late 'delivered'); whether a reminder had that message."""
    row = session.scalars(select(Reminder).where(Reminder.message_ref == message_ref)).first()
    if row is None:
        return False
    if _RANK.get(status, 0) >= _RANK.get(row.delivery or "accepted", 0):
        row.delivery = status
        row.delivery_at = now
    if error:
        row.last_error = error
    session.add(row)
    return True


def undelivered(session: Session, *, reminder_id: int, error: str, now: datetime) -> None:
    """Meta could not deliver the reminder (after the one template retry, where it applies)."""
    session.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id)
        .values(state=ReminderState.UNREACHABLE, last_error=error, updated_at=now)
    )
