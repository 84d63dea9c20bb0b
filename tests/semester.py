"""A realistic semester II 2026, written straight into the database: three TUKs from two
coordinators, three schemes, a surveillance section, two assessors, three sections nihil, the
signatories in the profile, and the certificate register as the LSP keeps it (117 certificates
of the semester from an XLSX and a semicolon CSV, of all four kinds and three routes, four of
them renewing certificates of 2023). Values are the kind people really type: long SK numbers,
e-mail addresses, links, long place names. The typed figures agree with the register, as they
must for a final; tests change one to see the cross-check."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from conversations.service import ensure_periods
from storage import queries, writes
from storage.enums import Role, Semester, SubmissionStatus

# 10 January 2027, 10:00 WITA: the semester is over, its data deadline has passed.
AFTER = datetime(2027, 1, 10, 2, 0, tzinfo=UTC)
SK = "SK/LSP-P1/SMKN3-KOTA-BIMA/KOMITE-SKEMA/0123/VII/2026/REV-001"
EMAIL = "lsp.smkn3kotabima.sertifikasi@gmail.com"
URL = "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789?usp=sharing"
PREFIX = "LSP-SMKN3BIMA"
NUMBER = f"{PREFIX}/LAP-KEG/II/2026"
LONG_PLACE = "Jl. Soekarno-Hatta No. 12, Kelurahan Penatoi, Kecamatan Mpunda, Kota Bima, NTB"

SCHEMES = [
    ("Teknik Kendaraan Ringan Otomotif", "kualifikasi", "baru", ["skkni"], "SKKNI No. 116 Tahun 2019", 50),  # noqa: E501
    ("Tata Boga", "okupasi", "tetap", ["skkni", "khusus"], "SKKNI No. 15 Tahun 2018", 40),
    ("Teknik Komputer dan Jaringan", "klaster", "revisi", ["internasional"], "ICDL Workforce", 27),
]  # fmt: skip
TUKS = {
    "siti": [
        {"nama": "TUK Bengkel Otomotif SMKN 3 Kota Bima", "lokasi": LONG_PLACE,
         "jenis": "mandiri", "status_verifikasi": "terverifikasi",
         "tanggal_verifikasi": "2026-08-12", "ruang_lingkup": "Skema Teknik Kendaraan Ringan "
         "Otomotif, klaster servis berkala dan perbaikan sistem rem", "jumlah_asesi": 52,
         "perkembangan": "Ruang praktik direnovasi; peralatan uji ditambah sesuai standar."},
        {"nama": "TUK Dapur Tata Boga", "lokasi": "Kampus SMKN 3, Jl. Gajah Mada, Kota Bima",
         "jenis": "sewaktu", "status_verifikasi": "proses", "ruang_lingkup": "Skema Tata Boga",
         "jumlah_asesi": 41, "perkembangan": "Dapur baru selesai dibangun."},
    ],
    "budi": [
        {"nama": "TUK Tempat Kerja PT Soekarno-Hatta Motor", "lokasi": "Kec. Rasanae Barat",
         "jenis": "tempat_kerja", "status_verifikasi": "terverifikasi",
         "tanggal_verifikasi": "2026-10-01", "ruang_lingkup": "Skema Teknik Komputer dan "
         "Jaringan", "jumlah_asesi": 27, "perkembangan": f"Kerja sama diperpanjang. Kontak: "
         f"{EMAIL}"},
    ],
}  # fmt: skip
SURVEILLANCE = {
    "metode": ["kunjungan", "kuesioner"], "jenis_sertifikat": ["kualifikasi", "okupasi"],
    "jumlah_pemegang": 40, "jadwal_mulai": "2026-08-01", "jadwal_selesai": "2026-09-30",
    "ada_belum_memenuhi": True, "jumlah_belum_memenuhi": 2,
    "tindak_lanjut": "Asesmen ulang unit yang belum kompeten, dijadwalkan Februari 2027.",
    "rencana": "Surveilan pemegang sertifikat semester I.",
}  # fmt: skip
ASSESSORS = {
    "yusuf": {"nomor_registrasi": "MET.000.001234.2019", "masa_berlaku": "2027-12-31",
              "ruang_lingkup": "Otomotif, Teknik Kendaraan Ringan", "jumlah_asesi": 80,
              "pengembangan": False},
    "nur": {"nomor_registrasi": "MET.000.004321.2020", "masa_berlaku": "2028-06-30",
            "ruang_lingkup": "Tata Boga", "jumlah_asesi": 42, "pengembangan": True,
            "pengembangan_rincian": "RCC asesor, Agustus 2026"},
}  # fmt: skip
PEOPLE = {
    "admin": ("Siti Rahmah, S.Pd.", Role.ADMIN),
    "rina": ("Rina Wulandari", Role.KOMITE_SKEMA),
    "siti": ("Siti Aminah", Role.KOORDINATOR_TUK),
    "budi": ("Budi Santoso, S.T. 🔧", Role.KOORDINATOR_TUK),
    "dedi": ("Dedi Kurniawan", Role.SURVEILAN),
    "yusuf": ("Yusuf Hidayat", Role.ASESOR),
    "nur": ("Nur Aisyah", Role.ASESOR),
}


class Writer:
    """Writes answers and statuses for one period as the people of `PEOPLE`."""

    def __init__(self, session: Session, period_id: int, ids: dict[str, int]) -> None:
        self.session, self.period_id, self.ids = session, period_id, ids

    def part(self, user: str, section: str, answers: dict[tuple[int, str], Any],
             status: SubmissionStatus = SubmissionStatus.SUBMITTED) -> None:  # fmt: skip
        """One member's part of a section, sent (or nihil) through Telegram."""
        member = self.ids[user]
        sid = writes.ensure_submission(self.session, period_id=self.period_id, section=section,
                                       member_id=member, now=AFTER)  # fmt: skip
        for (entry, field), value in answers.items():
            writes.save_answer(self.session, submission_id=sid, entry_no=entry, field=field,
                               value=value, member_id=member, channel="telegram", now=AFTER,
                               current=None)  # fmt: skip
        writes.set_status(self.session, submission_id=sid, status=status, member_id=member,
                          channel="telegram", now=AFTER)  # fmt: skip


def populate(db: Engine, *, extra: dict[tuple[str, str], dict[tuple[int, str], Any]] | None = None,
             register: bool = True) -> dict[str, int]:  # fmt: skip
    """The semester, with `extra` answers merged into (user, section) parts, and (unless
    `register` is False) its certificate register; member ids."""
    ensure_periods(db, today=AFTER.date())
    with Session(db) as session:
        period = queries.periods(session, keys=[(2026, Semester.II), (2027, Semester.I)])
        period_id = period[(2026, Semester.II)].id
        ids: dict[str, int] = {}
        for user, (name, role) in PEOPLE.items():
            ids[user] = writes.create_member(session, name=name, now=AFTER)
            writes.add_role(session, member_id=ids[user], role=role)
            writes.bind_identity(session, key=f"console:{user}", member_id=ids[user], now=AFTER)
        writes.update_profile(session, now=AFTER, name="LSP-P1 SMK Negeri 3 Kota Bima",
                              address="Jl. Gajah Mada No. 1, Kota Bima, Nusa Tenggara Barat",
                              licence_number="BNSP-LSP-1234-ID", city="Kota Bima",
                              document_prefix=PREFIX, manager_name="Siti Rahmah, S.Pd.",
                              manager_number="NIP 19800202 200501 2 002",
                              chair_name="Drs. H. Ahmad Yani, M.Pd.",
                              chair_number="NIP 19700101 199501 1 001")  # fmt: skip
        write = Writer(session, period_id, ids)
        parts = _parts()
        for key, answers in (extra or {}).items():
            parts[key] = {**parts.get(key, {}), **answers}
        for (user, section), answers in parts.items():
            write.part(user, section, answers)
        for user, section in (("rina", "2.3"), ("admin", "2.4"), ("admin", "2.7")):
            write.part(user, section, {}, SubmissionStatus.NIHIL)
        session.commit()
    if register:
        import_register(db, by=ids["admin"])
    return ids


def semester_db(folder: Path, *, register: bool = True) -> Engine:
    """A fresh SQLite file in `folder` holding the realistic semester (and its register)."""
    from storage.db import create_all, make_engine

    db = make_engine(f"sqlite:///{folder / 'lsp-bot.db'}")
    create_all(db)
    populate(db, register=register)
    return db


def import_register(db: Engine, *, by: int) -> None:
    """The register's files imported by the admin through Telegram, as she would send them:
    the 2023 list, then the semester's XLSX and semicolon CSV."""
    from bot.certificates.desk import CertificateDesk
    from tests.register_files import files

    desk = CertificateDesk(db, clock=lambda: AFTER)
    for name, data in files():
        outcome = desk.import_file(name, data, by=by, channel="telegram")
        assert outcome.accepted, outcome.text


def _parts() -> dict[tuple[str, str], dict[tuple[int, str], Any]]:
    skema: dict[tuple[int, str], Any] = {
        (0, "komite"): f"Komite skema dibentuk dengan {SK}; anggota bertambah dua orang.",
        (0, "komunikasi"): f"Rapat harmonisasi dengan DUDI dan Dinas Dikbud NTB; notulen {URL}",
        (0, "rencana"): None,
    }
    for n, (name, kind, stage, standards, reference, count) in enumerate(SCHEMES, start=1):
        skema |= {(n, "nama"): name, (n, "jenis"): kind, (n, "tahap"): stage,
                  (n, "standar"): standards, (n, "standar_rujukan"): reference,
                  (n, "jumlah_sertifikat"): count}  # fmt: skip
    parts = {("rina", "2.2"): skema, ("dedi", "2.6"): {(0, k): v for k, v in SURVEILLANCE.items()}}
    for user, tuks in TUKS.items():
        answers: dict[tuple[int, str], Any] = {(0, "rencana"): None}
        for n, tuk in enumerate(tuks, start=1):
            answers |= {(n, field): value for field, value in tuk.items()}
        parts[(user, "2.5")] = answers
    for user, values in ASSESSORS.items():
        parts[(user, "3.2")] = {(0, k): v for k, v in values.items()} | {(0, "catatan"): None}
    return parts


def main() -> None:
    """`python -m tests.semester DIR`: the realistic semester's draft, final and export."""
    import sys

    from render.renderer import Renderer
    from tests.helpers import Chat, Clock

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "semester")
    out.mkdir(parents=True, exist_ok=True)
    (out / "lsp-bot.db").unlink(missing_ok=True)
    db = semester_db(out)
    renderer = Renderer(2)
    try:
        chat = Chat(db, Clock(AFTER), renderer)
        for command in ("/draft", "/final", "/ekspor"):
            chat.say("admin", command)
            document = chat.documents[-1]
            (out / document.filename).write_bytes(document.data)
            print(out / document.filename)
    finally:
        renderer.close()


if __name__ == "__main__":
    main()
