"""Report A, report B and the export of one realistic semester (its register from an XLSX and
a semicolon CSV, four re-certifications, a revocation, a correction) read back by tools nobody
here wrote: every count agrees across them; a typed figure that disagrees with the register is
shown in the draft's cross-check and refuses the final; an issuance's edition carries no
missing marker; an empty semester says so in one line; an unset profile refuses a final."""

import csv
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from render.renderer import Renderer
from storage.enums import Role
from tests.helpers import Chat, Clock, complete_profile, stored_answers
from tests.register_files import BENGKEL, DAPUR, PT, TKRO, november, september
from tests.reporting import one_line, pdf_text, squeezed
from tests.semester import AFTER, PREFIX, semester_db

SCHEME_NUMBER = "SKM/BNSP/00010/1/2020/37A"
REVOKED = "45201 2452 4 0000012 2026"
CORRECTED = "45201 2452 4 0000033 2026"  # in the November CSV, row 8


@dataclass
class Semester:
    """The realistic semester's finals, drafts and export, made once."""

    chat: Chat
    a: bytes
    b: bytes
    export: Path
    folder: Path


def poppler_text(data: bytes, folder: Path, name: str) -> str:
    """pdftotext's reading of a PDF in drawing order (a cell's wrapped lines one after
    another)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    path = folder / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


def sheets(book: Path, out: Path) -> list[list[dict[str, str]]]:
    """Every sheet of a workbook as gnumeric's ssconvert reads it, in order."""
    if shutil.which("ssconvert") is None:
        pytest.skip("ssconvert is not installed (Debian package gnumeric)")
    subprocess.run(["ssconvert", "-S", "--export-type=Gnumeric_stf:stf_assistant", "-O",
                    "format=raw separator=;", str(book), str(out / "sheet%n.csv")],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    found = []
    for number in range(30):
        path = out / f"sheet{number}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                found.append(list(csv.DictReader(handle, delimiter=";")))
    return found


@pytest.fixture(scope="module")
def semester(tmp_path_factory: pytest.TempPathFactory, renderer: Renderer) -> Iterator[Semester]:
    folder = tmp_path_factory.mktemp("semester")
    db = semester_db(folder)
    chat = Chat(db, Clock(AFTER), renderer)
    assert chat.certificates.scheme(TKRO, number=SCHEME_NUMBER, kind=None, validity=None)[0]
    chat.say("admin", f"/cabut {REVOKED} 15-12-2026 Terbukti memalsukan portofolio")
    chat.say("admin", "SK Ketua LSP No. 12/LSP/XII/2026")
    assert "dicabut per 15 Desember 2026" in chat.say("admin", "ya")
    done, _said = chat.certificates.correct(CORRECTED, {"tuk": DAPUR}, by=None, channel="cli",
                                            by_name="Siti Rahmah, S.Pd.")  # fmt: skip
    assert done
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    a = chat.documents[-1].data
    assert "versi 1 dibuat" in chat.say("admin", "/final sertifikat")
    b = chat.documents[-1].data
    chat.say("admin", "/ekspor")
    export = folder / "ekspor.xlsx"
    export.write_bytes(chat.documents[-1].data)
    yield Semester(chat, a, b, export, folder)
    db.dispose()


def test_every_count_agrees_across_report_a_report_b_and_the_export(
    semester: Semester, tmp_path: Path
) -> None:
    certificates = september() + november()
    per_scheme = Counter(str(row[2]) for row in certificates)
    a = one_line(poppler_text(semester.a, tmp_path, "a.pdf"))
    b = one_line(poppler_text(semester.b, tmp_path, "b.pdf"))
    # Certificates per scheme: report A's 2.2 table, report B's counts, both with the number.
    assert f"{TKRO} {SCHEME_NUMBER} {per_scheme[TKRO]}" in a
    assert f"{TKRO} {SCHEME_NUMBER} {per_scheme[TKRO]}" in b
    for scheme, count in per_scheme.items():
        assert re.search(rf"{scheme} (\S+ )?{count}\b", a), scheme
        assert re.search(rf"{scheme} (\S+ )?{count}\b", b), scheme
    assert "Jumlah 117" in a and "pada semester ini: 117" in b
    assert "dihitung dari register sertifikat (penerbitan 2, 3)" in a
    # Per TUK (one certificate moved by the correction), per kind and per route in report B.
    tuks = Counter({BENGKEL: 49, DAPUR: 41, PT: 27})
    for tuk, count in tuks.items():
        assert f"{tuk} {count}" in b
    kinds = Counter(str(row[3]) for row in certificates)
    assert f"Kualifikasi (KKNI) {kinds['kualifikasi']}" in b
    assert f"Unit kompetensi {kinds['unit kompetensi']}" in b
    routes = Counter(str(row[4]).lower() for row in certificates)
    assert f"Reguler {routes['reguler']} RCC {routes['rcc']} RPL {routes['rpl']}" in b
    # The export: the register's sheet holds the same certificates, 2.2 the same figures.
    book = sheets(semester.export, tmp_path)
    register = next(s for s in book if s and "Nomor sertifikat" in s[0])
    assert len(register) == 117
    assert Counter(r["Skema"] for r in register) == per_scheme
    assert Counter(r["TUK"] for r in register) == tuks
    skema = next(s for s in book if s and "Sertifikat terbit" in s[0])
    typed = {r["Nama skema"]: int(r["Sertifikat terbit"]) for r in skema if r["Nama skema"]}
    assert typed == dict(per_scheme)
    check = next(s for s in book if s and "Pemeriksaan" in s[0])
    assert [r["Pemeriksaan"] for r in check] == [
        "Semua angka yang diisi sesuai dengan register sertifikat."
    ]


def test_renewals_revocations_and_corrections_are_shown_and_traced(
    semester: Semester, tmp_path: Path
) -> None:
    b = one_line(poppler_text(semester.b, tmp_path, "b.pdf"))
    # Re-certification: the old certificate's scheme, route and validity.
    assert "45201 2452 4 0000900 2023" in b and "06-03-2026" in b
    # The revocation, with its decision, in its chapter and in the data trail with who and how.
    assert "Terbukti memalsukan portofolio" in b and "SK Ketua LSP No. 12/LSP/XII/2026" in b
    assert "dicabut 15-12-2026" in b
    trail = (
        "Pencabutan per 15-12-2026; alasan: Terbukti memalsukan portofolio; keputusan: SK "
        "Ketua LSP No. 12/LSP/XII/2026 Siti Rahmah, S.Pd. (Manajer Administrasi) Konsol"
    )
    assert squeezed(trail) in squeezed(b)  # a cell may wrap after "/"
    # The correction: old and new values, who (named at the server), and the list cites it.
    assert f"TUK: {BENGKEL} → {DAPUR}" in b
    assert "Siti Rahmah, S.Pd. (di server)" in b
    assert "P3 baris 8, rev. 2" in b
    # Issuances in the trail name their file, hash, who and how.
    issuance = "60 sertifikat dari berkas penerbitan-september-2026.xlsx, SHA-256"
    assert squeezed(issuance) in squeezed(b)
    # The export has them too, with who and when.
    book = sheets(semester.export, tmp_path)
    history = next(s for s in book if s and "Perubahan" in s[0])
    kinds = Counter(r["Perubahan"] for r in history)
    assert kinds == {"impor": 2, "koreksi": 1, "pencabutan": 1}  # the semester's two files
    correction = next(r for r in history if r["Perubahan"] == "koreksi")
    assert correction["Nilai lama"] == BENGKEL and correction["Nilai baru"] == DAPUR
    assert correction["Oleh"] == "Siti Rahmah, S.Pd. (di server)" and correction["Kanal"]
    register = next(s for s in book if s and "Nomor sertifikat" in s[0])
    old = {r["Nomor sertifikat"]: r for r in register}
    assert old[REVOKED]["Status"] == "dicabut"
    assert old[REVOKED]["Keputusan pencabutan"] == "SK Ketua LSP No. 12/LSP/XII/2026"


def test_a_figure_typed_otherwise_is_shown_in_the_cross_check_and_refuses_the_final(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    # The komite skema typed 36 certificates for the automotive scheme; the register has 50.
    with db.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE answer SET value = '36' WHERE field = 'jumlah_sertifikat' AND entry_no = 1"
        )
    draft = chat.say("admin", "/draft")
    assert "Pemeriksaan silang: 1 angka belum sama dengan register" in draft
    text = one_line(pdf_text(chat.documents[-1].data))
    assert "Pemeriksaan Silang" in text
    assert f"{TKRO} 36 Rina Wulandari, 2.2, 10-01-2027 10.00 WITA 50 (penerbitan 2, 3)" in text
    assert "ubah jumlah sertifikat skema Teknik Kendaraan Ringan Otomotif di 2.2 menjadi 50" in text
    for command in ("/final", "/final sertifikat"):
        refused = chat.say("admin", command)
        assert "belum dapat dibuat" in refused and f"{TKRO}: diisi 36" in refused
        assert "register 50" in refused
    assert (
        stored_answers(db, user_name="Rina Wulandari", section="2.2")[(1, "jumlah_sertifikat")]
        == 36
    )


def test_an_empty_register_against_typed_figures_and_an_assessor_without_data(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path, register=False)
    chat = Chat(db, Clock(AFTER), renderer)
    refused = chat.say("admin", "/final")
    assert "Jumlah sertifikat semester (laporan A dan B), Semua skema: diisi 117" in refused
    assert "register 0" in refused and "impor daftar sertifikatnya" in refused
    refused_b = chat.say("admin", "/final sertifikat")
    assert "Semua skema: diisi 117" in refused_b  # report B may not count none
    # An assessor on the certificates who is no member: 3.2 is owed by them.
    from tests.test_certificates_import import row, xlsx

    listed = xlsx([row(1, assessor="Tono Wijaya", scheme="Tata Boga", tuk=DAPUR)])
    assert chat.certificates.import_file("tambahan.xlsx", listed, by=None, channel="cli").accepted
    chat.say("admin", "/draft sertifikat")
    text = one_line(pdf_text(chat.documents[-1].data))
    assert "Tono Wijaya (asesor pada sertifikat, belum terdaftar)" in text
    assert "3.2 Perkembangan Asesor dan Ruang Lingkup Kompetensi belum lengkap" in text


def test_an_issuance_edition_made_at_once_has_no_missing_marker(
    semester: Semester, tmp_path: Path
) -> None:
    chat = semester.chat
    chat.join("tono", Role.ASESOR, "Tono Asesor")  # owes 3.2, has nothing to do with it
    made = chat.say("admin", "/final penerbitan 1")  # the 2023 list
    assert f"{PREFIX}/LAP-SERT/P1/I/2023" in made and "versi 1 dibuat" in made
    text = one_line(poppler_text(chat.documents[-1].data, tmp_path, "p1.pdf"))
    assert "BELUM LENGKAP" not in text and "Tono Asesor" not in text
    assert "Tanggal terbit sertifikat 6 Maret 2023" in text
    assert "dilaporkan pada laporan semester" in text  # no 3.2 of his from before 2023
    made = chat.say("admin", "/final penerbitan 3")
    assert f"{PREFIX}/LAP-SERT/P3/II/2026" in made
    text = one_line(poppler_text(chat.documents[-1].data, tmp_path, "p3.pdf"))
    assert "BELUM LENGKAP" not in text and "pada penerbitan ini" in text
    assert "pada periode ini" not in text and "Tanggal terbit sertifikat 23 November 2026" in text
    assert "Yusuf Hidayat MET.000.001234.2019" in text  # from his latest 3.2


def test_a_semester_without_certificates_says_so_in_one_line(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path, register=False)
    with db.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE answer SET value = '0' WHERE field = 'jumlah_sertifikat'"
        )
        connection.exec_driver_sql("UPDATE answer SET value = '0' WHERE field = 'jumlah_asesi'")
    chat = Chat(db, Clock(AFTER), renderer)
    assert "versi 1 dibuat" in chat.say("admin", "/final sertifikat")
    text = one_line(poppler_text(chat.documents[-1].data, tmp_path, "b.pdf"))
    assert "Nihil: tidak ada sertifikat yang diterbitkan pada semester ini." in text
    assert "Lampiran 1. Daftar Sertifikat" not in text and "Lampiran 2" not in text
    assert "Lampiran 1. Jejak Data" in text


def test_a_final_with_an_unset_profile_is_refused(tmp_path: Path, renderer: Renderer) -> None:
    db = semester_db(tmp_path)
    with db.begin() as connection:
        connection.exec_driver_sql("UPDATE lsp_profile SET chair_name = '', licence_number = ''")
    chat = Chat(db, Clock(AFTER), renderer)
    refused = chat.say("admin", "/final")
    assert "Profil LSP belum lengkap" in refused
    assert "- nama Ketua LSP: /profil ketua NAMA" in refused
    assert "- nomor lisensi BNSP: /profil lisensi NOMOR" in refused
    assert "lsp-bot profile" in refused
    chat.say("admin", "/draft")
    text = one_line(pdf_text(chat.documents[-1].data))
    assert "Profil LSP (sampul dan pengesahan) belum lengkap" in text
    complete_profile(db)
    assert "versi 1 dibuat" in chat.say("admin", "/final")


def test_a_new_version_names_the_one_it_replaces_and_what_changed(
    tmp_path: Path, renderer: Renderer
) -> None:
    db = semester_db(tmp_path)
    chat = Chat(db, Clock(AFTER), renderer)
    assert "versi 1 dibuat" in chat.say("admin", "/final sertifikat")
    assert chat.certificates.correct(CORRECTED, {"holder": "Siti Nugraha"}, by=None,
                                     channel="cli", by_name="Siti Rahmah, S.Pd.")[0]  # fmt: skip
    chat.say("admin", f"/cabut {REVOKED} 15-12-2026 Salah cetak nama")
    chat.say("admin", "/lewati")
    chat.say("admin", "ya")
    assert "versi 2 dibuat" in chat.say("admin", "/final sertifikat")
    text = one_line(poppler_text(chat.documents[-1].data, tmp_path, "v2.pdf"))
    assert "Menggantikan versi 1 (10 Januari 2027 pukul 10.00 WITA)" in text
    assert "Perubahan dari Versi 1" in text
    assert f"1 sertifikat dikoreksi: {CORRECTED}." in text
    assert f"1 sertifikat dicabut: {REVOKED}." in text
