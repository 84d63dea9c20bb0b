"""The review of sent parts, through the console: the Manajer Administrasi's /periksa lists
what was sent, opens a part with its answers and evidence, returns it with the answers to fix
and a note, or accepts it; the owner fixes exactly the flagged answers and sends again; states
are one vocabulary in the chat and the reports; a final is refused while a return is open; every
action is kept and traced."""

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from bot.reminders.delivery import Begin, Delivery, always_begin
from bot.reminders.desk import ReminderDesk
from conversations.events import Reply
from storage.db import session_scope
from storage.enums import Role
from storage.models import Submission, SubmissionEvent
from storage.review import Review
from tests.helpers import Chat
from tests.reporting import pdf_text, squeezed
from tests.test_evidence import JPEG

TUK = ["TUK Bengkel Otomotif", "Jl. Soekarno-Hatta 12", "mandiri", "terverifikasi", "12-08-2026"]
REST = ["Skema TKRO", "52", "Ruang praktik direnovasi.", "tidak", "/lewati", "kirim"]
NOTE = "Tanggalnya tidak sesuai berita acara"


def sent_by_siti(chat: Chat) -> None:
    """Siti sends 2.5 with one TUK and the berita acara as a photo."""
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    chat.script("siti", ["/menu", "1", *TUK])
    chat.send_file("siti", "berita-acara.jpg", JPEG)
    assert "sudah terkirim" in chat.script("siti", ["selesai", *REST])


def returned_by_admin(chat: Chat) -> str:
    """The admin returns the verification date (answer 5) with a note; her last reply."""
    listed = chat.say("admin", "/periksa")
    assert "Bagian terkirim yang belum diperiksa (1)" in listed
    assert "1. 2.5 Pengembangan dan Verifikasi TUK — Siti Aminah, dikirim" in listed
    opened = chat.say("admin", "1")
    assert "Bagian 2.5 Pengembangan dan Verifikasi TUK dari Siti Aminah (terkirim)" in opened
    assert "5. Tanggal verifikasi: 12 Agustus 2026" in opened
    assert "• TUK ke-1: Tanggal verifikasi: berita-acara.jpg (JPEG, 13 KB)" in opened
    assert "1. Terima\n2. Kembalikan\n3. Daftar" in opened
    assert "Jawaban mana yang perlu diperbaiki?" in chat.say("admin", "Kembalikan")
    assert 'Nomor "12" tidak ada' in chat.say("admin", "12")
    assert "Catatan untuk Siti Aminah" in chat.say("admin", "5")
    return chat.say("admin", NOTE)


def status(db: Engine) -> tuple[str, list[str]]:
    """Siti's 2.5: its status, and the statuses its events recorded in order."""
    with session_scope(db) as session:
        part = session.execute(select(Submission.id, Submission.status)).one()
        events = session.execute(
            select(SubmissionEvent.status)
            .where(SubmissionEvent.submission_id == part.id)
            .order_by(SubmissionEvent.id)
        ).scalars()  # fmt: skip
        return str(part.status), [str(event) for event in events]


def test_a_part_returned_with_a_note_is_fixed_in_three_messages_then_accepted(
    chat: Chat,
) -> None:
    sent_by_siti(chat)
    done = returned_by_admin(chat)
    assert f'↩️ Bagian 2.5 dikembalikan ke Siti Aminah, dengan catatan: "{NOTE}"' in done
    assert "Yang perlu diperbaiki: TUK ke-1: Tanggal verifikasi." in done
    assert "Tidak ada bagian terkirim yang menunggu diperiksa" in done
    assert status(chat.db) == ("returned", ["submitted", "returned"])
    assert "↩️ 2.5 Pengembangan dan Verifikasi TUK: dikembalikan" in chat.say("siti", "/status")

    # The owner fixes exactly the flagged answer: opening it, the answer, "kirim".
    opened = chat.say("siti", "/perbaiki 2.5")
    assert "dikembalikan oleh Bu Admin" in opened and f'"{NOTE}"' in opened
    assert "Perbaiki 1 jawaban berikut" in opened
    assert "TUK ke-1: Tanggal verifikasi TUK" in opened and "12 Agustus 2026" in opened
    fixed = chat.say("siti", "14-08-2026")
    assert "Jawaban diubah." in fixed and "(dikembalikan):" in fixed
    assert "5. Tanggal verifikasi: 14 Agustus 2026" in fixed and "1. Kirim" in fixed
    assert "Kirim foto" not in fixed  # the evidence sent stays; not asked again
    assert "sudah terkirim" in chat.say("siti", "kirim")
    assert status(chat.db) == ("submitted", ["submitted", "returned", "submitted"])

    # Back in the admin's list, with the fixed date; accepted.
    chat.say("admin", "/periksa")
    assert "5. Tanggal verifikasi: 14 Agustus 2026" in chat.say("admin", "1")
    accepted = chat.say("admin", "Terima")
    assert "☑️ Bagian 2.5 dari Siti Aminah diterima." in accepted
    assert status(chat.db)[0] == "accepted"
    assert "☑️ 2.5 Pengembangan dan Verifikasi TUK: diterima" in chat.say("siti", "/status")
    with session_scope(chat.db) as session:
        kept = session.execute(
            select(Review.action, Review.fields, Review.note, Review.answered_at)
            .order_by(Review.id)
        ).all()  # fmt: skip
    assert [(r.action, r.fields, r.note) for r in kept] == [
        ("returned", [[1, "tanggal_verifikasi"]], NOTE),
        ("accepted", None, ""),
    ]
    assert kept[0].answered_at is not None  # the return was answered by sending again


def test_opening_a_returned_section_from_the_menu_starts_the_fix(chat: Chat) -> None:
    sent_by_siti(chat)
    returned_by_admin(chat)
    menu = chat.say("siti", "/menu")
    assert "1. ↩️ 2.5 Pengembangan dan Verifikasi TUK" in menu
    opened = chat.say("siti", "1")
    assert f'"{NOTE}"' in opened and "TUK ke-1: Tanggal verifikasi TUK" in opened


def test_a_changed_accepted_part_is_to_be_looked_at_again(chat: Chat) -> None:
    sent_by_siti(chat)
    chat.script("admin", ["/periksa", "1", "Terima"])
    assert status(chat.db)[0] == "accepted"
    chat.script("siti", ["/menu", "1", "ubah", "7", "60"])
    assert status(chat.db)[0] == "submitted"
    assert "(1)" in chat.say("admin", "/periksa")


def test_only_admins_review_and_only_the_owner_fixes(chat: Chat) -> None:
    sent_by_siti(chat)
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    assert "hanya untuk Manajer Administrasi" in chat.say("budi", "/periksa")
    returned_by_admin(chat)
    refused = chat.say("budi", "/perbaiki 2.5")
    assert "Bagian 2.5 bukan tugas peran Anda." in refused and NOTE not in refused
    assert "tidak sedang dikembalikan" in chat.say("budi", "/perbaiki 3.2")


def test_a_part_another_admin_dealt_with_is_not_reviewed_twice(chat: Chat) -> None:
    sent_by_siti(chat)
    chat.join("rahmat", Role.ADMIN, "Rahmat")
    chat.script("admin", ["/periksa", "1"])
    chat.script("rahmat", ["/periksa", "1", "Terima"])
    late = chat.say("admin", "Kembalikan")
    assert "Bagian itu sudah diterima; tidak perlu diperiksa lagi." in late
    with session_scope(chat.db) as session:
        assert session.execute(select(Review.action)).scalars().all() == ["accepted"]


def test_reports_say_returned_and_accepted_and_trace_both(chat: Chat) -> None:
    sent_by_siti(chat)
    returned_by_admin(chat)
    chat.say("admin", "/draft")
    draft = squeezed(pdf_text(chat.documents[-1].data))
    assert squeezed("Siti Aminah (dikembalikan)") in draft  # the completeness table
    assert squeezed(f'Dikembalikan: "{NOTE}" (perlu diperbaiki: TUK no. 1 Tanggal') in draft
    assert squeezed("Siti Aminah: dikembalikan oleh Bu Admin pada") in draft

    chat.clock.now = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)  # the semester over
    refused = chat.say("admin", "/final")
    assert "Masih ada bagian yang dikembalikan dan belum dikirim ulang" in refused
    assert f'- 2.5 dari Siti Aminah (dikembalikan oleh Bu Admin: "{NOTE}")' in refused

    chat.script("siti", ["/perbaiki 2.5", "14-08-2026", "kirim"])
    chat.script("admin", ["/periksa", "1", "Terima"])
    chat.say("admin", "/draft")
    draft = squeezed(pdf_text(chat.documents[-1].data))
    assert squeezed("Siti Aminah: diterima oleh Bu Admin pada 04-01-2027 10.00 WITA") in draft
    assert squeezed("PemeriksaanDiterima") in draft.replace(" ", "")


class Console:
    """A pusher for console identities: what it would send, kept."""

    channels = ("console",)

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def push(self, identity: str, reply: Reply, begin: Begin = always_begin) -> Delivery:
        if not await begin():
            return Delivery(sent=False)
        self.sent.append((identity, reply))
        return Delivery(sent=True)


async def test_the_owner_is_told_once_and_reminders_name_the_return(chat: Chat) -> None:
    sent_by_siti(chat)
    returned_by_admin(chat)
    desk, pusher = ReminderDesk(chat.db, clock=chat.clock), Console()
    await desk.run(pusher)
    [(identity, notice)] = pusher.sent
    assert identity == "console:siti" and f'"{NOTE}"' in notice.text
    assert [option.value for option in notice.options] == ["/perbaiki 2.5"]
    await desk.run(pusher)
    assert len(pusher.sent) == 1  # once only
    period = chat.desk.period()
    assert period is not None
    assert desk.remind_now(period=period, section=None, by=1) >= 1  # an admin's /ingatkan
    await desk.run(pusher)
    reminded = [reply.text for who, reply in pusher.sent[1:] if who == "console:siti"]
    assert (
        reminded and f'2.5 Pengembangan dan Verifikasi TUK (dikembalikan: "{NOTE}")' in reminded[0]
    )
