"""Members as the admin manages them: the list, renames, roles, deactivation, invites, and the
change log every such change is written to. Keyword-only; the caller owns the transaction."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from storage.enums import Role
from storage.models import (
    Change,
    ConversationState,
    Identity,
    Invite,
    Member,
    MemberRole,
)


@dataclass(frozen=True)
class ChannelIdentity:
    """One channel address of a member, whether it can be reached, and when it last wrote."""

    key: str
    last_message: datetime | None
    unreachable_since: datetime | None
    unreachable_reason: str | None

    @property
    def channel(self) -> str:
        """'telegram', 'whatsapp' or 'console'."""
        return self.key.split(":", 1)[0]


@dataclass(frozen=True)
class MemberListing:
    """A member as `/anggota` lists them."""

    id: int
    name: str
    active: bool
    roles: frozenset[Role]
    identities: tuple[ChannelIdentity, ...]

    @property
    def last_message(self) -> datetime | None:
        """The newest message through any channel."""
        seen = [i.last_message for i in self.identities if i.last_message is not None]
        return max(seen) if seen else None


def listing(session: Session) -> list[MemberListing]:
    """Every member (active first, then by name) with roles and channels."""
    roles: dict[int, set[Role]] = defaultdict(set)
    for row in session.execute(select(MemberRole.member_id, MemberRole.role)):
        roles[row.member_id].add(Role(row.role))
    identities: dict[int, list[ChannelIdentity]] = defaultdict(list)
    rows = session.execute(
        select(
            Identity.member_id,
            Identity.key,
            ConversationState.updated_at,
            Identity.unreachable_since,
            Identity.unreachable_reason,
        )
        .outerjoin(ConversationState, ConversationState.identity_key == Identity.key)
        .order_by(Identity.key)
    )
    for row in rows:
        identities[row.member_id].append(ChannelIdentity(*row[1:]))
    members = session.execute(select(Member.id, Member.name, Member.active)).all()
    found = [
        MemberListing(m.id, m.name, m.active, frozenset(roles[m.id]), tuple(identities[m.id]))
        for m in members
    ]
    return sorted(found, key=lambda m: (not m.active, m.name.casefold(), m.id))


def member(session: Session, *, member_id: int) -> MemberListing | None:
    """One member as listed."""
    return next((m for m in listing(session) if m.id == member_id), None)


def open_invites(session: Session, *, now: datetime) -> list[Invite]:
    """Invites nobody used or withdrew that have not expired, oldest first."""
    return list(
        session.execute(
            select(Invite)
            .where(
                Invite.used_at.is_(None),
                Invite.withdrawn_at.is_(None),
                Invite.expires_at > now,
            )
            .order_by(Invite.created_at)
        ).scalars()
    )


def active_admins(session: Session) -> list[int]:
    """Ids of active members holding the admin role."""
    rows = session.execute(
        select(Member.id)
        .join(MemberRole, MemberRole.member_id == Member.id)
        .where(Member.active.is_(True), MemberRole.role == Role.ADMIN)
    )
    return [row.id for row in rows]


def record_change(
    session: Session,
    *,
    subject: str,
    key: str,
    action: str,
    old: Any,
    new: Any,
    by: int | None,
    channel: str,
    now: datetime,
) -> None:
    """Write one change to the change log."""
    session.add(
        Change(
            subject=subject,
            subject_key=key,
            action=action,
            old_value=old,
            new_value=new,
            changed_by=by,
            channel=channel,
            created_at=now,
        )
    )
    session.flush()


def rename(session: Session, *, member_id: int, name: str) -> str | None:
    """Give a member another name; the old one (None if there is no such member)."""
    old = session.execute(select(Member.name).where(Member.id == member_id)).scalar_one_or_none()
    if old is not None:
        session.execute(update(Member).where(Member.id == member_id).values(name=name))
    return old


def set_active(session: Session, *, member_id: int, active: bool) -> bool | None:
    """Activate or deactivate a member; the previous state (None if no such member)."""
    old = session.execute(select(Member.active).where(Member.id == member_id)).scalar_one_or_none()
    if old is not None:
        session.execute(update(Member).where(Member.id == member_id).values(active=active))
    return old


def remove_role(session: Session, *, member_id: int, role: Role) -> bool:
    """Take a role from a member; whether they had it."""
    result = session.execute(
        delete(MemberRole).where(MemberRole.member_id == member_id, MemberRole.role == role)
    )
    return bool(result.rowcount)


def withdraw_invite(session: Session, *, code: str, by: int | None, now: datetime) -> bool:
    """Withdraw an invite nobody used yet; whether it was still open."""
    result = session.execute(
        update(Invite)
        .where(
            func.upper(Invite.code) == code.upper(),
            Invite.used_at.is_(None),
            Invite.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=now, withdrawn_by=by)
    )
    return bool(result.rowcount)


def by_name(session: Session, *, name: str) -> int | None:
    """The active member with this name (case and runs of spaces ignored), if exactly one."""
    key = " ".join(name.split()).casefold()
    rows = session.execute(select(Member.id, Member.name).where(Member.active.is_(True))).all()
    found = [row.id for row in rows if " ".join(row.name.split()).casefold() == key]
    return found[0] if len(found) == 1 else None


def active_roles(session: Session, *, member_ids: set[int]) -> dict[int, frozenset[Role]]:
    """The roles of those of these members who are active."""
    found: dict[int, set[Role]] = defaultdict(set)
    ids = sorted(member_ids)
    for start in range(0, len(ids), 5000):  # bounded IN lists
        rows = session.execute(
            select(MemberRole.member_id, MemberRole.role)
            .join(Member, Member.id == MemberRole.member_id)
            .where(Member.active.is_(True), MemberRole.member_id.in_(ids[start : start + 5000]))
        )
        for member_id, role in rows:
            found[member_id].add(Role(role))
    return {member_id: frozenset(roles) for member_id, roles in found.items()}
