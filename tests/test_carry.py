"""Last semester's answers offered again, over two semesters through the console: a coordinator
with three unchanged TUKs confirms them instead of typing them again; one changed, one gone, one
new; an assessor confirms 3.2 and answers only the semester's questions; nobody is offered what
they did not send; every carried answer names the revision it came from."""

import io
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import Engine, delete, select

from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, AnswerRevision, Member, Period, Submission, SubmissionEvent
from tests.helpers import Chat, stored_answers
from tests.reporting import pdf_text, squeezed
from tests.test_hostile import APOLOGY
from tests.test_hostile_properties import TYPED

# 10 March 2027, 10:00 WITA: semester I 2027, the next after the fixtures' semester II 2026.
NEXT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)
TUKS = [
    ["TUK Bengkel Otomotif SMKN 3 Kota Bima", "Jl. Soekarno-Hatta No. 12, Kota Bima", "mandiri",
     "terverifikasi", "12-08-2026", "/lewati", "Skema Teknik Kendaraan Ringan Otomotif", "52",
     "Ruang praktik direnovasi."],
    ["TUK Dapur Tata Boga", "Jl. Gajah Mada No. 1, Kota Bima", "sewaktu", "proses",
     "Skema Tata Boga", "40", "Peralatan dapur ditambah."],
    ["TUK Laboratorium Komputer", "Jl. Sultan Hasanuddin No. 5, Kota Bima", "tempat_kerja",
     "belum", "Skema Teknik Komputer dan Jaringan", "27", "Jaringan diperbarui."],
]  # fmt: skip
STABLE_TUK = ("nama", "lokasi", "jenis", "status_verifikasi", "tanggal_verifikasi", "ruang_lingkup")


def first_semester(chat: Chat) -> int:
    """Siti fills 2.5 with three TUKs in semester II 2026 and sends it: the messages it took."""
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    script = ["/menu", "2.5"]
    for number, tuk in enumerate(TUKS):
        script += [*tuk, "ya" if number < len(TUKS) - 1 else "tidak"]
    script += ["/lewati", "kirim"]
    reply = chat.script("siti", script)
    assert "sudah terkirim" in reply, reply
    return len(script)


def answers_now(db: Engine, user_name: str, section: str) -> dict[tuple[int, str], Any]:
    """The member's current answers of a section in semester I 2027."""
    with session_scope(db) as session:
        rows = session.execute(
            select(Answer.entry_no, Answer.field, Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Member, Member.id == Submission.member_id)
            .join(Period, Period.id == Submission.period_id)
            .where(Member.name == user_name, Submission.section == section,
                   Period.year == 2027, Period.semester == "I")
        ).all()  # fmt: skip
    return {(row[0], row[1]): row[2] for row in rows}


def status_now(db: Engine, user_name: str, section: str) -> str | None:
    with session_scope(db) as session:
        return session.execute(
            select(Submission.status)
            .join(Member, Member.id == Submission.member_id)
            .join(Period, Period.id == Submission.period_id)
            .where(Member.name == user_name, Submission.section == section,
                   Period.year == 2027, Period.semester == "I")
        ).scalar_one_or_none()  # fmt: skip


def carried(db: Engine, user_name: str, section: str) -> dict[tuple[int, str], tuple[Any, Any]]:
    """(entry, field) -> (value, (the answer's year and semester, the value of the revision it
    was carried from))."""
    with session_scope(db) as session:
        rows = session.execute(
            select(Answer.entry_no, Answer.field, Answer.value, Period.year, Period.semester,
                   AnswerRevision.new_value)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Member, Member.id == Submission.member_id)
            .join(AnswerRevision, AnswerRevision.id == Answer.carried_from)
            .join(Period, Period.id == Submission.period_id)
            .where(Member.name == user_name, Submission.section == section)
        ).all()  # fmt: skip
    return {(r[0], r[1]): (r[2], (r[3], r[4], r[5])) for r in rows}


def origin_periods(db: Engine, user_name: str, section: str) -> set[tuple[int, str]]:
    """The semesters the revisions carried from belong to."""
    with session_scope(db) as session:
        source = Submission.__table__.alias("source")
        rows = session.execute(
            select(Period.year, Period.semester)
            .select_from(Answer)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Member, Member.id == Submission.member_id)
            .join(AnswerRevision, AnswerRevision.id == Answer.carried_from)
            .join(source, source.c.id == AnswerRevision.submission_id)
            .join(Period, Period.id == source.c.period_id)
            .where(Member.name == user_name, Submission.section == section)
        ).all()  # fmt: skip
    return {(year, str(semester)) for year, semester in rows}


def test_three_unchanged_tuks_are_confirmed_with_one_tap(chat: Chat) -> None:
    first = first_semester(chat)
    chat.clock.now = NEXT
    menu = chat.say("siti", "/menu")
    assert "Bisa dikonfirmasi dari semester lalu, cukup beberapa ketukan: 2.5." in menu
    opened = chat.say("siti", "2.5")
    assert "Pada Semester II Tahun 2026 Anda melaporkan 3 TUK" in opened
    # Each TUK is shown with what would be copied, then one question for them all.
    assert "1. TUK Bengkel Otomotif SMKN 3 Kota Bima\n• Lokasi: Jl. Soekarno-Hatta" in opened
    assert "3. TUK Laboratorium Komputer\n• Lokasi: Jl. Sultan Hasanuddin" in opened
    assert "Semuanya masih sama, atau periksa satu per satu?" in opened
    assert "1. Semua masih sama\n2. Satu per satu" in opened
    kept = chat.say("siti", "semua masih sama")
    assert "✓ 3 TUK disalin dari Semester II Tahun 2026" in kept
    assert "TUK ke-1: Jumlah asesi yang diuji" in kept
    script = ["60", "Bengkel menambah dua lift.", "45", "Dapur baru dipakai.", "30",
              "Dua ruang praktik baru.", "tidak", "/lewati", "kirim"]  # fmt: skip
    replies = [chat.say("siti", line) for line in script]
    second = 3 + len(script)
    print(f"\n2.5 with three TUKs: {first} messages the first semester, {second} the next")
    assert "sudah terkirim" in replies[-1]
    # What is left is the semester's own: two questions a TUK, "Tambah TUK lain?", the plan,
    # "kirim", and opening the section.
    assert second == 3 + 2 * len(TUKS) + 3 and second * 5 <= first * 2, (first, second)
    summary = replies[-2]  # the review before "kirim": what came from last semester is marked
    assert "Nama TUK: TUK Dapur Tata Boga ↺" in summary
    assert "Asesi diuji: 45\n" in summary and "↺ dikonfirmasi dari semester lalu" in summary

    now = answers_now(chat.db, "Siti Aminah", "2.5")
    # Stable answers copied; the semester's typed afresh.
    assert [now[(n, "nama")] for n in (1, 2, 3)] == [tuk[0] for tuk in TUKS]
    assert now[(1, "tanggal_verifikasi")] == "2026-08-12"
    assert [now[(n, "jumlah_asesi")] for n in (1, 2, 3)] == [60, 45, 30]
    assert now[(2, "perkembangan")] == "Dapur baru dipakai."
    # Each copied answer names the revision it came from, in semester II 2026.
    origins = carried(chat.db, "Siti Aminah", "2.5")
    copied = {key for key in origins}
    expected = {(n, f) for n in (1, 2, 3) for f in STABLE_TUK if (n, f) in now}
    assert copied == expected
    assert all(value == source[2] for value, source in origins.values())
    assert origin_periods(chat.db, "Siti Aminah", "2.5") == {(2026, "II")}
    assert status_now(chat.db, "Siti Aminah", "2.5") == "submitted"


def test_one_changed_one_gone_one_new(chat: Chat) -> None:
    first_semester(chat)
    chat.clock.now = NEXT
    chat.script("siti", ["/menu", "2.5", "satu per satu"])
    # TUK 1 moved: the address is typed, everything else kept with "tetap".
    changed = chat.say("siti", "ubah")
    assert "tetap: TUK Bengkel Otomotif SMKN 3 Kota Bima" in changed
    chat.say("siti", "tetap")
    asked = chat.say("siti", "Jl. Lintas Sumbawa No. 40, Kota Bima")
    assert "Semester lalu: TUK Mandiri" in asked
    for line in ("tetap", "tetap", "tetap", "tetap", "55", "Pindah ke gedung baru."):
        asked = chat.say("siti", line)
    assert "TUK ke-2 semester lalu: TUK Dapur Tata Boga" in asked
    gone = chat.say("siti", "tidak lagi")
    assert "TUK Dapur Tata Boga tidak dimasukkan" in gone
    assert "TUK ke-3 semester lalu: TUK Laboratorium Komputer" in gone
    chat.script("siti", ["sama", "33", "Server baru."])
    new = ["ya", "TUK Tata Busana", "Jl. Kenanga No. 3", "sewaktu", "belum", "Skema Tata Busana",
           "12", "Dibuka semester ini.", "tidak", "/lewati"]  # fmt: skip
    summary = chat.script("siti", new)
    assert "TUK Dapur Tata Boga" not in summary
    now = answers_now(chat.db, "Siti Aminah", "2.5")
    names = sorted(v for (e, f), v in now.items() if f == "nama")
    assert names == sorted([TUKS[0][0], TUKS[2][0], "TUK Tata Busana"])
    origins = carried(chat.db, "Siti Aminah", "2.5")
    entries = {e for (e, f), v in now.items() if f == "nama"}
    by_name = {now[(e, "nama")]: e for e in entries}
    moved, lab, busana = by_name[TUKS[0][0]], by_name[TUKS[2][0]], by_name["TUK Tata Busana"]
    assert now[(moved, "lokasi")] == "Jl. Lintas Sumbawa No. 40, Kota Bima"
    assert (moved, "lokasi") not in origins  # typed: not carried
    assert {(moved, f) for f in ("nama", "jenis", "ruang_lingkup")} <= set(origins)
    assert {(lab, f) for f in ("nama", "lokasi", "jenis")} <= set(origins)
    assert not any(e == busana for e, _f in origins)


def test_an_assessor_confirms_3_2_and_answers_only_the_semester(chat: Chat) -> None:
    chat.join("budi", Role.ASESOR, "Budi Santoso")
    chat.script("budi", ["/menu", "3.2", "MET.000.001234 2019", "31-12-2028", "/lewati",
                         "Teknik Kendaraan Ringan Otomotif", "30", "ya", "RCC Oktober 2026",
                         "/lewati", "kirim"])  # fmt: skip
    chat.clock.now = NEXT
    offer = chat.script("budi", ["/menu", "3.2"])
    assert "Data Anda pada Semester II Tahun 2026" in offer
    assert "No. registrasi asesor: MET.000.001234 2019" in offer and "Masih sama?" in offer
    assert "Jumlah asesi" not in offer  # of the semester: not offered
    asked = chat.say("budi", "Masih sama")
    assert "Jumlah asesi yang Anda ases pada semester ini" in asked
    summary = chat.script("budi", ["25", "tidak", "/lewati"])
    assert "MET.000.001234 2019" in summary and "Asesi yang diases: 25" in summary
    origins = carried(chat.db, "Budi Santoso", "3.2")
    assert set(origins) == {(0, "nomor_registrasi"), (0, "masa_berlaku"), (0, "ruang_lingkup")}
    # report B's Jejak Data says where the confirmed answers were typed first
    chat.say("budi", "kirim")
    chat.say("admin", "/draft sertifikat")
    text = squeezed(pdf_text(chat.documents[-1].data))
    assert squeezed("MET.000.001234 2019 (dari Semester II Tahun 2026, diisi oleh Budi Santoso "
                    "pada") in text  # fmt: skip


def test_nothing_sent_or_nihil_last_semester_is_not_offered(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    chat.join("rina", Role.KOMITE_SKEMA, "Rina Wati")
    chat.join("dedi", Role.KOORDINATOR_TUK, "Dedi Kurniawan")
    chat.script("rina", ["/menu", "/nihil 2.2", "ya"])
    chat.script("dedi", ["/menu", "2.5", *TUKS[0][:3]])  # begun, never sent
    chat.clock.now = NEXT
    for user, section in (("siti", "2.5"), ("rina", "2.2"), ("dedi", "2.5")):
        menu = chat.say(user, "/menu")
        assert "semester lalu" not in menu
        opened = chat.say(user, section)
        assert "semester lalu" not in opened.lower() and "Masih sama" not in opened, opened
        assert "Pada Semester II" not in opened


def test_a_stable_question_new_to_the_form_is_the_only_one_asked(chat: Chat) -> None:
    """As if the form gained a question between semesters: last semester has no answer to it,
    so after "Masih sama" it is asked, and nothing else stable is."""
    first_semester(chat)
    with session_scope(chat.db) as session:  # semester II 2026 without TUK 1's scope
        answer = session.execute(
            select(Answer).where(Answer.entry_no == 1, Answer.field == "ruang_lingkup")
        ).scalar_one()
        session.delete(answer)
        session.commit()
    chat.clock.now = NEXT
    chat.script("siti", ["/menu", "2.5"])
    asked = chat.say("siti", "sama")
    assert "Ruang lingkup uji kompetensi" in asked
    assert "Jumlah asesi" not in asked
    assert "Jumlah asesi" in chat.say("siti", "Skema TKRO dan Skema Sepeda Motor")


def test_carried_answers_are_traced_in_the_report_and_the_export(chat: Chat) -> None:
    first_semester(chat)
    chat.clock.now = NEXT
    chat.script("siti", ["/menu", "2.5", "sama", "60", "Lift baru.", "tidak lagi", "tidak lagi",
                         "tidak", "/lewati", "kirim"])  # fmt: skip
    chat.say("admin", "/draft")
    text = squeezed(pdf_text(chat.documents[-1].data))
    # Jejak Data: the name as confirmed this semester, where and by whom it was typed first
    assert squeezed("TUK Bengkel Otomotif SMKN 3 Kota Bima (dari Semester II Tahun 2026, "
                    "diisi oleh Siti Aminah pada") in text  # fmt: skip
    assert "TUK Dapur Tata Boga" not in text
    chat.say("admin", "/ekspor")
    sheet = load_workbook(io.BytesIO(chat.documents[-1].data))["2.5 Pengembangan TUK"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = rows[0].index("Dikonfirmasi dari semester lalu")
    entry = next(row for row in rows if row[3] == "entri")
    assert entry[column] == ("Nama TUK, Lokasi, Jenis TUK, Status verifikasi, Tanggal verifikasi, "
                             "Ruang lingkup uji (dari Semester II Tahun 2026, diisi oleh "
                             "Siti Aminah)")  # fmt: skip
    section_row = next(row for row in rows if row[3] == "bagian")
    assert section_row[column] is None


def test_names_known_from_the_register_are_offered_and_kept_as_the_register_spells_them(
    chat: Chat,
) -> None:
    from tests.register_files import BENGKEL, DAPUR, PT
    from tests.semester import import_register

    with session_scope(chat.db) as session:
        admin = session.execute(select(Member.id).where(Member.name == "Bu Admin")).scalar_one()
    import_register(chat.db, by=admin)
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    asked = chat.script("siti", ["/menu", "2.5"])
    assert "Pilih nama yang sudah dikenal, atau ketik nama baru." in asked
    offered = asked.split("ketik nama baru.")[-1]
    assert all(name in offered for name in (BENGKEL, DAPUR, PT)), offered
    # typed in other capitals and spacing: stored as the register spells it
    chat.say("siti", "  tuk   bengkel OTOMOTIF smkn 3 kota bima ")
    asked = chat.script("siti", [*TUKS[0][1:], "ya"])
    # the next TUK: the names not used yet, picked by number; one not in the list is typed
    offered = asked.split("ketik nama baru.")[-1]
    assert BENGKEL not in offered and DAPUR in offered
    number = next(line.split(".")[0] for line in offered.splitlines() if line.endswith(DAPUR))
    chat.say("siti", number)
    chat.script("siti", [*TUKS[1][1:], "ya", "TUK Tata Busana SMKN 3", *TUKS[2][1:], "tidak"])
    stored = stored_answers(chat.db, user_name="Siti Aminah", section="2.5")
    names = sorted(value for (_entry, field), value in stored.items() if field == "nama")
    assert names == sorted([BENGKEL, DAPUR, "TUK Tata Busana SMKN 3"])


def test_the_komite_skema_confirms_its_schemes(chat: Chat) -> None:
    chat.join("rina", Role.KOMITE_SKEMA, "Rina Wati")
    schemes = [
        [
            "Teknik Kendaraan Ringan Otomotif",
            "kualifikasi",
            "baru",
            "skkni",
            "SKKNI No. 116 Tahun 2019",
            "50",
        ],
        ["Tata Boga", "okupasi", "tetap", "skkni, khusus", "SKKNI No. 15 Tahun 2018", "40"],
    ]
    script = ["/menu", "2.2", "SK komite terbit.", "/lewati"]
    for number, scheme in enumerate(schemes):
        script += [*scheme, "ya" if number == 0 else "tidak"]
    assert "sudah terkirim" in chat.script("rina", [*script, "Rapat DUDI.", "/lewati", "kirim"])
    chat.clock.now = NEXT
    asked = chat.script("rina", ["/menu", "2.2", "Anggota komite bertambah.", "/lewati"])
    assert "Pada Semester II Tahun 2026 Anda melaporkan 2 skema sertifikasi" in asked
    assert "• Standar rujukan: SKKNI No. 116 Tahun 2019" in asked
    chat.script("rina", ["sama", "revisi", "55", "sama", "tetap", "42", "tidak", "Rapat dinas."])
    now = answers_now(chat.db, "Rina Wati", "2.2")
    assert now[(2, "standar")] == ["skkni", "khusus"] and now[(2, "tahap")] == "tetap"
    assert now[(1, "jumlah_sertifikat")] == 55 and now[(1, "tahap")] == "revisi"
    origins = carried(chat.db, "Rina Wati", "2.2")
    assert set(origins) == {(n, f) for n in (1, 2)
                            for f in ("nama", "jenis", "standar", "standar_rujukan")}  # fmt: skip


def test_an_admin_section_offers_what_another_admin_sent(chat: Chat) -> None:
    chat.join("dewi", Role.ADMIN, "Dewi Lestari")
    chat.script("admin", ["/menu", "2.4", "Cabang Dompu dibuka.", "Cabang Dompu",
                          "Jl. Lintas Dompu No. 2", "Skema TKRO", "3", "tidak", "/lewati",
                          "kirim"])  # fmt: skip
    chat.clock.now = NEXT
    asked = chat.script("dewi", ["/menu", "2.4", "Cabang Dompu berkembang."])
    assert "Pada Semester II Tahun 2026 Bu Admin melaporkan 1 cabang LSP" in asked
    chat.say("dewi", "sama")
    assert answers_now(chat.db, "Dewi Lestari", "2.4")[(1, "lokasi")] == "Jl. Lintas Dompu No. 2"


def test_a_reminder_says_which_sections_can_be_confirmed(chat: Chat) -> None:
    from bot.reminders.compose import confirmable
    from bot.reminders.messages import member_reminder
    from conversations.forms.registry import BY_KEY
    from conversations.service import ensure_periods
    from storage import period_data
    from storage.enums import ReminderKind

    first_semester(chat)
    chat.join("budi", Role.ASESOR, "Budi Santoso")  # nothing sent last semester
    chat.clock.now = NEXT
    ensure_periods(chat.db, today=NEXT.date())
    with session_scope(chat.db) as session:
        period = period_data.period(session, year=2027, semester="I")
        assert period is not None
        ids = {name: mid for name, mid in session.execute(select(Member.name, Member.id))}
        siti = confirmable(session, ids["Siti Aminah"], period, [BY_KEY["2.5"]])
        budi = confirmable(session, ids["Budi Santoso"], period, [BY_KEY["3.2"]])
    assert siti == {"2.5"} and budi == frozenset()
    reply = member_reminder(ReminderKind.BEFORE, period="Semester I Tahun 2027",
                            data_deadline=NEXT.date(), final_deadline=NEXT.date(),
                            owed=[BY_KEY["2.5"]], today=NEXT.date(), confirmable=siti)  # fmt: skip
    assert (
        "- 2.5 Pengembangan dan Verifikasi TUK (bisa dikonfirmasi dari semester lalu" in reply.text
    )
    chat.script("siti", ["/menu", "2.5", "sama"])  # begun: nothing more to offer
    with session_scope(chat.db) as session:
        assert confirmable(session, ids["Siti Aminah"], period, [BY_KEY["2.5"]]) == frozenset()


CARRY_WORDS = st.sampled_from(["sama", "ubah", "tidak lagi", "tetap", "Masih sama", "ya",
                               "tidak", "1", "2", "3", "4", "/lewati", "/menu", "/isi 2.5",
                               "/nihil", "kirim", "/batal"])  # fmt: skip


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(st.one_of(CARRY_WORDS, TYPED), min_size=1, max_size=14))
def test_anything_typed_while_last_semester_is_offered_never_meets_an_apology(
    chat: Chat, lines: list[str]
) -> None:
    if not any("siti" in line for line in chat.transcript):  # once per database
        first_semester(chat)
        chat.clock.now = NEXT
    with session_scope(chat.db) as session:  # this semester not begun: offered afresh
        period = session.execute(
            select(Period.id).where(Period.year == 2027, Period.semester == "I")
        ).scalar_one_or_none()
        if period is not None:
            ids = select(Submission.id).where(Submission.period_id == period)
            for table in (AnswerRevision, Answer, SubmissionEvent):
                session.execute(delete(table).where(table.submission_id.in_(ids)))
            session.execute(delete(Submission).where(Submission.period_id == period))
            session.commit()
    chat.say("siti", "/menu")
    assert "Pada Semester II Tahun 2026" in chat.say("siti", "2.5")
    for line in lines:
        reply = chat.say("siti", line)
        assert reply.strip() and APOLOGY not in reply, (line[:60], reply[:300])
    for (entry, field), (value, source) in carried(chat.db, "Siti Aminah", "2.5").items():
        assert value == source[2], (entry, field)  # copied as it was
    assert origin_periods(chat.db, "Siti Aminah", "2.5") <= {(2026, "II")}
