"""Clause 2.6: surveilan pemegang sertifikat."""

from conversations.forms.build import (
    SEMESTER,
    STABLE,
    day,
    integer,
    long_text,
    plan,
    some_of,
    yes_no,
)
from conversations.forms.skema import JENIS_SKEMA
from conversations.schema import Equals, EvidenceRequest, InPeriod, NotBefore, Section
from storage.enums import Role

METODE = {
    "kunjungan": "Kunjungan ke tempat kerja",
    "wawancara": "Wawancara/telepon",
    "kuesioner": "Kuesioner/angket",
    "portofolio": "Portofolio/bukti kerja",
    "pemberi_kerja": "Laporan dari pemberi kerja",
}

SECTION = Section(
    key="2.6",
    report="A",
    clause="2.6",
    title="Surveilan Pemegang Sertifikat",
    short_title="Surveilan",
    role=Role.SURVEILAN,
    intro="Pelaksanaan surveilan terhadap pemegang sertifikat pada semester ini.",
    items=(
        some_of(
            "metode",
            "Metode surveilan yang digunakan",
            METODE,
            heading="Metode surveilan",
            hint="Boleh lebih dari satu.",
            carry=STABLE,
        ),
        some_of(
            "jenis_sertifikat",
            "Jenis sertifikat yang disurveilan",
            JENIS_SKEMA,
            heading="Jenis sertifikat yang disurveilan",
            hint="Boleh lebih dari satu.",
            carry=SEMESTER,
        ),
        integer(
            "jumlah_pemegang",
            "Jumlah pemegang sertifikat yang disurveilan",
            heading="Pemegang sertifikat yang disurveilan",
            carry=SEMESTER,
        ),
        day(
            "jadwal_mulai",
            "Tanggal mulai pelaksanaan surveilan",
            heading="Tanggal mulai",
            confirm=InPeriod(),
            carry=SEMESTER,
        ),
        day(
            "jadwal_selesai",
            "Tanggal selesai pelaksanaan surveilan",
            heading="Tanggal selesai",
            constraint=NotBefore("jadwal_mulai"),
            confirm=InPeriod(),
            evidence=EvidenceRequest("laporan pelaksanaan surveilan"),
            carry=SEMESTER,
        ),
        yes_no(
            "ada_belum_memenuhi",
            "Adakah pemegang sertifikat yang tidak mencapai keberterimaan?",
            heading="Ada yang tidak mencapai keberterimaan",
            carry=SEMESTER,
        ),
        integer(
            "jumlah_belum_memenuhi",
            "Berapa pemegang sertifikat yang tidak mencapai keberterimaan?",
            heading="Tidak mencapai keberterimaan",
            min_value=1,
            relevant=Equals("ada_belum_memenuhi", True),
            carry=SEMESTER,
        ),
        long_text(
            "tindak_lanjut",
            "Langkah tindak lanjut bagi pemegang sertifikat tersebut",
            heading="Tindak lanjut",
            relevant=Equals("ada_belum_memenuhi", True),
            carry=SEMESTER,
        ),
        plan(),
    ),
)
