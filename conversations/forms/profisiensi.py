"""Clause 2.7: lembaga penyedia uji profisiensi yang terlibat."""

from conversations.forms.build import SEMESTER, STABLE, long_text, plan, text
from conversations.schema import Repeat, Section
from storage.enums import Role

SECTION = Section(
    key="2.7",
    report="A",
    clause="2.7",
    title="Lembaga Penyedia Uji Profisiensi",
    short_title="Penyedia Uji Profisiensi",
    role=Role.ADMIN,
    intro="Lembaga penyedia uji profisiensi yang terlibat pada semester ini.",
    items=(
        Repeat(
            key="lembaga",
            label="lembaga penyedia uji profisiensi",
            questions=(
                text(
                    "nama",
                    "Nama lembaga penyedia uji profisiensi",
                    heading="Nama lembaga",
                    carry=STABLE,
                ),
                text(
                    "bidang", "Bidang/ruang lingkup uji profisiensi", heading="Bidang", carry=STABLE
                ),
                long_text(
                    "keterlibatan",
                    "Bentuk keterlibatan lembaga ini",
                    heading="Bentuk keterlibatan",
                    carry=SEMESTER,
                ),
            ),
        ),
        plan(),
    ),
)
