"""Clause 2.5: pengembangan dan verifikasi TUK, one entry per TUK."""

from conversations.forms.build import SEMESTER, STABLE, day, integer, long_text, one_of, plan, text
from conversations.schema import Equals, EvidenceRequest, InPeriod, RegisterCount, Repeat, Section
from storage.enums import Role

JENIS_TUK = {
    "tempat_kerja": "TUK Tempat Kerja",
    "sewaktu": "TUK Sewaktu (disiapkan sementara untuk uji)",
    "mandiri": "TUK Mandiri (fasilitas tetap milik lembaga)",
}

STATUS_VERIFIKASI = {
    "terverifikasi": "Terverifikasi",
    "proses": "Dalam proses verifikasi",
    "belum": "Belum diverifikasi",
}

SECTION = Section(
    key="2.5",
    report="A",
    clause="2.5",
    title="Pengembangan dan Verifikasi TUK",
    short_title="Pengembangan TUK",
    role=Role.KOORDINATOR_TUK,
    intro="Data Tempat Uji Kompetensi (TUK) yang Anda koordinasikan, satu entri per TUK.",
    items=(
        Repeat(
            key="tuk",
            label="TUK",
            questions=(
                text(
                    "nama",
                    "Nama TUK",
                    heading="Nama TUK",
                    hint="Misalnya: TUK Bengkel Otomotif SMKN 3 Kota Bima.",
                    names="tuk",
                    carry=STABLE,
                ),
                text("lokasi", "Lokasi (alamat) TUK", heading="Lokasi", carry=STABLE),
                one_of("jenis", "Jenis TUK", JENIS_TUK, heading="Jenis TUK", carry=STABLE),
                one_of(
                    "status_verifikasi",
                    "Status verifikasi TUK",
                    STATUS_VERIFIKASI,
                    heading="Status verifikasi",
                    carry=STABLE,
                ),
                day(
                    "tanggal_verifikasi",
                    "Tanggal verifikasi TUK",
                    heading="Tanggal verifikasi",
                    hint="Contoh: 24-11-2026 atau 24 November 2026.",
                    relevant=Equals("status_verifikasi", "terverifikasi"),
                    confirm=InPeriod(),
                    evidence=EvidenceRequest("berita acara verifikasi TUK"),
                    carry=STABLE,
                ),
                long_text(
                    "ruang_lingkup",
                    "Ruang lingkup uji kompetensi di TUK ini",
                    heading="Ruang lingkup uji",
                    hint="Skema sertifikasi yang dapat diujikan di TUK ini.",
                    carry=STABLE,
                ),
                integer(
                    "jumlah_asesi",
                    "Jumlah asesi yang diuji di TUK ini pada semester ini",
                    heading="Asesi diuji",
                    required=False,
                    max_value=100_000,
                    carry=SEMESTER,
                ),
                long_text(
                    "perkembangan",
                    "Perkembangan TUK ini pada semester ini",
                    heading="Perkembangan",
                    carry=SEMESTER,
                ),
            ),
        ),
        plan(),
    ),
    register=RegisterCount("tuk", "jumlah_asesi", name="nama", equal=False),
)
