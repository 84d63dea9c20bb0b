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
    SubmissionStatus.RETURNED: "dikembalikan",
    SubmissionStatus.ACCEPTED: "diterima",
}

YES, NO = "Ya", "Tidak"
EMPTY = "—"
DRAFT_NUMBER = "(draf, belum bernomor)"
NOBODY_HOLDS_ROLE = "{names} (belum ada {role})"
TRAIL_STATUS = "Status bagian"
TRAIL_NIHIL = "dinyatakan nihil"
TRAIL_SUBMITTED = "terkirim"
REVIEW_STATE = "{state} oleh {by} pada {at}"
OWED_RETURNED = "{name} (dikembalikan)"
TRAIL_REVIEW_ITEM = "Pemeriksaan"
TRAIL_REVIEW_RETURNED = 'Dikembalikan: "{note}" (perlu diperbaiki: {fields})'
TRAIL_REVIEW_ACCEPTED = "Diterima"
TRAIL_FILE_ITEM = "Bukti (berkas)"
EVIDENCE_SIZE = "{size} bita"
EXPORT_EVIDENCE_TITLE = "Bukti"
EXPORT_EVIDENCE_NOTE = "Berkas bukti setiap jawaban, dengan SHA-256-nya (berkasnya: /ekspor bukti)"
EXPORT_EVIDENCE_HEADER = ["No.", "Butir", "Jawaban", "Nama berkas", "Jenis", "Ukuran",
                          "Halaman", "SHA-256", "Dikirim oleh", "Waktu (WITA)"]  # fmt: skip
EVIDENCE_ZIP_HEAD = (
    "Bukti {lsp}, {period}\nDibuat {made_at}. Setiap berkas, butir yang didukungnya dan "
    "SHA-256-nya:"
)
EVIDENCE_ZIP_LINE = (
    "{no}. {file}\n   Butir: {ref} — {answer}\n   {kind}, {size}; dikirim oleh {by}, {at}\n"
    "   SHA-256: {sha256}"
)
EVIDENCE_ZIP_MISSING = "(berkas tidak ditemukan di basis data)"
EVIDENCE_ZIP_CHECK = (
    "Memeriksa: hitung SHA-256 setiap berkas (mis. sha256sum bukti/*) dan bandingkan dengan "
    "daftar ini, Lampiran Bukti dan Jejak Data laporan."
)
TRAIL_FILE_VALUE = "{name} · {kind}, {size} bita{pages} · SHA-256 {sha}"
TRAIL_FILE_PAGES = ", {pages} halaman"
TRAIL_FILE_CARRIED = " · dilampirkan pada semester lalu, ikut dikonfirmasi"
TRAIL_CARRIED = " (dari {period}, diisi oleh {by} pada {at}; dikonfirmasi)"
TRAIL_SECTION_LEVEL = "bagian"
TALLY_TOTAL = "Jumlah"
PREPARER_SECTIONS = "penyusunan laporan"
REGISTER_WORK = "register sertifikat"
OWED_UNKNOWN = "{name} (asesor pada sertifikat, belum terdaftar)"


def chair_title(lsp_name: str) -> str:
    """'Ketua LSP SMKN 3' for 'SMKN 3', 'Ketua LSP-P1 SMKN 3' for a name that says LSP."""
    if lsp_name.strip().casefold().startswith("lsp"):
        return f"Ketua {lsp_name}"
    return f"Ketua LSP {lsp_name}"


# What a final needs from the profile: (what, how in the chat, how at the server).
PROFILE_FIELDS = {
    "name": ("nama LSP", "/profil nama NAMA", "lsp-bot profile --name NAMA"),
    "licence_number": ("nomor lisensi BNSP", "/profil lisensi NOMOR", "lsp-bot profile --licence"),
    "prefix": ("awalan nomor dokumen", "/profil awalan AWALAN", "lsp-bot profile --prefix"),
    "city": ("kota penandatanganan", "/profil kota KOTA", "lsp-bot profile --city"),
    "chair_name": ("nama Ketua LSP", "/profil ketua NAMA", "lsp-bot profile --chair-name"),
    "manager_name": (
        "nama Manajer Administrasi",
        "/profil manajer NAMA",
        "lsp-bot profile --manager-name",
    ),
}

FOOTER_DRAFT = "DRAF · data per {issued_at} · Halaman {page} dari {pages}"
FOOTER_FINAL = "{number} · Versi {version} · Sidik data {short_hash} · Halaman {page} dari {pages}"
FOOTER_VERIFY = "Periksa keaslian di {site}{path} dengan kode {code} atau pindai kode QR"
WATERMARK = "DRAF"
META_DRAFT = "draf"
META_FINAL = "final versi {version}"
META_SUBJECT = "{title}, {period} ({kind}), {number}"

EXPORT_COLUMNS_BEFORE = ("Anggota", "Peran", "Status", "Tingkat", "No. entri")
EXPORT_COLUMNS_AFTER = (
    "Terakhir diisi oleh",
    "Kanal",
    "Waktu (WITA)",
    "Revisi",
    "Dikonfirmasi dari semester lalu",
)
EXPORT_CARRIED = "{fields} (dari {period}, diisi oleh {by})"
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
TRAIL_COUNTED_REF = "2.2 · Sertifikat per skema, dari penerbitan {number}"
TRAIL_ISSUANCE_ITEM = "Daftar sertifikat diimpor"
TRAIL_ISSUANCE_VALUE = "{count} sertifikat dari berkas {file}, SHA-256 {sha}"
TRAIL_CERTIFICATE_REF = "Sertifikat {number}"
TRAIL_CORRECTION_ITEM = "Koreksi data sertifikat"
TRAIL_CORRECTION_VALUE = "{field}: {old} → {new}"
TRAIL_REVOCATION_ITEM = "Pencabutan"
TRAIL_REVOCATION_VALUE = "per {on}; alasan: {reason}; keputusan: {decision}"
FIELD_NAMES = {
    "holder": "pemegang", "kind": "jenis", "route": "jalur", "tuk": "TUK", "assessor": "asesor",
    "issued_on": "tanggal terbit", "valid_until": "berlaku sampai", "replaces": "menggantikan",
}  # fmt: skip
NO_DECISION = "(belum disebut)"
SERVER_PERSON = "{name} (di server)"
SERVER_ROLE = "dicatat di server"
CERTIFICATE_SOURCE = "P{issuance} baris {row}"
CERTIFICATE_SOURCE_REVISION = "{source}, rev. {revision}"
STATUS_REVOKED = "dicabut {on}"
STATUS_REPLACED = "digantikan oleh {number}"
NOT_IN_REGISTER = "(tidak ada di register)"
VALIDITY_YEARS = "{years} tahun"
ASSESSOR_STATES = {
    "ada": "data 3.2 semester ini",
    "belum terdaftar": "belum terdaftar sebagai anggota",
    "belum mengirim": "3.2 belum dikirim",
    "nihil": "3.2 dinyatakan nihil",
}
ASSESSOR_LATEST = "data 3.2 Semester {semester} Tahun {year}"
ASSESSOR_IN_SEMESTER_REPORT = "dilaporkan pada laporan semester"
ASSESSOR_SCOPE_FROM_REGISTER = "skema pada sertifikatnya: {schemes}"
TALLY_TITLE = "Jumlah sertifikat yang diterbitkan per skema"
ISSUANCE_TITLE = "Penerbitan {number}"
ISSUANCE_NUMBER = "{prefix}/LAP-SERT/P{number}/{semester}/{year}"
TALLY_SOURCE = (
    "dihitung dari register sertifikat ({cited}); sama dengan Laporan Penerbitan Sertifikat"
)
TALLY_SOURCE_EMPTY = "register sertifikat tidak memuat sertifikat yang terbit pada semester ini"
EXPORT_REGISTER_SHEET = "Register Sertifikat"
EXPORT_REGISTER_NOTE = "Sertifikat yang terbit pada periode ini, satu baris per sertifikat."
EXPORT_REGISTER_COLUMNS = (
    "Nomor sertifikat", "Pemegang", "Skema", "Nomor skema", "Jenis", "Jalur", "TUK", "Asesor",
    "Terbit", "Berlaku sampai", "Status", "Digantikan oleh", "Menggantikan", "Penerbitan",
    "Baris sumber", "Revisi", "Dicabut", "Alasan pencabutan", "Keputusan pencabutan",
)  # fmt: skip
EXPORT_ISSUANCES_SHEET = "Penerbitan"
EXPORT_ISSUANCES_NOTE = "Setiap penerbitan (berkas daftar sertifikat) asal sertifikat periode ini."
EXPORT_ISSUANCES_COLUMNS = (
    "Penerbitan", "Berkas", "SHA-256 berkas", "Dicatat oleh", "Kanal", "Waktu (WITA)",
    "Sertifikat dalam berkas", "Sertifikat periode ini",
)  # fmt: skip
EXPORT_HISTORY_SHEET = "Riwayat Register"
EXPORT_HISTORY_NOTE = (
    "Setiap impor, koreksi (nilai lama dan baru) dan pencabutan sertifikat periode ini: siapa, "
    "kanal, kapan."
)
EXPORT_HISTORY_COLUMNS = (
    "Waktu (WITA)", "Perubahan", "Sertifikat/penerbitan", "Kolom", "Nilai lama", "Nilai baru",
    "Oleh", "Kanal", "Revisi",
)  # fmt: skip
EXPORT_KIND_IMPORT = "impor"
EXPORT_KIND_CORRECTION = "koreksi"
EXPORT_KIND_REVOCATION = "pencabutan"
EXPORT_IMPORT_VALUE = "{count} sertifikat dari berkas {file}"
EXPORT_CHECK_SHEET = "Pemeriksaan Silang"
EXPORT_CHECK_NOTE = "Angka yang diisi pada bagian laporan dibandingkan dengan register sertifikat."
EXPORT_CHECK_COLUMNS = (
    "Pemeriksaan", "Nama", "Diisi", "Diisi oleh", "Register", "Sumber register",
    "Yang perlu diubah", "Laporan",
)  # fmt: skip
EXPORT_CHECK_NONE = "Semua angka yang diisi sesuai dengan register sertifikat."
EXPORT_EMPTY = {
    "belum": "Bagian ini belum diisi (belum lengkap).",
    "nihil": "Bagian ini dinyatakan nihil: tidak ada yang dilaporkan.",
    "lengkap": "Tidak ada data.",
}

# Pemeriksaan silang (render/crosscheck.py): typed figures against the register.
CHECK_SOURCE = "{name}, {clause}, {at}"
CHECK_ISSUANCES = "penerbitan {numbers}"
CHECK_NOT_TYPED = "tidak diisi"
CHECK_ALL = "Semua skema"
CHECK_ON_CERTIFICATES = "register sertifikat"
CHECK_TOPICS = {
    "scheme": "Sertifikat terbit per skema (2.2)",
    "tuk": "Sertifikat per TUK dan asesi diuji (2.5)",
    "assessor": "Asesor pada sertifikat (3.2)",
}
CHECK_TOPIC_TOTAL = "Jumlah sertifikat semester (laporan A dan B)"
CHECK_FIX_EMPTY_REGISTER = (
    "Register belum memuat sertifikat semester ini, padahal {clause} menyebut ada: impor daftar "
    "sertifikatnya (kirim berkas XLSX/CSV; contohnya /templat), atau ubah jumlahnya di {clause}."
)
CHECK_FIX_EQUAL = (
    "Samakan: ubah jumlah sertifikat skema {name} di {clause} menjadi {count}, atau perbaiki "
    "register (impor atau koreksi) bila registernya yang keliru."
)
CHECK_FIX_NOT_LISTED = (
    "{name} tercantum pada sertifikat tetapi tidak ada di {clause}: tambahkan di {clause}, atau "
    "koreksi TUK pada sertifikatnya."
)
CHECK_FIX_FEWER = (
    "{name}: jumlah asesi di {clause} lebih sedikit dari {count} sertifikat di register; "
    "perbaiki jumlahnya di {clause}, atau koreksi register."
)
CHECK_FIX_ASSESSOR_UNKNOWN = (
    "{name} tercantum pada sertifikat tetapi belum terdaftar sebagai anggota: undang dengan "
    "/undang asesor {name}, atau koreksi nama asesor pada sertifikatnya."
)
CHECK_FIX_ASSESSOR_NOT_SENT = "{name} belum mengirim 3.2; ingatkan dengan /ingatkan 3.2."
CHECK_FIX_ASSESSOR_NIHIL = (
    "{name} menyatakan 3.2 nihil, padahal tercantum pada sertifikat semester ini: minta ia "
    "mengisi 3.2."
)

# A new version says what it changes (render/changes.py).
CHANGES_NONE = "Tidak ada perubahan isi; hanya susunan laporan yang diperbarui."
CHANGES_MORE = "... dan {more} perubahan lain."
CHANGES_PROFILE_FIELDS = {
    "name": "nama LSP", "address": "alamat", "licence_number": "nomor lisensi", "city": "kota",
    "signatories": "penanda tangan", "distribution": "daftar distribusi",
}  # fmt: skip
CHANGES_PROFILE = "Profil LSP: {fields} diubah."
CHANGES_SECTION_NEW = "{section}: bagian baru."
CHANGES_STATE = "{section}: {old} menjadi {new}."
CHANGES_FIELDS = "{section}: {fields} diubah."
CHANGES_ENTRIES = "{section}: {what}."
CHANGES_ADDED = "{count} entri ditambahkan"
CHANGES_REMOVED = "{count} entri dihapus"
CHANGES_TALLY = "Sertifikat per skema: {what}."
CHANGES_COUNT = "{label} {old} menjadi {new}"
CHANGES_CERT_ADDED = "{count} sertifikat ditambahkan: {numbers}."
CHANGES_CERT_GONE = "{count} sertifikat tidak lagi termasuk: {numbers}."
CHANGES_CERT_CORRECTED = "{count} sertifikat dikoreksi: {numbers}."
CHANGES_CERT_REVOKED = "{count} sertifikat dicabut: {numbers}."
CHANGES_AND_MORE = " dan {more} lainnya"

# Signing finals (render/signing.py)
SIGNING_KEY_MISSING = "Berkas kunci penanda tangan {path} tidak ditemukan (SIGNING_PKCS12)."
SIGNING_KEY_UNREADABLE = (
    "Berkas kunci penanda tangan {path} tidak dapat dibuka: periksa SIGNING_PASSPHRASE."
)
SIGNING_REASON = "Laporan final {lsp}"
