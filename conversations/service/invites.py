"""Invites: one-time codes that make a member, add a role, or link another channel's account."""

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from conversations import texts
from conversations.events import (
    Reply,
)
from conversations.service.message import Message
from storage import (
    queries,
    writes,
)
from storage.db import session_scope
from storage.enums import Role
from storage.types import utcnow

logger = logging.getLogger(__name__)


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
INVITE_VALIDITY = timedelta(days=7)
LINK_VALIDITY = timedelta(days=1)


def new_invite_code() -> str:
    """A random code people can read aloud and type (no 0/O, 1/I)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def looks_like_code(text: str) -> bool:
    """One word of 6-12 letters and digits, as invite codes are."""
    return 6 <= len(text) <= 12 and text.isascii() and text.isalnum()


def register(session: Session, message: Message, *, code: str, now: datetime) -> list[Reply]:
    """Use an invite: a new member for an unknown identity, or one more role for a known one."""
    invite = queries.invite(session, code=code.strip().upper())
    if (
        invite is None
        or invite.used_at is not None
        or invite.withdrawn_at is not None
        or invite.expires_at <= now
    ):
        return [Reply(texts.INVITE_INVALID)]
    role = Role(invite.role)
    member = queries.member_by_identity(session, key=message.identity)
    if invite.for_member is not None:
        if member is not None:
            return [Reply(texts.LINK_ALREADY)]
        writes.bind_identity(session, key=message.identity, member_id=invite.for_member, now=now)
        writes.use_invite(session, code=invite.code, member_id=invite.for_member, now=now)
        logger.info("member %s linked %s", invite.for_member, message.channel)
        return [Reply(texts.LINKED.format(name=invite.name or ""))]
    if member is None:
        name = invite.name or message.display_name or message.identity.split(":", 1)[-1]
        member_id = writes.create_member(session, name=name, now=now)
        writes.bind_identity(session, key=message.identity, member_id=member_id, now=now)
        writes.add_role(session, member_id=member_id, role=role)
        reply = texts.WELCOME.format(name=name, role=texts.ROLE_NAMES[role])
    elif role in member.roles:
        return [Reply(texts.ALREADY_HAS_ROLE.format(role=texts.ROLE_NAMES[role]))]
    else:
        member_id = member.id
        writes.add_role(session, member_id=member_id, role=role)
        reply = texts.ROLE_ADDED.format(role=texts.ROLE_NAMES[role])
    writes.use_invite(session, code=invite.code, member_id=member_id, now=now)
    logger.info("invite used: member %s got role %s", member_id, role)
    return [Reply(reply)]


def create_invite(
    db: Engine,
    *,
    role: Role,
    name: str | None,
    created_by: int | None = None,
    now: datetime | None = None,
) -> str:
    """Make and store a one-time invite (for the CLI); its code."""
    now = now or utcnow()
    code = new_invite_code()
    with session_scope(db) as session:
        writes.create_invite(
            session,
            code=code,
            role=role,
            name=name,
            created_by=created_by,
            now=now,
            expires_at=now + INVITE_VALIDITY,
        )
        session.commit()
    return code


def link_code(session: Session, member: queries.MemberRecord, code: str, now: datetime) -> Reply:
    """/tautkan: a one-time code that binds another channel's account to this member."""
    writes.create_invite(
        session,
        code=code,
        role=next(iter(sorted(member.roles))) if member.roles else Role.ASESOR,
        name=member.name,
        created_by=member.id,
        now=now,
        expires_at=now + LINK_VALIDITY,
        for_member=member.id,
    )
    return Reply(texts.LINK_CODE.format(code=code))
