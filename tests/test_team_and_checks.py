"""The admin sees the team; finals wait for the semester's end; answers are checked against
each other and against the semester; review numbers do not move; numbers stay exact."""

from storage.enums import Role
from tests.helpers import SEMESTER_OVER, Chat, complete_profile, stored_answers
from tests.reporting import fill, last_document, nihil, one_line, pdf_text

# 2.6, answered up to the start date of the surveillance.
SURVEILLANCE_START = ["/menu", "1", "1,3", "kualifikasi", "40", "1 Agustus 2026"]


def test_the_admins_menu_shows_the_teams_state(chat: Chat) -> None:
    fill(chat, "2.5")  # Siti Aminah sends 2.5
    nihil(chat, "admin", "2.7")
    menu = chat.say("admin", "/menu")
    assert "✅ lengkap, ➖ dinyatakan nihil, ⬜ belum lengkap" in menu
    assert "4. ✅ 2.5 Pengembangan dan Verifikasi TUK" in menu  # the team's, not the admin's
    assert "6. ➖ 2.7 Lembaga Penyedia Uji Profisiensi" in menu
    assert "1. ⬜ 2.2 Pengembangan Skema Sertifikasi" in menu
    siti_menu = chat.say("siti", "/menu")
    assert "✅ 2.5" in siti_menu and "seluruh tim" not in siti_menu


def test_opening_a_section_others_sent_shows_their_entries_first(chat: Chat) -> None:
    fill(chat, "2.5")
    opened = chat.say("admin", "4")
    assert "Data yang sudah ada dari anggota lain di bagian ini:" in opened
    assert (
        "- Siti Aminah (Koordinator TUK), terkirim: 2 TUK (TUK Bengkel Otomotif; TUK Tata Boga)"
        in (opened)
    )
    assert opened.index("anggota lain") < opened.index("TUK ke-1: Nama TUK")


def test_the_admin_cannot_declare_nihil_over_others_data(chat: Chat) -> None:
    fill(chat, "2.5")
    refused = chat.say("admin", "/nihil 2.5")
    assert "tidak dapat dinyatakan nihil" in refused
    assert "Siti Aminah (Koordinator TUK), terkirim: 2 TUK" in refused
    chat.say("admin", "/draft")
    text = one_line(pdf_text(last_document(chat).data))
    assert "Dinyatakan nihil" not in text.split("2.5 Pengembangan dan Verifikasi TUK")[2][:200]


def test_a_final_waits_for_the_end_of_its_semester(chat: Chat) -> None:
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.6", "2.7")
    early = chat.say("admin", "/final")  # 24 November 2026
    assert "baru dapat dibuat mulai 1 Januari 2027, setelah semester berakhir" in early
    assert not [d for d in chat.documents if "_v1" in d.filename]
    chat.clock.now = SEMESTER_OVER
    made = chat.say("admin", "/final")
    assert "versi 1 dibuat" in made
    text = one_line(pdf_text(last_document(chat).data))
    assert "Tanggal terbit (data dibekukan) 2 Januari 2027 pukul 10.00 WITA" in text
    assert "2 Januari 2027 pukul 10.00 WITA" in chat.say("admin", "/laporan")


def test_an_end_date_before_its_start_is_refused(chat: Chat) -> None:
    chat.join("dedi", Role.SURVEILAN, "Dedi")
    chat.script("dedi", SURVEILLANCE_START)
    refused = chat.say("dedi", "31-07-2026")
    assert (
        "Tanggal selesai pelaksanaan surveilan (31 Juli 2026) tidak boleh sebelum tanggal mulai "
        "pelaksanaan surveilan (1 Agustus 2026)." in refused
    )
    assert refused.endswith("Tanggal selesai pelaksanaan surveilan")  # asked again
    chat.say("dedi", "30/9/26")  # a two-digit year is 2026
    assert stored_answers(chat.db, user_name="Dedi", section="2.6")[(0, "jadwal_selesai")] == (
        "2026-09-30"
    )


def test_changing_the_start_after_the_end_is_refused_too(chat: Chat) -> None:
    chat.join("dedi", Role.SURVEILAN, "Dedi")
    sent = chat.script("dedi", [*SURVEILLANCE_START, "30-09-2026", "/lewati", "tidak", "/lewati",
                                "1"])  # fmt: skip
    assert "sudah terkirim" in sent
    assert "(terkirim)" in chat.script("dedi", ["/menu", "1"])
    assert "Nomor jawaban" in chat.say("dedi", "2")  # Ubah jawaban
    assert "Tanggal mulai" in chat.say("dedi", "4")
    refused = chat.say("dedi", "1 Oktober 2026")
    assert "tidak boleh sebelum" in refused
    assert stored_answers(chat.db, user_name="Dedi", section="2.6")[(0, "jadwal_mulai")] == (
        "2026-08-01"
    )


def test_a_date_outside_the_semester_asks_for_confirmation(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", "TUK A", "Bima", "1", "1"])
    asked = chat.say("siti", "12-03-2026")
    assert (
        "Tanggal verifikasi: 12 Maret 2026 berada di luar Semester II Tahun 2026 "
        "(1 Juli 2026 sampai 31 Desember 2026). Benar?" in asked
    )
    assert "1. Ya\n2. Tidak" in asked
    assert (1, "tanggal_verifikasi") not in stored_answers(chat.db, user_name="Siti",
                                                          section="2.5")  # fmt: skip
    again = chat.say("siti", "tidak")
    assert again.endswith("Tanggal verifikasi TUK\nContoh: 24-11-2026 atau 24 November 2026.")
    chat.say("siti", "12-03-2026")
    after = chat.say("siti", "ya")
    assert "berita acara verifikasi TUK sebagai bukti" in after  # then the date's evidence
    assert "Ruang lingkup uji kompetensi" in chat.say("siti", "/lewati")
    assert (
        stored_answers(chat.db, user_name="Siti", section="2.5")[(1, "tanggal_verifikasi")]
        == "2026-03-12"
    )


def test_review_numbers_are_the_same_before_and_after_sending(chat: Chat) -> None:
    fill(chat, "2.5")
    chat.say("siti", "/menu")
    sent = chat.say("siti", "1")
    assert "1. Selesai\n2. Ubah jawaban\n3. Tambah TUK\n4. Hapus TUK" in sent
    chat.join("budi", Role.KOORDINATOR_TUK, "Budi")
    lines = ["/menu", "1", "TUK B", "Bima", "1", "3", "Skema", "/lewati", "Baik", "tidak",
             "/lewati"]  # fmt: skip
    draft = chat.script("budi", lines)
    assert "1. Kirim\n2. Ubah jawaban\n3. Tambah TUK\n4. Hapus TUK\n5. Kembali ke menu" in draft
    assert "Nomor TUK yang ingin dihapus" in chat.say("budi", "4")


def test_whole_numbers_are_exact_or_refused(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.script("siti", ["/menu", "1", "TUK A", "Bima", "1", "3", "Skema"])
    for typed in ("99999999999999999999999", "1.000.000.000.000.000.000.000.000.000",
                  "9" * 401, "100001"):  # fmt: skip
        refused = chat.say("siti", typed)
        assert "Angka paling besar 100.000." in refused, typed
    assert "Perkembangan TUK" in chat.say("siti", "100.000")
    assert stored_answers(chat.db, user_name="Siti", section="2.5")[(1, "jumlah_asesi")] == 100000


def test_a_large_team_is_listed_by_its_first_names_and_counted(chat: Chat) -> None:
    """Opening a section lists the first ten others by name, then how many more (a draft with
    something in it counts, an empty one does not); a nihil over others' data names the first
    ten who sent it, then how many more."""
    from sqlalchemy import insert

    from storage.db import session_scope
    from storage.models import Answer, Submission

    chat.say("admin", "/menu")  # the admin exists and the period is there
    names = [f"Koordinator {n:02d}" for n in range(14)]
    for name in names:
        chat.join(name.replace(" ", "_"), Role.KOORDINATOR_TUK, name)
    now = chat.clock.now
    with session_scope(chat.db) as session:
        period_id = session.execute(select_period()).scalar_one()
        member_ids = {name: id_ for name, id_ in session.execute(select_members())}
        for n, name in enumerate(reversed(names)):  # stored in no particular order
            status = "draft" if n in (0, 1) else "submitted"
            submission_id = session.execute(
                insert(Submission).values(period_id=period_id, section="2.5",
                                          member_id=member_ids[name], status=status,
                                          created_at=now, updated_at=now)
            ).inserted_primary_key[0]  # fmt: skip
            if n != 0:  # "Koordinator 13" keeps an empty draft
                answer = insert(Answer).values(
                    submission_id=submission_id, entry_no=1, field="nama", value=f"TUK {name}",
                    revision=1, member_id=member_ids[name], channel="console", updated_at=now,
                )  # fmt: skip
                session.execute(answer)
        session.commit()
    opened = chat.say("admin", "4")
    listed = [line for line in opened.splitlines() if line.startswith("- Koordinator")]
    assert [line.split(" (")[0][2:] for line in listed] == names[:10]
    assert "- dan 3 anggota lainnya" in opened  # 13 with something in them, ten shown
    refused = chat.say("admin", "/nihil 2.5")
    sent = [line.split(" (")[0][2:] for line in refused.splitlines() if line.startswith("- K")]
    assert sent == names[:10] and "- dan 2 anggota lainnya" in refused  # 12 sent


def select_period():  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Period

    return select(Period.id).order_by(Period.year.desc(), Period.semester.desc()).limit(1)


def select_members():  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Member

    return select(Member.name, Member.id)
