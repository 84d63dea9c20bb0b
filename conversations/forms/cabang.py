"""Clause 2.4: pengembangan kelembagaan cabang LSP."""

from conversations.forms.build import SEMESTER, STABLE, integer, long_text, plan, text
from conversations.schema import Repeat, Section
from storage.enums import Role

SECTION = Section(
    key="2.4",
    report="A",
    clause="2.4",
    title="Pengembangan Kelembagaan Cabang LSP",
    short_title="Cabang LSP",
    role=Role.ADMIN,
    intro="Perkembangan cabang LSP. Bila LSP tidak memiliki cabang, nyatakan bagian ini nihil.",
    items=(
        long_text(
            "perkembangan",
            "Perkembangan pengembangan cabang LSP pada semester ini",
            heading="Perkembangan cabang",
            carry=SEMESTER,
        ),
        Repeat(
            key="cabang",
            label="cabang LSP",
            questions=(
                text("nama", "Nama cabang LSP", heading="Nama cabang", carry=STABLE),
                text("lokasi", "Lokasi (alamat) cabang", heading="Lokasi", carry=STABLE),
                long_text(
                    "ruang_lingkup",
                    "Ruang lingkup sertifikasi cabang ini",
                    heading="Ruang lingkup sertifikasi",
                    carry=STABLE,
                ),
                integer(
                    "jumlah_asesor",
                    "Jumlah asesor yang tersedia di cabang ini",
                    heading="Asesor tersedia",
                    carry=SEMESTER,
                ),
            ),
        ),
        plan(),
    ),
)
