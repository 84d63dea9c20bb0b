"""Golden transcripts: for each section, what the user types, what the bot says, what is stored.

The expected conversation of each section is in tests/golden/<section>.txt. After an intended
change of wording, rewrite them with `UPDATE_GOLDEN=1 pytest tests/test_transcripts.py` and read
the diff before committing.
"""

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, Member, Period, Submission
from tests.helpers import Chat, stored_answers, submission_status

GOLDEN = Path(__file__).parent / "golden"

# section -> (role, name, what the user types, answers expected in the database)
CASES: dict[str, tuple[Role, str, list[str], dict[tuple[int, str], Any]]] = {
    "2.2": (
        Role.KOMITE_SKEMA,
        "Rina Komite",
        ["/menu", "1", "Komite skema dibentuk dengan SK Direktur No. 12/2026", "/lewati",
         "Teknik Kendaraan Ringan", "1", "1", "1,3", "SKKNI No. 116 Tahun 2019", "1.025",
         "ya", "Juru Masak", "okupasi", "sudah ada, tidak berubah", "skkni", "SKKNI 2018",
         "0 sertifikat", "tidak", "Rapat harmonisasi dengan DUDI dan Dinas", "/lewati", "1"],
        {(0, "komite"): "Komite skema dibentuk dengan SK Direktur No. 12/2026",
         (1, "nama"): "Teknik Kendaraan Ringan", (1, "jenis"): "kualifikasi",
         (1, "tahap"): "baru", (1, "standar"): ["skkni", "khusus"],
         (1, "jumlah_sertifikat"): 1025, (2, "jenis"): "okupasi", (2, "tahap"): "tetap",
         (2, "standar"): ["skkni"], (2, "jumlah_sertifikat"): 0, (0, "rencana"): None},
    ),
    "2.3": (
        Role.KOMITE_SKEMA,
        "Rina Komite",
        ["/menu", "2", "Skema Teknik Kendaraan Ringan", "Unit kompetensi 1 sampai 10",
         "1", "Ditelusuri ke standar ASEAN Automotive", "Pak Ahmad (ketua), Bu Nur",
         "divalidasi", "5 Agustus 2026", "/lewati", "ya", "Skema Juru Masak", "Seluruh unit",
         "3", "Standar khusus industri perhotelan", "Bu Sari", "3", "tidak",
         "Verifikasi skema baru", "1"],
        {(1, "status_standar"): "skkni", (1, "keputusan_bnsp"): "divalidasi",
         (1, "tanggal_keputusan"): "2026-08-05", (2, "keputusan_bnsp"): "menunggu",
         (0, "rencana"): "Verifikasi skema baru"},
    ),
    "2.4": (
        Role.ADMIN,
        "Bu Admin",
        ["/menu", "3", "Satu cabang mulai dirintis", "Cabang Sape", "Kec. Sape, Kab. Bima",
         "Skema Teknik Kendaraan Ringan", "4", "tidak", "/lewati", "kirim"],
        {(0, "perkembangan"): "Satu cabang mulai dirintis", (1, "nama"): "Cabang Sape",
         (1, "jumlah_asesor"): 4, (0, "rencana"): None},
    ),
    "2.5": (
        Role.KOORDINATOR_TUK,
        "Siti Aminah",
        ["/menu", "1", "TUK Bengkel Otomotif", "Jl. Gajah Mada No. 1, Kota Bima", "2",
         "Terverifikasi", "31-02-2026", "12/08/2026", "/lewati", "Skema TKR Level II", "/lewati",
         "Lab direnovasi", "ya", "TUK Tata Boga", "Kampus SMKN 3", "tempat kerja", "3",
         "Skema Juru Masak", "15 asesi", "Dapur baru", "tidak", "Menambah 1 TUK", "1"],
        {(1, "nama"): "TUK Bengkel Otomotif", (1, "jenis"): "sewaktu",
         (1, "status_verifikasi"): "terverifikasi", (1, "tanggal_verifikasi"): "2026-08-12",
         (1, "jumlah_asesi"): None, (2, "jenis"): "tempat_kerja", (2, "status_verifikasi"): "belum",
         (2, "jumlah_asesi"): 15, (0, "rencana"): "Menambah 1 TUK"},
    ),
    "2.6": (
        Role.SURVEILAN,
        "Dedi Surveilan",
        ["/menu", "1", "1,3", "kualifikasi, okupasi", "40", "1 Agustus 2026", "30-09-2026",
         "/lewati", "ya", "0", "2", "Asesmen ulang unit yang belum kompeten",
         "Surveilan semester I", "1"],
        {(0, "metode"): ["kunjungan", "kuesioner"], (0, "jenis_sertifikat"): ["kualifikasi",
         "okupasi"], (0, "jumlah_pemegang"): 40, (0, "jadwal_mulai"): "2026-08-01",
         (0, "jadwal_selesai"): "2026-09-30", (0, "ada_belum_memenuhi"): True,
         (0, "jumlah_belum_memenuhi"): 2},
    ),
    "2.7": (
        Role.ADMIN,
        "Bu Admin",
        ["/menu", "6", "BBPPMPV BMTI", "Otomotif", "Uji banding hasil asesmen", "tidak",
         "/lewati", "1"],
        {(1, "nama"): "BBPPMPV BMTI", (1, "bidang"): "Otomotif", (0, "rencana"): None},
    ),
    "3.2": (
        Role.ASESOR,
        "Yusuf Asesor",
        ["/menu", "1", "MET.000.001234.2019", "31 Des 2027", "/lewati",
         "Otomotif, Teknik Kendaraan Ringan",
         "12", "tidak", "/lewati", "1"],
        {(0, "nomor_registrasi"): "MET.000.001234.2019", (0, "masa_berlaku"): "2027-12-31",
         (0, "jumlah_asesi"): 12, (0, "pengembangan"): False, (0, "catatan"): None},
    ),
}  # fmt: skip


def member_of(chat: Chat, section: str) -> tuple[str, str]:
    """(console user, name) of the section's case, registered."""
    role, name, _lines, _expected = CASES[section]
    user = "admin" if role is Role.ADMIN else "u"
    if role is not Role.ADMIN:
        chat.join(user, role, name)
    return user, name


def as_golden(chat: Chat, file: str) -> None:
    """The transcript is the golden file's (rewritten instead with UPDATE_GOLDEN=1)."""
    text = "\n\n".join(chat.transcript) + "\n"
    golden = GOLDEN / file
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("section", list(CASES))
def test_golden_transcript(chat: Chat, section: str) -> None:
    _role, _name, lines, expected = CASES[section]
    user, name = member_of(chat, section)
    chat.transcript.clear()
    chat.script(user, lines)
    as_golden(chat, f"{section}.txt")
    stored = stored_answers(chat.db, user_name=name, section=section)
    for key, value in expected.items():
        assert stored[key] == value, key
    assert submission_status(chat.db, user_name=name, section=section) == "submitted"


# The next semester (I 2027) of the same member after the section above was sent: what they
# type to confirm last semester's answers, and answers expected then.
NEXT_SEMESTER = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)
CARRIED: dict[str, tuple[list[str], dict[tuple[int, str], Any]]] = {
    "2.2": (
        ["/menu", "1", "Komite menambah dua anggota", "/lewati", "satu per satu", "sama", "2", "30",
         "tidak lagi",
         "tidak", "Rapat dengan Dinas Dikbud NTB", "/lewati", "1"],
        {(1, "nama"): "Teknik Kendaraan Ringan", (1, "standar"): ["skkni", "khusus"],
         (1, "tahap"): "revisi", (1, "jumlah_sertifikat"): 30},
    ),
    "2.5": (
        ["/menu", "1", "satu per satu", "sama", "40", "Lab baru dipakai", "ubah", "tetap",
         "Gedung baru, Jl. Kenanga No. 3", "tetap", "tetap", "tetap", "20 asesi",
         "Dapur diperluas", "tidak", "/lewati", "1"],
        {(1, "nama"): "TUK Bengkel Otomotif", (1, "tanggal_verifikasi"): "2026-08-12",
         (1, "jumlah_asesi"): 40, (2, "nama"): "TUK Tata Boga",
         (2, "lokasi"): "Gedung baru, Jl. Kenanga No. 3", (2, "jenis"): "tempat_kerja",
         (2, "jumlah_asesi"): 20},
    ),
    "3.2": (
        ["/menu", "1", "Masih sama", "9", "tidak", "/lewati", "1"],
        {(0, "nomor_registrasi"): "MET.000.001234.2019", (0, "masa_berlaku"): "2027-12-31",
         (0, "jumlah_asesi"): 9},
    ),
}  # fmt: skip


@pytest.mark.parametrize("section", list(CARRIED))
def test_golden_transcript_of_the_next_semester(chat: Chat, section: str) -> None:
    """The section above sent, then the next semester: last semester's answers confirmed."""
    user, name = member_of(chat, section)
    chat.script(user, CASES[section][2])
    chat.clock.now = NEXT_SEMESTER
    chat.transcript.clear()
    carried, expected = CARRIED[section]
    chat.script(user, carried)
    first = len(CASES[section][2])
    print(f"\n{section}: {first} messages the first semester, {len(carried)} the next")
    as_golden(chat, f"{section}-next.txt")
    with session_scope(chat.db) as session:
        rows = session.execute(
            select(Answer.entry_no, Answer.field, Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Period, Period.id == Submission.period_id)
            .join(Member, Member.id == Submission.member_id)
            .where(Member.name == name, Submission.section == section, Period.year == 2027)
        ).all()  # fmt: skip
    stored = {(entry, field): value for entry, field, value in rows}
    for key, value in expected.items():
        assert stored[key] == value, key
    assert "sudah terkirim" in chat.transcript[-1]
