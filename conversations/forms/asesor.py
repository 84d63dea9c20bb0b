"""Clause 3.2 (report B): perkembangan asesor dan ruang lingkup kompetensinya."""

from conversations.forms.build import SEMESTER, STABLE, day, integer, long_text, text, yes_no
from conversations.schema import Equals, EvidenceRequest, RegisterCount, Section
from storage.enums import Role

SECTION = Section(
    key="3.2",
    report="B",
    clause="3.2",
    title="Perkembangan Asesor dan Ruang Lingkup Kompetensi",
    short_title="Asesor",
    role=Role.ASESOR,
    intro="Data Anda sebagai asesor kompetensi untuk laporan penerbitan sertifikat.",
    items=(
        text(
            "nomor_registrasi",
            "Nomor registrasi asesor (No. Reg. Met.)",
            heading="No. registrasi asesor",
            carry=STABLE,
        ),
        day(
            "masa_berlaku",
            "Sertifikat asesor Anda berlaku sampai tanggal",
            heading="Sertifikat asesor berlaku s.d.",
            evidence=EvidenceRequest("sertifikat asesor Anda"),
            carry=STABLE,
        ),
        long_text(
            "ruang_lingkup",
            "Ruang lingkup kompetensi/bidang uji kompetensi yang Anda laksanakan",
            heading="Ruang lingkup kompetensi",
            hint="Skema atau bidang yang Anda ujikan, pisahkan dengan koma.",
            carry=STABLE,
        ),
        integer(
            "jumlah_asesi",
            "Jumlah asesi yang Anda ases pada semester ini",
            heading="Asesi yang diases",
            carry=SEMESTER,
        ),
        yes_no(
            "pengembangan",
            "Apakah Anda mengikuti pelatihan/RCC asesor pada semester ini?",
            heading="Pelatihan/RCC",
            carry=SEMESTER,
        ),
        long_text(
            "pengembangan_rincian",
            "Sebutkan pelatihan/RCC yang diikuti",
            heading="Rincian pelatihan/RCC",
            relevant=Equals("pengembangan", True),
            carry=SEMESTER,
        ),
        long_text(
            "catatan",
            "Catatan lain tentang perkembangan Anda",
            heading="Catatan",
            required=False,
            carry=SEMESTER,
        ),
    ),
    register=RegisterCount("assessor", "jumlah_asesi", equal=False),
)
