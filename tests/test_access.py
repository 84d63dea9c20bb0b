"""Who may do what: every role and a stranger against every command and every section. Nobody
reads or changes what is not theirs, invites work once and expire, and a deactivated member
loses access with their next message."""

import pytest
from sqlalchemy import Engine, func, select

from bot.certificates import texts as certificate_texts
from bot.members.desk import MemberDesk
from bot.reminders.commands import ReminderCommands
from bot.reminders.desk import ReminderDesk
from bot.reports import texts as reports_texts
from conversations import texts
from conversations.forms.registry import SECTIONS
from conversations.service import create_invite
from storage.db import session_scope
from storage.enums import Role
from storage.models import Invite, Member
from tests.helpers import Chat

ADMIN_COMMANDS = [
    "/draft", "/final", "/laporan 1", "/ekspor", "/anggota", "/anggota nonaktifkan 1",
    "/profil", "/profil nama LSP Palsu", "/tenggat", "/tenggat data 2026-12-31", "/ingatkan 2.5",
    "/templat", "/sertifikat", "/cabut B-1", "/kedaluwarsa", "/undang asesor Budi",
    "/periksa", "/ekspor bukti", "/arsip",
]  # fmt: skip
EVERYONE_COMMANDS = ["/menu", "/bantuan", "/status", "/batal", "/lewati", "/nihil 2.4",
                     "/isi", "/nama Siapa", "/tautkan"]  # fmt: skip
REFUSALS = (texts.ADMIN_ONLY, reports_texts.REPORT_ADMIN_ONLY, certificate_texts.IMPORT_ADMIN_ONLY)
PEOPLE = {role: f"orang_{role.value}" for role in Role}


@pytest.fixture
def team(chat: Chat) -> Chat:
    """One member per role (the admin is console:admin) and nothing filled in yet; every
    command the bot has is wired, as in `lsp-bot run`."""
    chat.dispatcher.reminders = ReminderCommands(chat.db, ReminderDesk(chat.db, clock=chat.clock))
    for role, user in PEOPLE.items():
        if role is not Role.ADMIN:
            chat.join(user, role, f"Nama {role.value}")
    PEOPLE[Role.ADMIN] = "admin"
    return chat


def _counts(db: Engine) -> tuple[int, int, str]:
    with session_scope(db) as session:
        invites = session.execute(select(func.count()).select_from(Invite)).scalar_one()
        members = session.execute(select(func.count()).select_from(Member)).scalar_one()
        names = ",".join(sorted(session.execute(select(Member.name)).scalars()))
    return invites, members, names


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_admin_commands_are_refused_to_every_other_role_and_change_nothing(
    team: Chat, role: Role
) -> None:
    before, documents = _counts(team.db), len(team.documents)
    for command in ADMIN_COMMANDS:
        reply = team.say(PEOPLE[role], command)
        assert any(refusal in reply for refusal in REFUSALS), (role, command, reply)
    assert _counts(team.db) == before and len(team.documents) == documents


def test_a_stranger_gets_only_the_way_to_join(team: Chat) -> None:
    before = _counts(team.db)
    for command in [*ADMIN_COMMANDS, *EVERYONE_COMMANDS, "halo", "1", "/start SALAH123"]:
        reply = team.say("stranger", command)
        expected = texts.INVITE_INVALID if command.startswith("/start") else texts.UNKNOWN_PERSON
        assert reply == expected, (command, reply)
    assert _counts(team.db) == before and not team.documents


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_its_own_sections_and_no_other(team: Chat, role: Role) -> None:
    user = PEOPLE[role]
    for section in SECTIONS:
        reply = team.say(user, f"/isi {section.key}")
        team.say(user, "/batal")
        mine = role is Role.ADMIN or section.role is role
        refused = texts.NOT_YOUR_SECTION.format(key=section.key) in reply
        assert refused is not mine, (role, section.key, reply[:200])


def test_invites_work_once_and_expire(chat: Chat) -> None:
    code = create_invite(chat.db, role=Role.ASESOR, name="Yusuf", now=chat.clock.now)
    assert "Selamat datang" in chat.say("yusuf", f"/start {code}")
    assert chat.say("penyusup", f"/start {code}") == texts.INVITE_INVALID
    late = create_invite(chat.db, role=Role.ASESOR, name="Budi", now=chat.clock.now)
    chat.clock.advance(days=7, seconds=1)
    assert chat.say("budi", f"/start {late}") == texts.INVITE_INVALID
    assert chat.say("budi", "/menu") == texts.UNKNOWN_PERSON


def test_a_deactivated_member_loses_access_with_the_next_message(team: Chat) -> None:
    user = PEOPLE[Role.KOORDINATOR_TUK]
    assert "Nama TUK" in team.say(user, "/isi 2.5")
    with session_scope(team.db) as session:
        member_id = session.execute(
            select(Member.id).where(Member.name == "Nama koordinator_tuk")
        ).scalar_one()
    MemberDesk(team.db, clock=team.clock).set_active(member_id, False, by=None, channel="cli")
    for line in ("TUK Sewaktu Bima", "/menu", "/status", "/isi 2.5", "/draft"):
        assert team.say(user, line) == texts.INACTIVE, line
    team.clock.advance(minutes=1)
    MemberDesk(team.db, clock=team.clock).set_active(member_id, True, by=None, channel="cli")
    assert "TUK" in team.say(user, "/isi 2.5")


def test_nobody_sees_another_members_answers(team: Chat) -> None:
    tuk = PEOPLE[Role.KOORDINATOR_TUK]
    team.say(tuk, "/isi 2.5")
    team.say(tuk, "TUK Rahasia Siti")
    for role, user in PEOPLE.items():
        if role in (Role.ADMIN, Role.KOORDINATOR_TUK):
            continue
        for line in ("/status", "/menu", "/isi 2.5", "/isi", "/bantuan"):
            assert "TUK Rahasia Siti" not in team.say(user, line), (role, line)
