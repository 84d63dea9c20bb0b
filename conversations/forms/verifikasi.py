"""Clause 2.3: verifikasi standar kompetensi."""

from conversations.forms.build import SEMESTER, STABLE, day, long_text, one_of, plan, text
from conversations.schema import EvidenceRequest, InPeriod, OneOf, Repeat, Section
from storage.enums import Role

SECTION = Section(
    key="2.3",
    report="A",
    clause="2.3",
    title="Verifikasi Standar Kompetensi",
    short_title="Verifikasi Standar",
    role=Role.KOMITE_SKEMA,
    intro="Verifikasi standar kompetensi yang dilakukan semester ini, satu entri per verifikasi.",
    items=(
        Repeat(
            key="verifikasi",
            label="verifikasi standar",
            questions=(
                text(
                    "skema",
                    "Skema sertifikasi yang standarnya diverifikasi",
                    heading="Skema",
                    names="scheme",
                    carry=STABLE,
                ),
                long_text(
                    "lingkup",
                    "Lingkup verifikasi standar kompetensi",
                    heading="Lingkup verifikasi",
                    carry=STABLE,
                ),
                one_of(
                    "status_standar",
                    "Status standar kompetensi",
                    {
                        "skkni": "SKKNI",
                        "internasional": "Standar internasional",
                        "khusus": "Standar khusus",
                    },
                    heading="Status standar",
                    carry=STABLE,
                ),
                long_text(
                    "ketelusuran",
                    "Ketertelusuran standar ke standar internasional/standar khusus",
                    heading="Ketertelusuran standar",
                    hint="Sebutkan standar asal dan bagaimana kesesuaiannya ditelusuri.",
                    carry=STABLE,
                ),
                long_text(
                    "tim_verifikator",
                    "Tim verifikator yang melakukan verifikasi",
                    heading="Tim verifikator",
                    hint="Nama dan jabatan, pisahkan dengan koma.",
                    carry=SEMESTER,
                ),
                one_of(
                    "keputusan_bnsp",
                    "Keputusan validasi dari BNSP",
                    {
                        "divalidasi": "Sudah divalidasi",
                        "perbaikan": "Perlu perbaikan",
                        "menunggu": "Belum ada keputusan",
                    },
                    heading="Keputusan BNSP",
                    carry=SEMESTER,
                ),
                day(
                    "tanggal_keputusan",
                    "Tanggal keputusan BNSP",
                    heading="Tanggal keputusan",
                    relevant=OneOf("keputusan_bnsp", ("divalidasi", "perbaikan")),
                    confirm=InPeriod(),
                    evidence=EvidenceRequest("surat keputusan validasi dari BNSP"),
                    carry=SEMESTER,
                ),
            ),
        ),
        plan(),
    ),
)
