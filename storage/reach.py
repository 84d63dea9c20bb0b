"""Whether a channel reaches a member: the identities of members on a channel, and the mark a
channel's refusal leaves (blocked, account gone) until the person writes again."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    bindparam,
    or_,
    select,
    update,
)
from sqlmodel import Session

from storage.models import (
    Identity,
    Member,
)


@dataclass(frozen=True)
class Address:
    """A channel identity of a member, and whether the channel said it cannot reach it."""

    key: str
    member_id: int
    unreachable_since: datetime | None
    unreachable_reason: str | None


def addresses(
    session: Session, *, member_ids: Iterable[int], channels: Sequence[str]
) -> dict[int, list[Address]]:
    """The identities of these members on these channels ('telegram', 'whatsapp')."""
    ids = list(member_ids)
    found: dict[int, list[Address]] = {}
    if not ids or not channels:
        return found
    prefixes = [Identity.key.startswith(f"{channel}:") for channel in channels]
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                Identity.key,
                Identity.member_id,
                Identity.unreachable_since,
                Identity.unreachable_reason,
            )
            .where(Identity.member_id.in_(ids[start : start + 500]), or_(*prefixes))
            .order_by(Identity.created_at.desc())
        )
        for row in rows:
            found.setdefault(row.member_id, []).append(Address(*row))
    return found


def mark_unreachable(session: Session, *, key: str, reason: str, now: datetime) -> None:
    """The channel refused to deliver to this identity (blocked, account gone)."""
    session.execute(
        update(Identity)
        .where(Identity.key == key, Identity.unreachable_since.is_(None))
        .values(unreachable_since=now, unreachable_reason=reason)
    )


_CLEAR_UNREACHABLE = (
    update(Identity)
    .where(Identity.key == bindparam("identity"), Identity.unreachable_since.is_not(None))
    .values(unreachable_since=None, unreachable_reason=None)
)


def clear_unreachable(session: Session, *, key: str) -> bool:
    """The person wrote again, so the channel reaches them; whether they were marked."""
    return bool(session.connection().execute(_CLEAR_UNREACHABLE, {"identity": key}).rowcount)


@dataclass(frozen=True)
class Unreachable:
    """An active member the bot cannot reach."""

    member_id: int
    name: str
    key: str
    since: datetime
    reason: str


def unreachable(session: Session) -> list[Unreachable]:
    """Active members with an identity marked unreachable, by name."""
    rows = session.execute(
        select(
            Member.id,
            Member.name,
            Identity.key,
            Identity.unreachable_since,
            Identity.unreachable_reason,
        )
        .join(Identity, Identity.member_id == Member.id)
        .where(Member.active.is_(True), Identity.unreachable_since.is_not(None))
        .order_by(Member.name, Identity.key)
    )
    return [Unreachable(r[0], r[1], r[2], r[3], r[4] or "") for r in rows]
