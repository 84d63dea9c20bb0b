"""The conversation service against a real SQLite database."""

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select

from conversations.service import ConversationService, Message, create_invite
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, AnswerRevision, Identity, Member, ProcessedMessage
from tests.helpers import Chat, Clock, revisions, stored_answers, submission_status

TUK_ONE = ["/menu", "1", "TUK A", "Jl. A", "1", "2", "Skema A", "5", "Baik", "tidak", "/lewati"]


def count(db: Engine, model) -> int:
    with session_scope(db) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_unknown_person_sees_nothing_but_how_to_join(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", TUK_ONE)
    for text in ["/status", "/menu", "1", "2.5", "/start", "/start SALAH123", "/undang admin"]:
        reply = chat.say("stranger", text)
        assert "Siti" not in reply and "TUK A" not in reply
        assert "belum terdaftar" in reply or "tidak dikenal" in reply
    assert count(chat.db, Identity) == 2


def test_invite_is_single_use_and_expires(chat: Chat, clock: Clock) -> None:
    code = create_invite(chat.db, role=Role.ASESOR, name="Yusuf", now=clock.now)
    assert "Selamat datang, Yusuf" in chat.say("yusuf", f"/start {code.lower()}")
    assert "sudah dipakai" in chat.say("other", f"/start {code}")
    late = create_invite(chat.db, role=Role.ASESOR, name="Late", now=clock.now)
    clock.advance(days=7, seconds=1)
    assert "kedaluwarsa" in chat.say("late", f"/start {late}")
    assert count(chat.db, Member) == 2


def test_second_invite_adds_a_role(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    code = create_invite(chat.db, role=Role.ASESOR, name=None, now=chat.clock.now)
    assert "Peran Asesor ditambahkan" in chat.say("siti", f"/start {code}")
    menu = chat.say("siti", "/menu")
    assert "2.5 Pengembangan" in menu and "3.2 Perkembangan Asesor" in menu


def test_admin_invites_from_the_chat_and_others_cannot(chat: Chat) -> None:
    reply = chat.say("admin", "/undang koordinator_tuk Siti Aminah")
    assert "INVITE01" in reply and "Koordinator TUK (Siti Aminah)" in reply
    assert "Selamat datang, Siti Aminah" in chat.say("siti", "/start INVITE01")
    assert "hanya untuk Manajer Administrasi" in chat.say("siti", "/undang admin")
    assert "Cara membuat undangan" in chat.say("admin", "/undang raja")


def test_every_answer_is_stored_the_moment_it_is_given(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", "TUK A", "Jl. A"])
    assert stored_answers(chat.db, user_name="Siti", section="2.5") == {
        (1, "nama"): "TUK A",
        (1, "lokasi"): "Jl. A",
    }
    assert submission_status(chat.db, user_name="Siti", section="2.5") == "draft"


def test_a_new_service_continues_exactly_where_the_person_was(db: Engine, clock: Clock) -> None:
    first = Chat(db, clock)
    first.join("siti", Role.KOORDINATOR_TUK, "Siti")
    first.script("siti", ["/menu", "1", "TUK A", "Jl. A"])
    first.service.db.dispose()
    again = Chat(db, clock)  # a restarted bot: new service, same database
    assert again.say("siti", "3").startswith("TUK ke-1: Status verifikasi TUK")
    assert stored_answers(db, user_name="Siti", section="2.5") == {
        (1, "nama"): "TUK A",
        (1, "lokasi"): "Jl. A",
        (1, "jenis"): "mandiri",
    }


def test_edit_after_submit_keeps_the_old_revision(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", [*TUK_ONE, "1"])
    assert submission_status(chat.db, user_name="Siti", section="2.5") == "submitted"
    reply = chat.script("siti", ["/menu", "1", "ubah", "1", "TUK A Baru"])
    assert "Jawaban diubah" in reply
    assert revisions(chat.db, field="nama", entry=1) == [
        (1, None, "TUK A"),
        (2, "TUK A", "TUK A Baru"),
    ]
    assert stored_answers(chat.db, user_name="Siti", section="2.5")[(1, "nama")] == "TUK A Baru"
    assert submission_status(chat.db, user_name="Siti", section="2.5") == "submitted"


def test_edits_end_with_the_data_deadline(chat: Chat, clock: Clock) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", [*TUK_ONE, "1"])
    clock.now = datetime(2027, 1, 7, 15, 59, tzinfo=UTC)  # 23:59 WITA on the deadline day
    assert "Ubah jawaban" in chat.script("siti", ["/menu", "1"])
    chat.script("siti", ["ubah", "1"])  # waiting for a new name when midnight passes
    clock.now = datetime(2027, 1, 7, 16, 1, tzinfo=UTC)  # 00:01 WITA the day after
    before = count(chat.db, AnswerRevision)
    reply = chat.say("siti", "Nama terlambat")
    assert "sudah berganti ke Semester I Tahun 2027" in reply
    assert count(chat.db, AnswerRevision) == before
    assert stored_answers(chat.db, user_name="Siti", section="2.5")[(1, "nama")] == "TUK A"
    assert "⬜ 2.5" in chat.say("siti", "/menu")  # the new semester starts empty


def test_after_the_deadline_a_new_semester_is_collected(chat: Chat, clock: Clock) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/nihil 2.5", "ya"])
    clock.now = datetime(2027, 1, 8, 2, 0, tzinfo=UTC)
    assert "Semester I Tahun 2027 (batas pengisian data 7 Juli 2027)" in chat.say("siti", "/menu")


def test_a_late_member_may_still_send_what_they_owe_until_the_final_deadline(
    chat: Chat, clock: Clock
) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.join("yusuf", Role.ASESOR, "Yusuf")
    chat.join("rina", Role.ASESOR, "Rina")
    chat.script("yusuf", ["/nihil 3.2", "ya"])
    clock.now = datetime(2027, 1, 8, 2, 0, tzinfo=UTC)  # 10:00 WITA, the day after the deadline
    assert "Semester I Tahun 2027" in chat.say("yusuf", "/menu")  # nothing owed: moved on
    menu = chat.say("siti", "/menu")
    assert "Semester II Tahun 2026" in menu
    assert "masih dapat diisi sampai 31 Januari 2027" in menu
    done = chat.script("siti", [*TUK_ONE[1:], "1"])
    assert "sudah terkirim (setelah batas 7 Januari 2027)" in done
    assert submission_status(chat.db, user_name="Siti", section="2.5") == "submitted"
    assert "Semester I Tahun 2027" in chat.say("siti", "/menu")  # sent: moved on
    clock.now = datetime(2027, 1, 31, 16, 0, tzinfo=UTC)  # 1 February, 00:00 WITA
    assert "Semester I Tahun 2027" in chat.say("rina", "/menu")  # too late now


def test_isi_opens_a_section_from_anywhere(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.join("yusuf", Role.ASESOR, "Yusuf")
    assert "Nama TUK" in chat.say("siti", "/isi 2.5")
    assert "bukan tugas peran Anda" in chat.say("siti", "/isi 3.2")
    assert "Pilih bagian" in chat.say("siti", "/isi")


def test_status_shows_own_sections_and_the_admin_sees_everyone(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.join("yusuf", Role.ASESOR, "Yusuf")
    chat.script("siti", [*TUK_ONE, "1"])
    mine = chat.say("siti", "/status")
    assert "✅ 2.5 Pengembangan dan Verifikasi TUK: terkirim" in mine
    assert "Yusuf" not in mine and "3.2" not in mine
    team = chat.say("admin", "/status")
    assert "✅ 2.5 Pengembangan dan Verifikasi TUK: lengkap" in team
    assert "sudah: Siti" in team
    assert (
        "3.2 Perkembangan Asesor dan Ruang Lingkup Kompetensi: belum lengkap\n   belum: Yusuf"
        in team
    )


def test_nihil_is_recorded_and_differs_from_missing(chat: Chat) -> None:
    chat.script("admin", ["/menu", "3", "/nihil", "ya"])
    assert submission_status(chat.db, user_name="Bu Admin", section="2.4") == "nihil"
    assert submission_status(chat.db, user_name="Bu Admin", section="2.7") is None
    team = chat.say("admin", "/status")
    assert "➖ 2.4 Pengembangan Kelembagaan Cabang LSP: dinyatakan nihil" in team
    assert "⬜ 2.7 Lembaga Penyedia Uji Profisiensi: belum lengkap" in team
    reopened = chat.script("admin", ["/menu", "3"])
    assert "dinyatakan nihil" in reopened
    chat.say("admin", "isi")
    assert submission_status(chat.db, user_name="Bu Admin", section="2.4") == "draft"


def test_a_redelivered_message_is_applied_once(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1"])
    first = chat.say("siti", "TUK A", message_id="m-1")
    again = chat.say("siti", "TUK A", message_id="m-1")
    assert "Lokasi" in first and again == ""
    chat.say("siti", "Jl. A", message_id="m-2")
    assert stored_answers(chat.db, user_name="Siti", section="2.5") == {
        (1, "nama"): "TUK A",
        (1, "lokasi"): "Jl. A",
    }
    assert count(chat.db, AnswerRevision) == 2
    assert count(chat.db, ProcessedMessage) == 2


def test_simultaneous_redeliveries_apply_once(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1"])
    services = [ConversationService(chat.db, clock=chat.clock) for _ in range(4)]
    barrier = threading.Barrier(4)
    results: list[int] = []

    def deliver(service: ConversationService) -> None:
        barrier.wait()
        results.append(len(service.handle(Message("console:siti", "TUK A", message_id="dup"))))

    threads = [threading.Thread(target=deliver, args=(s,)) for s in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Applied once; its replies kept until sent, so one redelivery may get them once more.
    assert sorted(results)[-1] > 0 and sorted(results)[:2] == [0, 0]
    assert count(chat.db, Answer) == 1


def test_inactive_member_is_refused(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    with session_scope(chat.db) as session:
        member = session.execute(select(Member).where(Member.name == "Siti")).scalar_one()
        member.active = False
        session.commit()
    assert "dinonaktifkan" in chat.say("siti", "/menu")


def test_help_and_aliases(chat: Chat) -> None:
    for command in ["/bantuan", "/help"]:
        reply = chat.say("admin", command)
        assert "/lewati" in reply and "/undang" in reply
    assert "Dibatalkan" in chat.say("admin", "/cancel")
    assert "tidak dikenal" in chat.say("admin", "/entah")


def test_timestamps_are_utc_aware(chat: Chat) -> None:
    with session_scope(chat.db) as session:
        created = session.execute(select(Member.created_at)).scalars().first()
    assert created is not None and created.utcoffset() == timedelta(0)


def test_a_wrong_entry_can_be_deleted_and_the_deletion_is_traced(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    entry = ["Jl. A", "1", "2", "Skema A", "5", "Baik"]
    chat.script("siti", ["/menu", "1", "TUK Salah", *entry, "ya", "TUK Benar", *entry, "tidak"])
    review = chat.say("siti", "/lewati")
    assert "Hapus TUK" in review
    assert "Hapus TUK ke-1 (TUK Salah)" in chat.script("siti", ["hapus", "1"])
    review = chat.say("siti", "ya")
    assert "TUK ke-1 dihapus." in review
    assert "TUK Salah" not in review and "TUK ke-1\n1. Nama TUK: TUK Benar" in review
    stored = stored_answers(chat.db, user_name="Siti", section="2.5")
    assert stored[(1, "_dihapus")] is True and stored[(1, "nama")] == "TUK Salah"
    assert revisions(chat.db, field="_dihapus", entry=1) == [(1, None, True)]
    added = chat.script("siti", ["tambah"])
    assert added.startswith("TUK ke-2: Nama TUK")
    chat.script("siti", ["TUK Ketiga", *entry])
    assert stored_answers(chat.db, user_name="Siti", section="2.5")[(3, "nama")] == "TUK Ketiga"


def test_replies_are_kept_until_sent_and_a_redelivery_before_then_gets_them_again(
    db: Engine,
) -> None:
    """A crash between storing an answer and sending its reply: Telegram or Meta delivers the
    message again; it is not applied twice, and the member gets the reply (the next question)
    instead of silence. Once the channel has said it sent them, a redelivery gets nothing."""
    service = ConversationService(db)
    code = create_invite(db, role=Role.KOORDINATOR_TUK, name="Siti")
    service.handle(Message("telegram:1", f"/start {code}", message_id="1"))
    opened = service.handle(Message("telegram:1", "/isi 2.5", message_id="2"))
    answer = Message("telegram:1", "TUK Sewaktu Bima", message_id="3")
    first = service.handle(answer)
    assert opened and first  # the section opened; the answer got the next question
    again = service.handle(answer)  # redelivered before the channel said "sent"
    assert [(r.text, r.options) for r in again] == [(r.text, r.options) for r in first]
    assert service.handle(answer) == []  # at most once more
    service.replied(answer)
    assert service.handle(answer) == []
    with session_scope(db) as session:
        kept = session.execute(
            select(Answer.value, Answer.revision).where(Answer.field == "nama")
        ).all()
    assert [tuple(row) for row in kept] == [("TUK Sewaktu Bima", 1)]
