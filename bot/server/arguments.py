"""The `lsp-bot` command line's arguments: nothing here imports more than the standard library
and our texts, so `lsp-bot --help` (and a mistyped command) answers at once."""

import argparse
from pathlib import Path

from bot import texts
from storage.enums import Role
from storage.periods import parse_period

CORRECTABLE = {
    "--holder": "nama pemegang", "--kind": "jenis", "--route": "jalur", "--tuk": "TUK",
    "--assessor": "asesor", "--issued-on": "tanggal terbit", "--valid-until": "berlaku sampai",
    "--replaces": "nomor sertifikat yang digantikan",
}  # fmt: skip

Commands = argparse._SubParsersAction


def parser(version: str) -> argparse.ArgumentParser:
    """Every command and its options."""
    main = argparse.ArgumentParser(prog="lsp-bot", description="Bot pelaporan kegiatan LSP.")
    main.add_argument("--version", action="version", version=f"lsp-bot {version}")
    commands = main.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="buat atau perbarui basis data; undang admin pertama")
    init.add_argument("--admin-name", help="nama lengkap Manajer Administrasi pertama")
    commands.add_parser("migrate", help="perbarui skema basis data (bot harus berhenti dulu)")
    invite = commands.add_parser("invite", help="buat kode undangan sekali pakai")
    invite.add_argument("--role", required=True, choices=[role.value for role in Role])
    invite.add_argument("--name", default=None, help="nama anggota yang diundang")
    console = commands.add_parser("console", help="bicara dengan bot dari terminal")
    console.add_argument("--user", required=True, help="nama pengguna konsol (identitas)")
    commands.add_parser("run", help="jalankan bot (Telegram, WhatsApp, atau keduanya)")
    backup = commands.add_parser(
        "backup", help="cadangkan basis data SQLite (boleh saat bot jalan)"
    )
    backup.add_argument("--out", type=Path, help="berkas cadangan (bawaan: data/cadangan/...)")
    restore = commands.add_parser("restore", help="pulihkan basis data SQLite dari cadangan")
    restore.add_argument("file", type=Path)
    restore.add_argument("--replace", action="store_true", help="timpa basis data yang ada")
    _reminders(commands)
    _members(commands)
    _certificates(commands)
    _reports(commands)
    return main


def _reminders(commands: Commands) -> None:
    parser = commands.add_parser(
        "reminders", help="kirim atau tampilkan pengingat yang jatuh tempo"
    )
    parser.add_argument("--at", default=None, help="saat tertentu (ISO), mis. 2027-01-04T09:00")
    parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan, jangan kirim")


def _members(commands: Commands) -> None:
    parser = commands.add_parser("members", help="anggota: daftar, ganti nama, peran, nonaktif")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="daftar anggota dan undangan yang belum dipakai")
    rename = actions.add_parser("rename", help="ganti nama anggota")
    rename.add_argument("id", type=int)
    rename.add_argument("name", nargs="+")
    for name, help_text in (("add-role", "tambah peran"), ("remove-role", "cabut peran")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("id", type=int)
        action.add_argument("role", choices=[role.value for role in Role])
    for name, help_text in (("deactivate", "nonaktifkan"), ("activate", "aktifkan kembali")):
        actions.add_parser(name, help=help_text).add_argument("id", type=int)
    withdraw = actions.add_parser("withdraw-invite", help="batalkan undangan yang belum dipakai")
    withdraw.add_argument("code")


BY_HELP = "siapa yang mencatat (nama lengkap); ditanyakan bila dijalankan di terminal"


def _certificates(commands: Commands) -> None:
    imports = commands.add_parser("import-certificates", help="impor daftar sertifikat (XLSX/CSV)")
    imports.add_argument("file", type=Path)
    imports.add_argument("--by", help=BY_HELP)
    certificates = commands.add_parser("certificates", help="register sertifikat")
    actions = certificates.add_subparsers(dest="action", required=True)
    template = actions.add_parser("template", help="templat XLSX daftar sertifikat")
    template.add_argument("--out", type=Path, required=True)
    scheme = actions.add_parser("scheme", help="nomor, jenis dan masa berlaku bawaan skema")
    scheme.add_argument("name")
    scheme.add_argument("--number", help="nomor skema, mis. SKM/BNSP/00010/1/2020/37A")
    scheme.add_argument("--kind", help="unit kompetensi, klaster/paket, kualifikasi, okupasi")
    scheme.add_argument("--validity", type=int, help="masa berlaku bawaan, tahun (1-10)")
    correct = actions.add_parser("correct", help="koreksi data satu sertifikat (revisi baru)")
    correct.add_argument("number")
    for option, help_text in CORRECTABLE.items():
        correct.add_argument(option, help=help_text)
    correct.add_argument("--by", help=BY_HELP)
    revoke = actions.add_parser("revoke", help="cabut satu sertifikat (dengan konfirmasi)")
    revoke.add_argument("number", nargs="+", help="nomor seperti tercetak, spasi boleh")
    revoke.add_argument("--on", required=True, help="tanggal pencabutan, mis. 18-11-2026")
    revoke.add_argument("--reason", required=True, help="alasan pencabutan")
    revoke.add_argument("--decision", default="", help="nomor keputusan pencabutan")
    revoke.add_argument("--by", help=BY_HELP)
    revoke.add_argument("--yes", action="store_true", help="tanpa pertanyaan konfirmasi")


def _reports(commands: Commands) -> None:
    report = commands.add_parser("report", help="laporan kegiatan: draft, final, arsip, cek")
    actions = report.add_subparsers(dest="action", required=True)
    for name, help_text in (
        ("draft", "buat draft PDF"),
        (
            "final",
            "buat laporan final (semester usai, semua bagian lengkap atau dinyatakan nihil)",
        ),
        ("list", "daftar laporan final"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--period", type=_period_arg, help="mis. 2026-II (bawaan: saat ini)")
        _edition_arguments(action)
        if name != "list":
            action.add_argument("--out", type=Path, help="simpan PDF ke berkas ini")
    get = actions.add_parser("get", help="ambil laporan final versi tertentu")
    get.add_argument("version", type=int)
    get.add_argument("--period", type=_period_arg)
    _edition_arguments(get)
    get.add_argument("--out", type=Path)
    get.add_argument(
        "--attachments",
        type=Path,
        metavar="FOLDER",
        help="tulis berkas yang dibawa laporan final (data, Excel, bukti) ke folder",
    )
    verify = actions.add_parser("verify", help="cek apakah PDF adalah laporan final tersimpan")
    verify.add_argument("file", type=Path)
    extend = actions.add_parser(
        "extend", help="tambah cap waktu dokumen pada laporan final yang cap waktunya segera habis"
    )
    extend.add_argument(
        "--within-days", type=int, default=365,
        help="perpanjang bila cap waktu terakhir habis dalam sekian hari",
    )  # fmt: skip
    _records(commands)
    export = commands.add_parser("export", help="ekspor semua data periode ke Excel")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument(
        "--evidence",
        action="store_true",
        help="berkas bukti periode itu sebagai ZIP dengan daftar SHA-256-nya",
    )
    export.add_argument("--period", type=_period_arg)
    profile = commands.add_parser("profile", help="lihat atau ubah profil LSP di laporan")
    for option, help_text in (
        ("--name", "nama LSP"),
        ("--address", "alamat"),
        ("--licence", "nomor lisensi BNSP"),
        ("--city", "kota pada tanda tangan, mis. Kota Bima"),
        ("--prefix", "awalan nomor dokumen, mis. LSP-P1-SMKN3"),
        ("--distribution", "daftar distribusi, dipisah titik koma"),
        ("--manager-name", "nama lengkap Manajer Administrasi (penyusun laporan)"),
        ("--manager-number", "NIP/nomor registrasi Manajer Administrasi, mis. 'NIP 1980...'"),
        ("--chair-name", "nama lengkap Ketua LSP (mengetahui)"),
        ("--chair-number", "NIP/nomor registrasi Ketua LSP"),
    ):
        profile.add_argument(option, help=help_text)


def _records(commands: Commands) -> None:
    archive = commands.add_parser(
        "archive", help="arsip satu semester (laporan final, data, bukti) sebagai ZIP; verify: cek"
    )
    archive.add_argument("action", nargs="?", choices=["verify"], help="verify BERKAS.zip")
    archive.add_argument("file", nargs="?", type=Path, help="arsip yang diperiksa")
    archive.add_argument("--period", type=_period_arg, help="mis. 2026-II (bawaan: saat ini)")
    archive.add_argument("--out", type=Path, help="berkas ZIP arsip")
    records = commands.add_parser(
        "records", help="masa simpan rekaman: apa yang lewat masa simpannya; --period: unduhan"
    )
    records.add_argument(
        "action", nargs="?", choices=["remove"],
        help="remove: musnahkan rekaman periode yang lewat masa simpannya",
    )  # fmt: skip
    records.add_argument("--period", type=_period_arg, help="daftar salinan yang diberikan")
    records.add_argument("--confirm", help="ulangi kode periodenya untuk memusnahkan")


def _edition_arguments(parser: argparse.ArgumentParser) -> None:
    which = "A: kegiatan dan program (bawaan); B: penerbitan sertifikat"
    parser.add_argument("--report", choices=["A", "B"], default="A", help=which)
    parser.add_argument("--issuance", type=int, help="laporan B untuk satu penerbitan")


def _period_arg(text: str) -> str:
    if parse_period(text) is None:
        raise argparse.ArgumentTypeError(texts.REPORT_UNKNOWN_PERIOD.format(text=text))
    return text
