"""Updates as a platform handed them over, kept before the platform is told they arrived (the
polling offset, the webhook's 200) and until they are handled: a crash in between loses none,
and a restart handles them then."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel

from storage.types import UTCDateTime, utcnow


class InboxUpdate(SQLModel, table=True):
    """One update of a channel (Telegram's update_id as text), its body, who sent it (an
    identity key) and its place in the channel's order, when it came and when it was handled."""

    __tablename__ = "inbox_update"
    __table_args__ = (Index("ix_inbox_update_sender", "sender", "handled_at"),)

    channel: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    body: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    sender: str | None = None
    sequence: int | None = Field(default=None, sa_type=BigInteger)


_INBOX: Table = InboxUpdate.__table__
_KEEP_ONCE = {
    "sqlite": sqlite.insert(_INBOX).on_conflict_do_nothing(),
    "postgresql": postgresql.insert(_INBOX).on_conflict_do_nothing(),
}


@dataclass(frozen=True)
class Kept:
    """An update to keep: its key, who sent it, its place in the channel's order, its body."""

    key: str
    sender: str | None
    sequence: int | None
    body: dict[str, Any]


def keep(session: Session, *, channel: str, updates: list[Kept], now: datetime) -> None:
    """Keep updates not kept before (a redelivered one is ignored)."""
    if not updates:
        return
    connection = session.connection()
    rows = [
        {"channel": channel, "key": u.key, "body": u.body, "received_at": now,
         "sender": u.sender, "sequence": u.sequence}
        for u in updates
    ]  # fmt: skip
    statement = _KEEP_ONCE.get(connection.dialect.name)
    if statement is not None:
        connection.execute(statement, rows)
        return
    known = set(
        connection.execute(
            select(_INBOX.c.key).where(
                _INBOX.c.channel == channel, _INBOX.c.key.in_([u.key for u in updates])
            )
        ).scalars()
    )
    fresh = [row for row in rows if row["key"] not in known]
    if fresh:
        connection.execute(_INBOX.insert(), fresh)


def handled(session: Session, *, channel: str, key: str, now: datetime) -> None:
    """The update has been handled (its replies sent)."""
    session.connection().execute(
        update(_INBOX)
        .where(_INBOX.c.channel == channel, _INBOX.c.key == key, _INBOX.c.handled_at.is_(None))
        .values(handled_at=now)
    )


def pending(
    session: Session,
    *,
    channel: str,
    sender: str | None = None,
    before: int | None = None,
    limit: int = 10_000,
) -> list[dict[str, Any]]:
    """Bodies of the updates kept and not yet handled (of one sender, and before a place in
    the order, if given), oldest first."""
    query = select(_INBOX.c.body).where(_INBOX.c.channel == channel, _INBOX.c.handled_at.is_(None))
    if sender is not None:
        query = query.where(_INBOX.c.sender == sender)
    if before is not None:
        query = query.where(_INBOX.c.sequence < before)
    rows = session.connection().execute(
        query.order_by(_INBOX.c.received_at, _INBOX.c.key).limit(limit)
    )
    return [dict(row.body) for row in rows]


def earlier_pending(
    session: Session, *, channel: str, sender: str, sequence: int, limit: int = 20
) -> list[int]:
    """The places in the order of this sender's updates that came before `sequence` and are
    not yet handled."""
    rows = session.connection().execute(
        select(_INBOX.c.sequence)
        .where(
            _INBOX.c.sender == sender,
            _INBOX.c.handled_at.is_(None),
            _INBOX.c.channel == channel,
            _INBOX.c.sequence < sequence,
        )
        .limit(limit)
    )
    return [int(row[0]) for row in rows]


def pending_with_keys(
    session: Session, *, channel: str, limit: int = 10_000
) -> list[tuple[str, dict[str, Any]]]:
    """(key, body) of the updates kept and not yet handled, oldest first."""
    rows = session.connection().execute(
        select(_INBOX.c.key, _INBOX.c.body)
        .where(_INBOX.c.channel == channel, _INBOX.c.handled_at.is_(None))
        .order_by(_INBOX.c.received_at, _INBOX.c.key)
        .limit(limit)
    )
    return [(row.key, dict(row.body)) for row in rows]


def forget(session: Session, *, handled_before: datetime) -> int:
    """Drop updates handled before then (their answers live on in the tables they went to;
    the raw bodies are not kept longer than a redelivery needs); how many."""
    result = session.connection().execute(
        delete(_INBOX).where(_INBOX.c.handled_at < handled_before)
    )
    return int(result.rowcount or 0)
