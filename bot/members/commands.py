"""The admin's /anggota and /profil in any chat; the same desk as `lsp-bot members` and
`lsp-bot profile`."""

import logging

from sqlalchemy import Engine

from bot.admin import AdminCommands
from bot.members import texts
from bot.members.desk import MemberDesk
from bot.members.profile import PROFILE_WORDS, change_profile, show_profile
from conversations import texts as conversation_texts
from conversations.asides import parse_role
from conversations.commands import Desk
from conversations.events import Reply
from conversations.service import Message
from storage.queries import MemberRecord

logger = logging.getLogger(__name__)

ACTIONS = {"nama": "rename", "tambah-peran": "add", "hapus-peran": "remove",
           "nonaktifkan": "deactivate", "aktifkan": "activate"}  # fmt: skip


class MemberCommands(AdminCommands):
    """Answers /anggota and /profil from admins; anything else is left to others."""

    def __init__(self, db: Engine, desk: MemberDesk) -> None:
        self.db = db
        self.desk = desk

    serves = Desk.MEMBERS
    refusal = conversation_texts.ADMIN_ONLY

    def answer(
        self, name: str, argument: str, member: MemberRecord, *, message: Message
    ) -> list[Reply]:
        """/anggota or /profil."""
        logger.info("member command %s by member %s", name, member.id)
        if name == "profil":
            return [Reply(self._profile(argument, member, message.channel))]
        return [Reply(self._members(argument, member, message.channel))]

    def _profile(self, argument: str, member: MemberRecord, channel: str) -> str:
        word, _, value = argument.strip().partition(" ")
        if not word:
            return show_profile(self.db) + "\n\n" + texts.PROFILE_CHAT_USAGE
        field = PROFILE_WORDS.get(word.casefold())
        if field is None or not value.strip():
            return texts.PROFILE_CHAT_USAGE
        return change_profile(
            self.db, {field: value}, by=member.id, channel=channel, now=self.desk.clock()
        )

    def _members(self, argument: str, member: MemberRecord, channel: str) -> str:
        words = argument.split(maxsplit=2)
        if not words:
            return self.desk.listing()
        if words[0].casefold() == "batal" and len(words) == 2:
            return self.desk.withdraw(words[1], by=member.id, channel=channel)
        number = words[0].lstrip("#[").rstrip("]")
        action = ACTIONS.get(words[1].casefold()) if len(words) > 1 else None
        if not number.isdigit() or action is None:
            return texts.MEMBERS_USAGE
        target, rest = int(number), words[2] if len(words) > 2 else ""
        who = {"by": member.id, "channel": channel}
        if action == "rename":
            return self.desk.rename(target, rest, **who)
        if action in ("activate", "deactivate"):
            return self.desk.set_active(target, action == "activate", **who)
        role = parse_role(rest)
        if role is None:
            return conversation_texts.INVITE_USAGE.split("\n")[1]
        if action == "add":
            return self.desk.add_role(target, role, **who)
        return self.desk.remove_role(target, role, **who)
