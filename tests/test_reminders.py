"""Reminders with a controlled clock: real SQLite, the real Telegram pusher (a PTB Application)
talking HTTP to the stand-in Bot API, no sleeping for the calendar."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from bot.channels.telegram.application import sending_application
from bot.channels.telegram.push import TelegramPusher
from bot.dispatcher import Dispatcher
from bot.reminders.commands import ReminderCommands
from bot.reminders.delivery import TickReport
from bot.reminders.desk import ReminderDesk
from bot.reminders.plan import at
from bot.reports.commands import ReportCommands
from bot.reports.desk import ReportDesk
from conversations.events import Reply
from conversations.service import ConversationService, Message, create_invite
from render.renderer import Renderer
from storage import reminder_plan, reminders
from storage.db import session_scope
from storage.enums import ReminderState, Role
from storage.models import Identity, Reminder, ReminderOccasion
from tests.botapi.records import BOT, Failure, Person, Sent
from tests.botapi.server import TOKEN, BotApiStandIn
from tests.helpers import Clock, complete_profile
from tests.test_postgres import pg  # noqa: F401  (the PostgreSQL fixture)

ADMIN = Person(7001, "Admin")
SITI = Person(7002, "Siti")
YUSUF = Person(7003, "Yusuf")
RINA = Person(7004, "Rina")
BUDI = Person(7005, "Budi")


def wita(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A WITA wall-clock instant as UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@dataclass
class Office:
    """An LSP whose members talk to lsp-bot on Telegram, and the reminder desk."""

    db: Engine
    clock: Clock
    api: BotApiStandIn
    pusher: TelegramPusher
    desk: ReminderDesk
    dispatcher: Dispatcher

    def say(self, person: Person, text: str) -> str:
        """A message from a person's Telegram account; the replies' text."""
        replies = self.dispatcher.handle(Message(f"telegram:{person.id}", text))
        return "\n".join(reply.text for reply in replies)

    def join(self, person: Person, role: Role) -> None:
        """Register through an invite; Telegram knows the chat."""
        code = create_invite(self.db, role=role, name=person.first_name, now=self.clock.now)
        assert "Selamat datang" in self.say(person, f"/start {code}")
        self.api.meet(person)

    def nihil(self, person: Person, section: str) -> None:
        """The person declares a section nihil."""
        assert "nihil (tidak ada yang dilaporkan)" in self.say(person, f"/nihil {section}")
        assert "dinyatakan nihil untuk" in self.say(person, "ya")

    async def tick(self, desk: ReminderDesk | None = None) -> TickReport:
        """One reminder tick at the clock's time (the monthly list of expiring certificates,
        which goes to admins only when there are some, is left out of what it reports)."""
        report = await (desk or self.desk).run(self.pusher)
        report.planned = [p for p in report.planned if not p[0].startswith("expiring/")]
        report.skipped = [p for p in report.skipped if not p[0].startswith("expiring/")]
        return report

    def received(self, person: Person) -> list[Sent]:
        """What the bot pushed into a person's chat."""
        return self.api.chat(person.id)

    def states(self) -> dict[tuple[str, str], str]:
        """(occasion key, member name) -> reminder state."""
        with session_scope(self.db) as session:
            keys = session.execute(select(ReminderOccasion.key)).scalars().all()
            rows = reminders.reminders_of(session, occasion_keys=keys)
        return {(row.occasion_key, row.name): str(row.state) for row in rows}


@pytest.fixture
async def office(
    db: Engine, clock: Clock, api: BotApiStandIn, renderer: Renderer
) -> AsyncIterator[Office]:
    """Admin, a TUK coordinator, two assessors and a scheme committee member, on 24 November
    2026; reminders go out through a real PTB Application to the stand-in."""
    application = sending_application(TOKEN, api.url)
    async with application:
        pusher = TelegramPusher(application.bot, BOT["username"], per_chat_gap=0.0)
        desk = ReminderDesk(db, clock=clock)
        service = ConversationService(db, clock=clock)
        reports = ReportCommands(db, ReportDesk(db, renderer, clock=clock))
        dispatcher = Dispatcher(service, reports, ReminderCommands(db, desk))
        office = Office(db, clock, api, pusher, desk, dispatcher)
        office.join(ADMIN, Role.ADMIN)
        office.join(SITI, Role.KOORDINATOR_TUK)
        office.join(YUSUF, Role.ASESOR)
        office.join(RINA, Role.ASESOR)
        office.join(BUDI, Role.KOMITE_SKEMA)
        complete_profile(db)
        for person, section in ((RINA, "3.2"), (BUDI, "2.2"), (BUDI, "2.3")):
            office.nihil(person, section)
        yield office


def texts(messages: list[Sent]) -> list[str]:
    return [m.text or "" for m in messages]


async def test_the_right_people_at_the_right_times(office: Office, clock: Clock) -> None:
    clock.now = wita(2026, 12, 31, 8, 59)
    await office.tick()
    assert office.api.calls("sendMessage") == []

    clock.now = wita(2026, 12, 31, 9, 0)  # 7 days before 7 January 2027
    report = await office.tick()
    assert report.planned == [("2026-II/before/2027-01-07/7", 3)]
    [siti] = office.received(SITI)
    assert "Semester II Tahun 2026" in siti.text
    assert "Batas pengisian data: 7 Januari 2027 (7 hari lagi)" in siti.text
    assert "2.5 Pengembangan dan Verifikasi TUK" in siti.text
    assert [b["callback_data"] for b in siti.buttons] == ["c:/isi 2.5"]
    [yusuf] = office.received(YUSUF)
    assert "3.2 Perkembangan Asesor" in yusuf.text
    [admin] = office.received(ADMIN)  # the admin's own sections (2.4, 2.7)
    assert "2.4" in admin.text and "2.7" in admin.text
    assert office.received(RINA) == [] and office.received(BUDI) == []  # nihil: nothing

    await office.tick()  # the same instant again, and an hour later: nothing new
    clock.now = wita(2026, 12, 31, 10, 0)
    await office.tick()
    assert len(office.received(SITI)) == 1

    office.nihil(SITI, "2.5")
    clock.now = wita(2027, 1, 4, 9, 0)  # 3 days before
    await office.tick()
    assert len(office.received(SITI)) == 1  # declared nihil since: nothing more
    assert "(3 hari lagi)" in office.received(YUSUF)[-1].text
    clock.now = wita(2027, 1, 6, 9, 0)
    await office.tick()
    assert "(besok)" in office.received(YUSUF)[-1].text
    assert len(office.received(YUSUF)) == 3


async def test_after_the_deadline_the_late_are_reminded_daily_and_the_admin_gets_a_digest(
    office: Office, clock: Clock
) -> None:
    office.nihil(ADMIN, "2.4")
    office.nihil(ADMIN, "2.7")
    for day in (8, 9, 10, 11):
        clock.now = wita(2027, 1, day, 9, 0)
        await office.tick()
    late = texts(office.received(SITI))
    assert len(late) == 3  # 8, 9 and 10 January; not the 11th
    assert "sudah lewat" in late[0] and "sampai 31 Januari 2027" in late[0]
    assert office.received(ADMIN) == []

    # A late member can still send: the button opens the section of semester II.
    assert "Semester II Tahun 2026" in office.say(SITI, "/menu")
    assert "TUK ke-1: Nama TUK" in office.say(SITI, "/isi 2.5")

    clock.now = wita(2027, 1, 27, 9, 0)
    await office.tick()
    assert office.received(ADMIN) == []
    clock.now = wita(2027, 1, 28, 9, 0)  # 3 days before the final deadline
    await office.tick()
    [digest] = office.received(ADMIN)
    assert "Ringkasan harian laporan Semester II Tahun 2026" in digest.text
    assert "31 Januari 2027 (3 hari lagi)" in digest.text
    assert "2.5 Pengembangan dan Verifikasi TUK: ditunggu dari Siti" in digest.text
    assert "ditunggu dari Yusuf" in digest.text
    assert "/ingatkan 2026-II" in digest.text
    assert [b["callback_data"] for b in digest.buttons] == [
        "c:/ingatkan 2026-II",
        "c:/draft 2026-II",
    ]
    assert len(office.received(SITI)) == 3  # members get no digest

    assert "2.6 Surveilan Pemegang Sertifikat: belum ada Petugas Surveilan" in digest.text
    for person, section in ((SITI, "2.5"), (YUSUF, "3.2"), (ADMIN, "2.6")):
        office.nihil(person, section)
    clock.now = wita(2027, 1, 29, 9, 0)
    await office.tick()
    complete = office.received(ADMIN)[-1]
    assert "Semua bagian sudah lengkap atau nihil" in complete.text
    assert [b["callback_data"] for b in complete.buttons] == ["c:/final 2026-II"]

    assert "versi 1 dibuat" in office.say(ADMIN, "/final 2026-II")
    clock.now = wita(2027, 1, 30, 9, 0)
    await office.tick()
    assert len(office.received(ADMIN)) == 2  # the final exists: no more digests


async def test_never_twice_across_a_restart_or_with_two_desks_on_one_database(
    office: Office, clock: Clock, db: Engine
) -> None:
    clock.now = wita(2026, 12, 31, 9, 0)
    first, second = ReminderDesk(db, clock=clock), ReminderDesk(db, clock=clock, batch=1)
    await asyncio.gather(office.tick(first), office.tick(second), office.tick(first))
    for person in (ADMIN, SITI, YUSUF):
        assert len(office.received(person)) == 1, person
    restarted = ReminderDesk(db, clock=clock)  # a new process: new claimant, same database
    await office.tick(restarted)
    assert len(office.api.calls("sendMessage")) == 3


async def test_a_crash_mid_batch_loses_nothing_and_repeats_nothing(
    office: Office, clock: Clock, db: Engine
) -> None:
    clock.now = wita(2026, 12, 31, 9, 0)
    crashed = ReminderDesk(db, clock=clock)
    crashed.prepare()
    outgoing, _ = crashed.take(office.pusher.channels)
    assert len(outgoing) == 3
    # It marked the first as being sent, pushed it, and died before recording that it was.
    in_flight = outgoing[0]
    assert crashed.begin(in_flight) == 1
    assert (await office.pusher.push(in_flight.identity, in_flight.reply)).sent
    # The rest stay claimed by the dead process until its lease runs out.
    restarted = ReminderDesk(db, clock=clock)
    await office.tick(restarted)
    assert len(office.api.calls("sendMessage")) == 1
    clock.now += timedelta(minutes=11)
    await office.tick(restarted)
    assert len(office.api.calls("sendMessage")) == 3
    for person in (ADMIN, SITI, YUSUF):
        assert len(office.received(person)) == 1, person
    states = office.states()
    assert sorted(states.values()) == ["sent", "sent", "uncertain"]


async def test_catch_up_after_downtime_sends_only_what_is_still_useful(
    office: Office, clock: Clock
) -> None:
    clock.now = wita(2027, 1, 5, 10, 0)  # down from before 31 December until now
    report = await office.tick()
    assert report.planned == [("2026-II/before/2027-01-07/3", 3)]
    assert report.skipped == [("2026-II/before/2027-01-07/7", "superseded")]
    assert "(2 hari lagi)" in office.received(SITI)[0].text

    clock.now = wita(2027, 1, 8, 12, 0)  # down again over the 6th and the deadline
    report = await office.tick()
    assert (
        "2026-II/before/2027-01-07/1",
        "expired",
    ) in report.skipped
    assert report.planned == [("2026-II/after/2027-01-07/1", 3)]
    assert len(office.received(SITI)) == 2
    assert "sudah lewat" in office.received(SITI)[-1].text


async def test_a_deadline_moved_in_the_chat_moves_its_reminders(
    office: Office, clock: Clock
) -> None:
    assert "hanya untuk Manajer Administrasi" in office.say(SITI, "/tenggat data 14-01-2027")
    assert "tidak dapat dibaca" in office.say(ADMIN, "/tenggat data 32-01-2027")
    assert "sesudah semester berakhir" in office.say(ADMIN, "/tenggat data 20-12-2026")
    assert "tidak boleh sesudah" in office.say(ADMIN, "/tenggat data 02-02-2027")
    changed = office.say(ADMIN, "/tenggat data 14-01-2027")
    assert "diubah menjadi 14 Januari 2027" in changed
    shown = office.say(ADMIN, "/tenggat")
    assert "pengisian data: 14 Januari 2027" in shown and "diubah oleh Admin" in shown

    clock.now = wita(2026, 12, 31, 9, 0)  # 7 days before the old deadline: nothing
    await office.tick()
    assert office.received(SITI) == []
    clock.now = wita(2027, 1, 7, 9, 0)  # 7 days before the new one
    await office.tick()
    assert "14 Januari 2027 (7 hari lagi)" in office.received(SITI)[0].text

    assert "Jadwal pengingat diubah" in office.say(ADMIN, "/tenggat pengingat 5,2")
    assert "angka 0-200" in office.say(ADMIN, "/tenggat pengingat besok")
    clock.now = wita(2027, 1, 9, 9, 0)  # 5 days before 14 January
    await office.tick()
    assert "(5 hari lagi)" in office.received(SITI)[-1].text
    clock.now = wita(2027, 1, 11, 9, 0)  # 3 days before: no longer in the plan
    await office.tick()
    assert len(office.received(SITI)) == 2
    # Still collecting semester II after the old deadline, as the new one says.
    assert "Semester II Tahun 2026 (batas pengisian data 14 Januari 2027)" in office.say(
        SITI, "/menu"
    )


async def test_a_member_who_blocked_the_bot_is_marked_and_listed_in_the_digest(
    office: Office, clock: Clock
) -> None:
    office.api.block(SITI)
    clock.now = wita(2026, 12, 31, 9, 0)
    await office.tick()
    assert office.states()[("2026-II/before/2027-01-07/7", "Siti")] == "unreachable"
    with session_scope(office.db) as session:
        identity = session.get(Identity, f"telegram:{SITI.id}")
        assert identity is not None and identity.unreachable_reason == "blocked"
    calls_to_siti = len(
        [c for c in office.api.calls("sendMessage") if c.params["chat_id"] == SITI.id]
    )

    clock.now = wita(2027, 1, 4, 9, 0)
    await office.tick()  # not tried again
    assert (
        len([c for c in office.api.calls("sendMessage") if c.params["chat_id"] == SITI.id])
        == calls_to_siti
    )

    clock.now = wita(2027, 1, 28, 9, 0)
    before = len(office.received(ADMIN))
    await office.tick()  # the digest and her own late reminder, in either order
    digests = [
        m.text or "" for m in office.received(ADMIN)[before:] if "Ringkasan" in (m.text or "")
    ]
    assert len(digests) == 1, [m.text for m in office.received(ADMIN)[before:]]
    assert "Tidak dapat dihubungi bot" in digests[0]
    assert "- Siti: memblokir bot (sejak 31 Desember 2026)" in digests[0]

    office.api.unblock(SITI)
    office.say(SITI, "/menu")  # she writes again: reachable
    office.say(ADMIN, "/ingatkan")
    await office.tick()
    assert "Pengingat dari Manajer Administrasi" in office.received(SITI)[-1].text


async def test_a_failed_send_is_retried_later_and_not_marked_sent(
    office: Office, clock: Clock
) -> None:
    office.api.fail(Failure("sendMessage", times=1, status=502, chat_id=SITI.id))
    clock.now = wita(2026, 12, 31, 9, 0)
    await office.tick()
    assert office.received(SITI) == []
    assert office.states()[("2026-II/before/2027-01-07/7", "Siti")] == "pending"
    await office.tick()  # too early for the retry
    assert office.received(SITI) == []
    clock.now += timedelta(minutes=5)
    await office.tick()
    assert len(office.received(SITI)) == 1
    assert office.states()[("2026-II/before/2027-01-07/7", "Siti")] == "sent"
    with session_scope(office.db) as session:
        attempts = (
            session.execute(
                select(Reminder.attempts).where(Reminder.state == str(ReminderState.SENT))
            )
            .scalars()
            .all()
        )
    assert sorted(attempts) == [1, 1, 2]


async def test_ingatkan_reminds_now_whoever_still_owes(office: Office, clock: Clock) -> None:
    assert "hanya untuk Manajer Administrasi" in office.say(YUSUF, "/ingatkan")
    assert "tidak dikenal" in office.say(ADMIN, "/ingatkan 9.9")
    assert "dikirim ke 1 orang" in office.say(ADMIN, "/ingatkan 2.5")
    await office.tick()
    [siti] = office.received(SITI)
    assert siti.text.startswith("📣 Pengingat dari Manajer Administrasi.")
    assert office.received(YUSUF) == []
    assert "dikirim ke 3 orang" in office.say(ADMIN, "/ingatkan")
    await office.tick()
    assert len(office.received(SITI)) == 2 and len(office.received(YUSUF)) == 1
    office.nihil(ADMIN, "2.4")
    office.nihil(ADMIN, "2.7")
    office.nihil(SITI, "2.5")
    office.nihil(YUSUF, "3.2")
    assert "semua sudah mengirim" in office.say(ADMIN, "/ingatkan")


async def test_reminder_button_opens_the_section(office: Office, clock: Clock, telegram) -> None:
    clock.now = wita(2026, 12, 31, 9, 0)
    await office.tick()
    [reminder] = office.received(SITI)
    shown = await telegram.press_on(SITI, reminder, reminder.buttons[0]["text"])
    assert "Nama TUK" in "\n".join(m.text or "" for m in shown)


def test_reminders_to_the_timetable_in_wita() -> None:
    assert at(datetime(2027, 1, 4).date(), datetime(2027, 1, 4, 9).time()) == datetime(
        2027, 1, 4, 1, 0, tzinfo=UTC
    )


async def test_many_people_many_desks_on_postgresql_each_reminded_once(
    pg: Engine,  # noqa: F811
    api: BotApiStandIn,
    clock: Clock,
) -> None:
    people = [Person(8000 + n, f"TUK {n}") for n in range(40)]
    service = ConversationService(pg, clock=clock)
    for person in people:
        code = create_invite(pg, role=Role.KOORDINATOR_TUK, name=person.first_name, now=clock.now)
        service.handle(Message(f"telegram:{person.id}", f"/start {code}"))
        api.meet(person)
    clock.now = wita(2026, 12, 31, 9, 0)
    application = sending_application(TOKEN, api.url)
    async with application:
        pusher = TelegramPusher(application.bot, BOT["username"], per_chat_gap=0.0)
        desks = [ReminderDesk(pg, clock=clock, batch=batch) for batch in (1, 3, 7, 200)]
        await asyncio.gather(*(desk.run(pusher) for desk in desks))
    for person in people:
        assert len(api.chat(person.id)) == 1, person
    assert len(api.calls("sendMessage")) == len(people)


async def test_delivery_waits_out_429_and_spaces_messages_to_one_chat(
    office: Office, clock: Clock, api: BotApiStandIn
) -> None:
    api.fail(Failure("sendMessage", times=1, status=429, retry_after=1))
    clock.now = wita(2026, 12, 31, 9, 0)
    report = await office.tick()  # the stand-in records any send before retry_after ended
    assert report.count(ReminderState.SENT) == 3
    assert [c.status for c in api.calls("sendMessage")].count(429) == 1

    paced = TelegramPusher(office.pusher.bot, BOT["username"])  # one second per chat
    for _ in range(2):
        assert (await paced.push(f"telegram:{SITI.id}", Reply("Pengingat"))).sent
    to_siti = [c.at for c in api.calls("sendMessage") if c.params["chat_id"] == SITI.id]
    assert to_siti[-1] - to_siti[-2] >= 0.99


def test_default_deadlines_follow_the_settings_unless_set_by_hand(db: Engine) -> None:
    from bot.server.app import deadline_rule
    from bot.server.config import Settings
    from conversations.service import ensure_periods
    from storage import period_data
    from storage.enums import Semester

    today = datetime(2026, 11, 24).date()
    ensure_periods(db, today=today)
    rule = deadline_rule(Settings(data_deadline_day=10, final_deadline_day=25))
    ensure_periods(db, today=today, rule=rule)
    with session_scope(db) as session:
        current = period_data.period(session, year=2026, semester=Semester.II)
        assert current is not None
        assert (current.data_deadline.day, current.final_deadline.day) == (10, 25)
        reminder_plan.set_deadlines(
            session,
            period_id=current.id,
            data_deadline=current.data_deadline.replace(day=12),
            final_deadline=current.final_deadline,
            member_id=None,
            now=datetime.now(UTC),
        )
        session.commit()
    ensure_periods(db, today=today)  # the default rule again: the hand-set date stays
    with session_scope(db) as session:
        current = period_data.period(session, year=2026, semester=Semester.II)
        assert current is not None and current.data_deadline.day == 12


async def test_the_admin_gets_the_monthly_list_of_expiring_certificates_once(
    office: Office, clock: Clock
) -> None:
    from bot.certificates.desk import CertificateDesk
    from tests.test_certificates_import import row, xlsx

    rows = [row(1, issued=datetime(2024, 2, 1), until=datetime(2027, 2, 1)),
            row(2, issued=datetime(2024, 6, 1), until=datetime(2027, 6, 1))]  # fmt: skip
    imported = CertificateDesk(office.db).import_file("d.xlsx", xlsx(rows), by=None, channel="cli")
    assert imported.accepted
    clock.now = wita(2026, 12, 1, 8, 59)
    await office.tick()
    assert not any("habis masa" in t for t in texts(office.received(ADMIN)))
    clock.now = wita(2026, 12, 1, 9, 0)
    await office.tick()
    await office.tick()  # a second tick sends nothing twice
    sent = [t for t in texts(office.received(ADMIN)) if "habis masa berlakunya" in t]
    assert len(sent) == 1
    assert "dalam tiga bulan ke depan: 1" in sent[0]
    assert "LSP-P1/SMKN3/2026/0001, Asesi Nomor 1" in sent[0] and "0002" not in sent[0]
    assert not any("habis masa" in t for t in texts(office.received(SITI)))
