"""Member management for the admin, in the chat (/anggota) and at the server (`lsp-bot
members`): list, rename, add or remove a role, deactivate and reactivate, withdraw an unused
invite. Every change goes to the change log with who made it, through which channel, when."""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot import texts as common
from bot.members import texts
from conversations.texts import ROLE_NAMES
from render.filters import long_date, wita_date, wita_long
from storage import members, writes
from storage.db import session_scope
from storage.enums import Role
from storage.types import utcnow

logger = logging.getLogger(__name__)

NAME_LENGTH = (2, 100)
CHANNELS = {"telegram": "Telegram", "whatsapp": "WhatsApp", "console": "Konsol"}


def valid_name(text: str) -> str | None:
    """A name as people type it, with runs of spaces made one; None if unusable."""
    name = " ".join(text.split())
    low, high = NAME_LENGTH
    return name if low <= len(name) <= high and name.isprintable() else None


class MemberDesk:
    """The member changes an admin may make, with the checks that keep an admin in charge."""

    def __init__(self, db: Engine, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    def listing(self) -> str:
        """Every member with roles, channels, last message and reachability; open invites."""
        now = self.clock()
        with session_scope(self.db) as session:
            found = members.listing(session)
            invites = members.open_invites(session, now=now)
        active = sum(1 for m in found if m.active)
        lines = [texts.MEMBERS_HEADER.format(active=active, inactive=len(found) - active)]
        lines += [_member_line(m) for m in found]
        if invites:
            lines.append(texts.MEMBERS_INVITES)
            lines += [
                texts.MEMBERS_INVITE_LINE.format(
                    code=i.code,
                    role=ROLE_NAMES[Role(i.role)],
                    name=f" ({i.name})" if i.name else "",
                    expires=long_date(wita_date(i.expires_at)),
                )
                for i in invites
            ]
        lines.append(texts.MEMBERS_USAGE)
        return "\n".join(lines)

    def rename(self, member_id: int, name: str, *, by: int | None, channel: str) -> str:
        """Give a member another name."""
        clean = valid_name(name)
        if clean is None:
            return texts.MEMBER_BAD_NAME.format(low=NAME_LENGTH[0], high=NAME_LENGTH[1])
        with session_scope(self.db) as session:
            old = members.rename(session, member_id=member_id, name=clean)
            if old is None:
                return texts.MEMBER_UNKNOWN.format(id=member_id)
            self._log(session, member_id, "rename", old, clean, by, channel)
            session.commit()
        return texts.MEMBER_RENAMED.format(old=old, new=clean)

    def add_role(self, member_id: int, role: Role, *, by: int | None, channel: str) -> str:
        """Give a member one more role."""
        with session_scope(self.db) as session:
            found = members.member(session, member_id=member_id)
            if found is None:
                return texts.MEMBER_UNKNOWN.format(id=member_id)
            if role in found.roles:
                return texts.MEMBER_HAS_ROLE.format(name=found.name, role=ROLE_NAMES[role])
            writes.add_role(session, member_id=member_id, role=role)
            self._log(session, member_id, "add_role", None, str(role), by, channel)
            session.commit()
        return texts.MEMBER_ROLE_ADDED.format(name=found.name, role=ROLE_NAMES[role])

    def remove_role(self, member_id: int, role: Role, *, by: int | None, channel: str) -> str:
        """Take a role from a member (never the last active admin's admin role)."""
        with session_scope(self.db) as session:
            found = members.member(session, member_id=member_id)
            if found is None:
                return texts.MEMBER_UNKNOWN.format(id=member_id)
            if role not in found.roles:
                return texts.MEMBER_LACKS_ROLE.format(name=found.name, role=ROLE_NAMES[role])
            if role is Role.ADMIN and self._last_admin(session, member_id):
                return texts.MEMBER_LAST_ADMIN
            members.remove_role(session, member_id=member_id, role=role)
            self._log(session, member_id, "remove_role", str(role), None, by, channel)
            session.commit()
        return texts.MEMBER_ROLE_REMOVED.format(name=found.name, role=ROLE_NAMES[role])

    def set_active(self, member_id: int, active: bool, *, by: int | None, channel: str) -> str:
        """Deactivate (access ends at once; everything they gave stays theirs) or reactivate."""
        with session_scope(self.db) as session:
            found = members.member(session, member_id=member_id)
            if found is None:
                return texts.MEMBER_UNKNOWN.format(id=member_id)
            if found.active == active:
                template = texts.MEMBER_ALREADY_ACTIVE if active else texts.MEMBER_ALREADY_INACTIVE
                return template.format(name=found.name)
            if not active and self._last_admin(session, member_id):
                return texts.MEMBER_LAST_ADMIN
            members.set_active(session, member_id=member_id, active=active)
            action = "activate" if active else "deactivate"
            self._log(session, member_id, action, found.active, active, by, channel)
            session.commit()
        logger.info("member %s %sd by %s", member_id, action, by)
        template = texts.MEMBER_ACTIVATED if active else texts.MEMBER_DEACTIVATED
        return template.format(name=found.name)

    def withdraw(self, code: str, *, by: int | None, channel: str) -> str:
        """Withdraw an invite nobody has used."""
        now = self.clock()
        with session_scope(self.db) as session:
            if not members.withdraw_invite(session, code=code, by=by, now=now):
                return texts.INVITE_NOT_OPEN.format(code=code.upper())
            members.record_change(session, subject="invite", key=code.upper(), action="withdraw",
                                  old=None, new=None, by=by, channel=channel, now=now)  # fmt: skip
            session.commit()
        return texts.INVITE_WITHDRAWN.format(code=code.upper())

    def _last_admin(self, session: Session, member_id: int) -> bool:
        return members.active_admins(session) == [member_id]

    def _log(
        self, session: Session, member_id: int, action: str, old: object, new: object,
        by: int | None, channel: str,
    ) -> None:  # fmt: skip
        members.record_change(
            session, subject="member", key=str(member_id), action=action, old=old, new=new,
            by=by, channel=channel, now=self.clock(),
        )  # fmt: skip


def _member_line(member: members.MemberListing) -> str:
    roles = ", ".join(ROLE_NAMES[r] for r in Role if r in member.roles) or texts.MEMBER_NO_ROLE
    channels = []
    for identity in member.identities:
        name = CHANNELS.get(identity.channel, identity.channel)
        if identity.unreachable_since is not None:
            reason = common.UNREACHABLE_REASONS.get(
                identity.unreachable_reason or "", common.UNREACHABLE_OTHER
            )
            name += texts.MEMBER_UNREACHABLE.format(
                reason=reason, since=long_date(wita_date(identity.unreachable_since))
            )
        channels.append(name)
    last = member.last_message
    return texts.MEMBER_LINE.format(
        id=member.id,
        name=member.name,
        inactive="" if member.active else texts.MEMBER_INACTIVE_MARK,
        roles=roles,
        channels=", ".join(channels) or "-",
        last=texts.MEMBER_LAST.format(at=wita_long(last)) if last else texts.MEMBER_NEVER,
    )
