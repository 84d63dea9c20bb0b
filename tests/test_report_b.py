"""Report B (Laporan Penerbitan Sertifikat) read back from its PDFs: its counts are the
register's, revocations and re-certifications appear, the semester edition waits for every
assessor's 3.2, an issuance's edition has its own number."""

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from render.renderer import Renderer
from tests.helpers import Chat, Clock
from tests.reporting import one_line, pdf_text
from tests.semester import AFTER, PREFIX, semester_db
from tests.test_certificates_import import HEADER, row, xlsx

TUKS = ("TUK Bengkel Otomotif SMKN 3 Kota Bima", "TUK Dapur Tata Boga")
SCHEMES = ("Teknik Kendaraan Ringan Otomotif", "Tata Boga")
KINDS = ("kualifikasi", "okupasi", "unit")
ROUTES = ("reguler", "RCC", "RPL")


def certificates(count: int) -> list[list[object]]:
    rows = [
        row(n, issued=datetime(2026, 9, 1 + n % 20), tuk=TUKS[n % 2], scheme=SCHEMES[n % 2],
            kind=KINDS[n % 3], route=ROUTES[n % 3])
        for n in range(1, count + 1)
    ]  # fmt: skip
    rows.append(row(count + 1, replaces="LSP-P1/SMKN3/2023/0007", issued=datetime(2026, 10, 5)))
    return rows


@pytest.fixture
def office(tmp_path: Path, renderer: Renderer) -> Chat:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    data = xlsx(certificates(40), header=[*HEADER, "Menggantikan"])
    assert chat.certificates.import_file("sept.xlsx", data, by=1, channel="telegram").accepted
    chat.say("admin", "/cabut LSP-P1/SMKN3/2026/0005 15-12-2026 Terbukti memalsukan portofolio")
    chat.say("admin", "SK Ketua LSP No. 3/LSP/XII/2026")
    assert "dicabut per 15 Desember 2026" in chat.say("admin", "ya")
    return chat


def test_the_semester_edition_counts_what_the_register_holds(office: Chat) -> None:
    reply = office.say("admin", "/final sertifikat")
    assert "Laporan final penerbitan sertifikat Semester II Tahun 2026 versi 1 dibuat." in reply
    assert f"{PREFIX}/LAP-SERT/II/2026" in reply
    text = one_line(pdf_text(office.documents[-1].data))
    assert "LAPORAN PENERBITAN SERTIFIKAT" in text
    assert "Jumlah sertifikat yang diterbitkan: 41." in text
    rows = certificates(40)
    kinds = Counter(r[3] for r in rows)
    assert f"Unit kompetensi {kinds['unit']}" in text
    assert f"Kualifikasi (KKNI) {kinds['kualifikasi']}" in text
    assert f"Okupasi {kinds['okupasi']}" in text
    routes = Counter(str(r[4]).lower() for r in rows)
    assert f"Reguler {routes['reguler']} RCC {routes['rcc']} RPL {routes['rpl']}" in text
    tuks = Counter(r[5] for r in rows)
    assert f"TUK Dapur Tata Boga {tuks['TUK Dapur Tata Boga']}" in text
    assert "LSP-P1/SMKN3/2023/0007" in "".join(text.split())  # the re-certification
    assert "Terbukti memalsukan portofolio" in text and "15 Desember 2026" in text
    assert "MET.000.004321.2020" in text  # Nur Aisyah's 3.2 answers
    # every certificate names its issuance and row; the trail names the issuance's file
    assert "P1 baris 2" in text and "41 sertifikat dari berkas sept.xlsx, SHA-256" in text
    assert "Siti Rahmah, S.Pd." in text
    # report A is its own document, with its own numbers and versions
    assert f"{PREFIX}/LAP-KEG/II/2026" in office.say("admin", "/final")
    assert "- Versi 1:" in office.say("admin", "/laporan sertifikat")


def test_one_issuance_has_its_own_edition_and_number(office: Chat) -> None:
    draft = office.say("admin", "/draft penerbitan 1")
    assert "Semester II Tahun 2026, penerbitan no. 1" in draft
    assert "Penerbitan 1 · Semester II Tahun 2026" in one_line(pdf_text(office.documents[-1].data))
    final = office.say("admin", "/final penerbitan 1")
    assert f"{PREFIX}/LAP-SERT/P1/II/2026" in final
    assert office.documents[-1].filename == "Laporan-Penerbitan-Sertifikat_P1_2026-II_v1.pdf"
    pdf = office.documents[-1].data
    text = one_line(pdf_text(pdf))
    assert "Terbukti memalsukan portofolio" in text  # its revocation
    assert "LSP-P1/SMKN3/2023/0007" in "".join(text.split())  # its re-certification
    from bot.verification import Verifier, verdict

    matched, said = verdict(Verifier(office.desk), pdf, fetch="/laporan {version}")
    assert matched and "Laporan Penerbitan Sertifikat" in said and "LAP-SERT/P1" in said
    assert "penerbitan sertifikat no. 1" in said  # the edition is named, not only the semester
    assert "Penerbitan nomor 9 tidak ada" in office.say("admin", "/draft penerbitan 9")
    verified = office.say("admin", "/laporan penerbitan 1 1")
    assert office.documents[-1].filename.endswith("_P1_2026-II_v1.pdf") and "versi 1" in verified


def test_the_semester_edition_waits_for_every_assessors_part(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    from storage.enums import Role

    chat.join("tono", Role.ASESOR, "Tono Asesor")
    refused = chat.say("admin", "/final sertifikat")
    assert "belum dapat dibuat" in refused and "3.2 Perkembangan Asesor" in refused
    assert "Tono Asesor" in refused


def test_report_a_counts_certificates_per_scheme_from_the_register(office: Chat) -> None:
    import io

    from openpyxl import load_workbook

    office.say("admin", "/draft")
    text = one_line(pdf_text(office.documents[-1].data))
    schemes = Counter(r[2] for r in certificates(40))
    assert "Jumlah dihitung dari register sertifikat." in text
    assert f"Tata Boga {schemes['Tata Boga']}" in text and "Jumlah 41" in text
    office.say("admin", "/ekspor")
    sheet = load_workbook(io.BytesIO(office.documents[-1].data))["Register Sertifikat"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 41
    revoked = next(r for r in rows if r[0] == "LSP-P1/SMKN3/2026/0005")
    assert revoked[9] == "dicabut" and revoked[14] == "Terbukti memalsukan portofolio"
    assert revoked[11] == 1 and revoked[12] == 6  # issuance 1, spreadsheet row 6
