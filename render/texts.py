"""Every Indonesian word the reports and exports print, in one place."""

from storage.enums import Role, SubmissionStatus

REPORT_TITLES = {
    "A": "Laporan Kegiatan dan Program LSP",
    "B": "Laporan Penerbitan Sertifikat",
}
DOCUMENT_CODES = {"A": "LAP-KEG", "B": "LAP-SERT"}
SEMESTER_SPANS = {"I": "Januari–Juni", "II": "Juli–Desember"}

ROLE_NAMES = {
    Role.ADMIN: "Manajer Administrasi",
    Role.KOMITE_SKEMA: "Komite Skema",
    Role.KOORDINATOR_TUK: "Koordinator TUK",
    Role.ASESOR: "Asesor",
    Role.SURVEILAN: "Petugas Surveilan",
}
CHANNEL_NAMES = {
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "console": "Konsol",
    "cli": "Server (CLI)",
}
# One vocabulary with the chat (conversations/texts.py); a test keeps them equal.
STATE_NAMES = {"lengkap": "lengkap", "nihil": "dinyatakan nihil", "belum": "belum lengkap"}
STATUS_NAMES = {
    SubmissionStatus.DRAFT: "belum dikirim",
    SubmissionStatus.SUBMITTED: "terkirim",
    SubmissionStatus.NIHIL: "dinyatakan nihil",
}

YES, NO = "Ya", "Tidak"
EMPTY = "—"
DRAFT_NUMBER = "(draf, belum bernomor)"
NOBODY_HOLDS_ROLE = "{names} (belum ada {role})"
TRAIL_STATUS = "Status bagian"
TRAIL_NIHIL = "dinyatakan nihil"
TRAIL_SUBMITTED = "terkirim"
TRAIL_SECTION_LEVEL = "bagian"
TALLY_TOTAL = "Jumlah"
PREPARER_SECTIONS = "penyusunan laporan"

FOOTER_DRAFT = "DRAF · data per {issued_at} · Halaman {page} dari {pages}"
FOOTER_FINAL = "{number} · Versi {version} · Sidik data {short_hash} · Halaman {page} dari {pages}"
FOOTER_VERIFY = "Periksa keaslian di {site}{path} dengan kode {code} atau pindai kode QR"
WATERMARK = "DRAF"
META_DRAFT = "draf"
META_FINAL = "final versi {version}"
META_SUBJECT = "{title}, {period} ({kind}), {number}"

EXPORT_COLUMNS_BEFORE = ("Anggota", "Peran", "Status", "Tingkat", "No. entri")
EXPORT_COLUMNS_AFTER = ("Terakhir diisi oleh", "Kanal", "Waktu (WITA)", "Revisi")
EXPORT_INFO_TITLE = "Keterangan"
EXPORT_INFO = (
    ("LSP", "{lsp}"),
    ("Periode", "{period}"),
    ("Diekspor", "{at}"),
    ("Catatan", "Satu lembar per bagian; entri berulang sebagai baris; waktu dalam WITA."),
)
EXPORT_LEVEL_SECTION = "bagian"
EXPORT_LEVEL_ENTRY = "entri"
EXPORT_TITLE = "Data Laporan LSP"
EXPORT_DESCRIPTION = (
    "Semua data periode: satu lembar per bagian laporan, dengan siapa, kanal dan kapan (WITA)."
)

# Report B: the certificate register.
# The kinds as scheme 2.2 names them (conversations/forms/skema.py; a test keeps them equal).
KIND_NAMES = {"kualifikasi": "Kualifikasi (KKNI)", "okupasi": "Okupasi",
              "klaster": "Klaster/paket", "unit": "Unit kompetensi",
              "": "(jenis tidak disebut)"}  # fmt: skip
ROUTE_NAMES = {"reguler": "Reguler", "rcc": "RCC", "rpl": "RPL"}


def kind_name(kind: str) -> str:
    """'Kualifikasi (KKNI)' for 'kualifikasi': a certificate's kind as both reports print it."""
    return KIND_NAMES.get(kind, kind)


def route_name(route: str) -> str:
    """'RCC' for 'rcc': a certificate's route as both reports print it."""
    return ROUTE_NAMES.get(route, route)


NO_TUK = "(TUK tidak disebut)"
NO_ASSESSOR = "(asesor tidak disebut)"
CLI_RECORDER = "(di server)"
TRAIL_ISSUANCE_REF = "Penerbitan {number}"
TRAIL_ISSUANCE_ITEM = "Daftar sertifikat diimpor"
TRAIL_ISSUANCE_VALUE = "{count} sertifikat dari berkas {file}, SHA-256 {sha}"
CERTIFICATE_SOURCE = "P{issuance} baris {row}"
ISSUANCE_TITLE = "Penerbitan {number}"
ISSUANCE_NUMBER = "{prefix}/LAP-SERT/P{number}/{semester}/{year}"
TALLY_SOURCE_REGISTER = "dihitung dari register sertifikat"
TALLY_SOURCE_TYPED = "diisi komite skema (register belum memuat sertifikat semester ini)"
EXPORT_REGISTER_SHEET = "Register Sertifikat"
EXPORT_REGISTER_NOTE = "Sertifikat yang terbit pada periode ini, satu baris per sertifikat."
EXPORT_REGISTER_COLUMNS = (
    "Nomor sertifikat", "Pemegang", "Skema", "Jenis", "Jalur", "TUK", "Asesor", "Terbit",
    "Berlaku sampai", "Status", "Menggantikan", "Penerbitan", "Baris sumber", "Dicabut",
    "Alasan pencabutan",
)  # fmt: skip

# Signing finals (render/signing.py)
SIGNING_KEY_MISSING = "Berkas kunci penanda tangan {path} tidak ditemukan (SIGNING_PKCS12)."
SIGNING_KEY_UNREADABLE = (
    "Berkas kunci penanda tangan {path} tidak dapat dibuka: periksa SIGNING_PASSPHRASE."
)
SIGNING_REASON = "Laporan final {lsp}"
