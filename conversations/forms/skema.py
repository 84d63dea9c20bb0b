"""Clause 2.2: pengembangan skema sertifikasi."""

from conversations.forms.build import (
    SEMESTER,
    STABLE,
    integer,
    long_text,
    one_of,
    plan,
    some_of,
    text,
)
from conversations.schema import EvidenceRequest, RegisterCount, Repeat, Section, Tally
from storage.enums import Role

JENIS_SKEMA = {
    "kualifikasi": "Kualifikasi (KKNI)",
    "okupasi": "Okupasi",
    "klaster": "Klaster/paket",
    "unit": "Unit kompetensi",
}

SECTION = Section(
    key="2.2",
    report="A",
    clause="2.2",
    title="Pengembangan Skema Sertifikasi",
    short_title="Pengembangan Skema",
    role=Role.KOMITE_SKEMA,
    intro="Perkembangan komite skema dan skema sertifikasi yang dikembangkan semester ini.",
    items=(
        long_text(
            "komite",
            "Bagaimana perkembangan pembentukan komite skema pada semester ini?",
            heading="Perkembangan komite skema",
            hint="Misalnya: SK komite terbit, anggota bertambah, rapat yang diadakan.",
            evidence=EvidenceRequest("SK pembentukan komite skema"),
            carry=SEMESTER,
        ),
        Repeat(
            key="skema",
            label="skema sertifikasi",
            questions=(
                text(
                    "nama",
                    "Nama skema sertifikasi",
                    heading="Nama skema",
                    names="scheme",
                    carry=STABLE,
                ),
                one_of("jenis", "Jenis skema", JENIS_SKEMA, heading="Jenis", carry=STABLE),
                one_of(
                    "tahap",
                    "Tahap pengembangan skema ini",
                    {
                        "baru": "Skema baru",
                        "revisi": "Kaji ulang/revisi",
                        "tetap": "Sudah ada, tidak berubah",
                    },
                    heading="Tahap",
                    carry=SEMESTER,
                ),
                some_of(
                    "standar",
                    "Standar kompetensi yang digunakan",
                    {
                        "skkni": "SKKNI",
                        "internasional": "Standar internasional",
                        "khusus": "Standar khusus",
                    },
                    heading="Standar",
                    hint="Boleh lebih dari satu.",
                    carry=STABLE,
                ),
                text(
                    "standar_rujukan",
                    "Nomor atau judul standar yang dirujuk",
                    heading="Standar rujukan",
                    hint="Misalnya: SKKNI No. 282 Tahun 2016.",
                    carry=STABLE,
                ),
                integer(
                    "jumlah_sertifikat",
                    "Jumlah sertifikat yang diterbitkan untuk skema ini pada semester ini",
                    heading="Sertifikat terbit",
                    carry=SEMESTER,
                ),
            ),
            tally=Tally(
                "Jumlah sertifikat yang diterbitkan per skema", "nama", "jumlah_sertifikat"
            ),
        ),
        long_text(
            "komunikasi",
            "Komunikasi/harmonisasi pengembangan skema dengan pemangku kepentingan",
            heading="Komunikasi dengan pemangku kepentingan",
            hint="Siapa yang dilibatkan (industri, asosiasi, dinas) dan hasilnya.",
            carry=SEMESTER,
        ),
        plan(),
    ),
    register=RegisterCount("scheme", "jumlah_sertifikat", name="nama"),
)
