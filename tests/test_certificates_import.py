"""Importing the certificate list: real XLSX and CSV files, clean and broken; all or nothing,
every problem by row and column, re-imports change nothing."""

import io
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from bot.certificates.desk import CertificateDesk
from storage.db import session_scope
from storage.register_models import Certificate, Issuance, Scheme, Tuk
from tests.helpers import NOW, Clock
from tests.test_cli import lsp_bot, run
from tests.test_cli import workdir as workdir

HEADER = ["No. Sertifikat", "Nama Asesi", "Skema", "Jenis", "Jalur", "TUK", "Asesor",
          "Tgl Terbit", "Masa Berlaku", "Keterangan"]  # fmt: skip


def row(n: int, **changes: Any) -> list[Any]:
    """One clean row: certificate n."""
    values = {
        "number": f"LSP-P1/SMKN3/2026/{n:04d}", "holder": f"Asesi Nomor {n}",
        "scheme": "Teknik Kendaraan Ringan Otomotif", "kind": "kualifikasi", "route": "reguler",
        "tuk": "TUK Bengkel Otomotif", "assessor": "Yusuf Hidayat",
        "issued": datetime(2026, 11, 24), "until": None, "note": "",
    } | changes  # fmt: skip
    return list(values.values())


def xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    from tests.reporting import sheet

    return sheet(rows, header)


def csv_bytes(rows: list[list[str]], *, delimiter: str, bom: bool) -> bytes:
    lines = [delimiter.join(HEADER), *(delimiter.join(r) for r in rows)]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@pytest.fixture
def desk(db: Engine) -> CertificateDesk:
    return CertificateDesk(db, clock=Clock(NOW))


def count(db: Engine, table: type = Certificate) -> int:
    with session_scope(db) as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_clean_file_is_stored_as_one_issuance_and_a_second_import_stores_nothing(
    desk: CertificateDesk, db: Engine
) -> None:
    data = xlsx([row(n) for n in range(1, 51)])
    outcome = desk.import_file("daftar.xlsx", data, by=None, channel="cli")
    assert outcome.accepted and outcome.stored == 50
    assert outcome.text.startswith("50 sertifikat baru tersimpan sebagai penerbitan 1")
    assert "Kolom diabaikan (tidak dikenal): Keterangan." in outcome.text
    assert count(db) == 50 and count(db, Issuance) == 1 and count(db, Scheme) == 1
    with session_scope(db) as session:
        first = session.execute(
            select(Certificate).where(Certificate.number == "LSP-P1/SMKN3/2026/0001")
        ).scalar_one()
        issuance = session.execute(select(Issuance)).scalar_one()
    assert first.issued_on == date(2026, 11, 24) and first.valid_until == date(2029, 11, 24)
    assert first.source_row == 2 and first.route == "reguler" and first.kind == "kualifikasi"
    assert issuance.file_name == "daftar.xlsx" and issuance.certificates == 50
    again = desk.import_file("daftar.xlsx", data, by=None, channel="cli")
    assert again.accepted and again.text.startswith("Berkas ini sudah diimpor sebagai penerbitan 1")
    same_rows = desk.import_file("lagi.xlsx", xlsx([row(n) for n in range(1, 3)]), by=None,
                                 channel="cli")  # fmt: skip
    assert same_rows.text.splitlines()[0] == (
        "Tidak ada sertifikat baru: 2 baris sudah tersimpan sebelumnya."
    )
    assert count(db) == 50 and count(db, Issuance) == 1


@pytest.mark.parametrize(("delimiter", "bom"), [(",", True), (";", False), (";", True)])
def test_csv_with_commas_or_semicolons_with_or_without_bom(
    desk: CertificateDesk, db: Engine, delimiter: str, bom: bool
) -> None:
    rows = [
        ["A-1", "Siti", "Tata Boga", "okupasi", "RCC", "TUK Dapur", "Nur", "24-11-2026", "", ""],
        ["A-2", "Budi", "Tata Boga", "", "rpl", "", "", "24/11/2026", "2028-11-24", ""],
        ["A-3", "Rina", "Tata Boga", "paket", "", "", "", "24 November 2026", "", ""],
    ]
    outcome = desk.import_file("d.csv", csv_bytes(rows, delimiter=delimiter, bom=bom), by=None,
                               channel="cli")  # fmt: skip
    assert outcome.accepted and outcome.stored == 3, outcome.text
    with session_scope(db) as session:
        stored = {c.number: c for c in session.execute(select(Certificate)).scalars()}
    assert (stored["A-1"].route, stored["A-1"].kind) == ("rcc", "okupasi")
    assert (stored["A-2"].route, stored["A-2"].valid_until) == ("rpl", date(2028, 11, 24))
    assert stored["A-3"].kind == "klaster" and stored["A-3"].issued_on == date(2026, 11, 24)


def test_a_broken_file_lists_every_problem_and_stores_nothing(
    desk: CertificateDesk, db: Engine
) -> None:
    desk.import_file("awal.xlsx", xlsx([row(900)]), by=None, channel="cli")
    rows = [
        row(1),
        row(2, issued="31-02-2026"),
        row(3, holder=""),
        row(4, until=datetime(2026, 1, 1)),
        row(1, holder="Orang Lain"),  # row 6: the number of row 2 again
        row(900, holder="Bukan Dia"),  # row 7: in the register with other data
        row(8, kind="sertifikat emas"),
        row(9, route="jalan pintas"),
        row(10, tuk="TUK Bengkel Otomotf"),  # close to a known TUK: a warning, not an error
    ]
    outcome = desk.import_file("rusak.xlsx", xlsx(rows), by=None, channel="cli")
    assert not outcome.accepted and outcome.stored == 0
    lines = outcome.text.splitlines()
    assert lines[0] == (
        "Berkas rusak.xlsx belum disimpan: ada 7 masalah. Perbaiki lalu kirim lagi; tidak ada "
        "yang disimpan sebelum berkasnya bersih."
    )
    assert lines[1:] == [
        "baris 3, kolom Tgl Terbit: Tanggal 31 tidak ada di bulan Februari 2026.",
        "baris 4, kolom Nama Asesi: kosong, padahal wajib diisi.",
        "baris 5, kolom Masa Berlaku: 1 Januari 2026 lebih awal dari tanggal terbit 24 "
        "November 2026.",
        "baris 6, kolom No. Sertifikat: nomor ini sama dengan baris 2.",
        "baris 7, kolom No. Sertifikat: nomor ini sudah terdaftar pada penerbitan 1 baris 2 "
        "dengan data lain (pemegang Asesi Nomor 900).",
        'baris 8, kolom Jenis: "sertifikat emas" tidak dikenal; pakai salah satu: unit '
        "kompetensi, klaster/paket, kualifikasi, okupasi.",
        'baris 9, kolom Jalur: "jalan pintas" tidak dikenal; pakai salah satu: reguler, RCC, RPL.',
    ]
    assert count(db) == 1 and count(db, Issuance) == 1 and count(db, Tuk) == 1


def test_near_miss_names_are_warnings(desk: CertificateDesk, db: Engine) -> None:
    desk.import_file("awal.xlsx", xlsx([row(1)]), by=None, channel="cli")
    outcome = desk.import_file("baru.xlsx", xlsx([row(2, tuk="TUK  bengkel otomotif"),
                                                  row(3, tuk="TUK Bengkel Otomotf")]),
                               by=None, channel="cli")  # fmt: skip
    assert outcome.accepted and outcome.stored == 2
    assert (
        'baris 3, kolom TUK: "TUK Bengkel Otomotf" mirip dengan "TUK Bengkel Otomotif" yang '
        "sudah ada; periksa ejaannya." in outcome.text
    )
    assert "baris 2" not in outcome.text  # the same name, spaced and cased otherwise
    assert count(db, Tuk) == 2


def test_more_than_thirty_problems_are_cut_with_a_count(desk: CertificateDesk) -> None:
    outcome = desk.import_file("x.xlsx", xlsx([row(n, holder="") for n in range(1, 41)]),
                               by=None, channel="cli")  # fmt: skip
    lines = outcome.text.splitlines()
    assert len(lines) == 32 and lines[-1] == "... dan 10 masalah lain."


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("foto.jpg", b"\xff\xd8\xff\xe0JFIF", "bukan lembar kerja"),
        ("kosong.xlsx", b"", "Berkas kosong"),
        ("judul.csv", b"\n\n", "Baris pertama harus berisi judul kolom"),
        ("hanya-judul.csv", ",".join(HEADER).encode(), "hanya berisi baris judul"),
        ("kolom.xlsx", None, "Kolom wajib tidak ditemukan: Skema, Tanggal Terbit."),
        ("besar.csv", b"a" * (21 * 1024 * 1024), "terlalu besar"),
        ("bom.xlsx", None, "terlalu besar"),
        ("rusak.xlsx", b"PK\x03\x04 bukan zip", "bukan lembar kerja"),
        ("baris.csv", None, "lebih dari 50.000 baris"),
        ("laporan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "bukan lembar kerja"),
    ],
)
def test_files_that_cannot_be_read_get_one_message(
    desk: CertificateDesk, db: Engine, filename: str, data: bytes | None, expected: str
) -> None:
    if filename == "kolom.xlsx":
        data = xlsx([["A-1", "Siti"]], header=["Nomor Sertifikat", "Nama Pemegang"])
    elif filename == "bom.xlsx":
        data = _zip_bomb()
    elif filename == "baris.csv":  # 10 MB of rows
        row = "B-{n};Siti Aminah;Tata Boga;Unit;Reguler;TUK Sewaktu;Yusuf;01-08-2026\n"
        lines = [";".join(HEADER[:8]) + "\n"]
        size, n = 0, 0
        while size < 10 * 1024 * 1024:
            n += 1
            lines.append(row.format(n=n))
            size += len(lines[-1])
        data = "".join(lines).encode()
    assert data is not None
    outcome = desk.import_file(filename, data, by=None, channel="cli")
    assert not outcome.accepted and expected in outcome.text, outcome.text
    assert count(db) == 0


def test_the_template_and_the_cli(workdir: Path) -> None:
    run("init", "--admin-name", "Siti Rahmah")
    out = run("certificates", "template", "--out", "templat.xlsx")
    assert out.splitlines()[-1].endswith("templat.xlsx")
    book = load_workbook(workdir / "templat.xlsx")
    assert book.sheetnames == ["Sertifikat", "Petunjuk"]
    header = [c.value for c in book["Sertifikat"][1]]
    assert header[:4] == ["Nomor Sertifikat", "Nama Pemegang", "Skema", "Jenis"]
    assert book["Petunjuk"].max_row == 11
    # a change at the server names who made it
    unnamed = subprocess.run([*lsp_bot(), "import-certificates", "templat.xlsx"],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert unnamed.returncode == 2 and "--by" in unnamed.stderr
    # the template itself, as filled by its example row, imports
    assert "1 sertifikat baru tersimpan" in run(
        "import-certificates", "templat.xlsx", "--by", "Siti Rahmah"
    )
    broken = "Nomor Sertifikat;Nama Pemegang;Skema;Tanggal Terbit\nB-1;Siti;Tata Boga;31-02-2026\n"
    (workdir / "rusak.csv").write_text(broken, encoding="utf-8")
    done = subprocess.run([*lsp_bot(), "import-certificates", "rusak.csv", "--by", "Siti"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "baris 2, kolom Tanggal Terbit" in done.stdout


def test_a_correction_is_a_new_revision_with_the_old_values_kept(
    desk: CertificateDesk, db: Engine
) -> None:
    from storage.register_models import CertificateRevision

    desk.import_file("d.xlsx", xlsx([row(1)]), by=None, channel="cli")
    fields = {"holder": "Asesi  Nomor Satu", "valid_until": "24-11-2030", "tuk": "TUK Baru",
              "route": "rpl"}  # fmt: skip
    done, said = desk.correct("LSP-P1/SMKN3/2026/0001", fields, by=None, channel="cli")
    assert done and "dikoreksi" in said
    with session_scope(db) as session:
        certificate = session.execute(select(Certificate)).scalar_one()
        revision = session.execute(select(CertificateRevision)).scalar_one()
    assert certificate.holder == "Asesi Nomor Satu" and certificate.revision == 2
    assert certificate.valid_until == date(2030, 11, 24) and certificate.route == "rpl"
    assert revision.old_value["holder"] == "Asesi Nomor 1"
    assert revision.old_value["valid_until"] == "2029-11-24"
    assert revision.new_value["valid_until"] == "2030-11-24"
    assert not desk.correct("X-1", {"holder": "Y"}, by=None, channel="cli")[0]
    assert "tidak dikenal" in desk.correct("LSP-P1/SMKN3/2026/0001", {"kind": "emas"},
                                           by=None, channel="cli")[1]  # fmt: skip
    # the register now holds the corrected data: the original file is stale for that row
    again = desk.import_file("lagi.xlsx", xlsx([row(1, note="lagi")]), by=None, channel="cli")
    assert not again.accepted and "sudah terdaftar pada penerbitan 1 baris 2" in again.text


def test_a_schemes_validity_sets_the_default_end(desk: CertificateDesk, db: Engine) -> None:
    number = "SKM/BNSP/00010/1/2020/37A"
    done, said = desk.scheme(
        "Teknik  Kendaraan Ringan Otomotif", number=number, kind="kualifikasi", validity=5
    )
    assert done and "masa berlaku bawaan 5 tahun" in said and number in said
    assert not desk.scheme("Tata Boga", number=None, kind=None, validity=40)[0]
    desk.import_file("d.xlsx", xlsx([row(1)]), by=None, channel="cli")
    with session_scope(db) as session:
        certificate = session.execute(select(Certificate)).scalar_one()
    assert certificate.valid_until == date(2031, 11, 24)  # 24 November 2026 + 5 years
    assert count(db, Scheme) == 1  # the same scheme, spaced otherwise
