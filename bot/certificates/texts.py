"""Every Indonesian word the certificate register's desk, commands and CLI say: importing a
list, the template, counts, expiring certificates, corrections and schemes."""

IMPORT_EMPTY = "Berkas kosong: tidak ada yang dapat dibaca."
IMPORT_NO_FILE = "Berkas {path} tidak ditemukan."
IMPORT_TOO_LARGE = "Berkas terlalu besar (paling besar {limit} MB). Tidak ada yang disimpan."
IMPORT_TOO_MANY_ROWS = "Berkas berisi lebih dari {limit} baris. Bagi menjadi beberapa berkas."
IMPORT_NOT_A_SHEET = (
    "Berkas ini bukan lembar kerja yang dapat dibaca. Kirim berkas Excel (.xlsx) atau CSV; "
    "contohnya ada di /templat."
)
IMPORT_NO_HEADER = (
    "Baris pertama harus berisi judul kolom (Nomor Sertifikat, Nama Pemegang, Skema, Tanggal "
    "Terbit, ...). Contohnya ada di /templat."
)
IMPORT_NO_ROWS = "Berkas hanya berisi baris judul: tidak ada sertifikat untuk disimpan."
IMPORT_MISSING_COLUMNS = (
    "Kolom wajib tidak ditemukan: {columns}. Tidak ada yang disimpan. Contohnya ada di /templat."
)
IMPORT_COLUMN_NAMES = {
    "number": "Nomor Sertifikat", "holder": "Nama Pemegang", "scheme": "Skema",
    "issued_on": "Tanggal Terbit", "kind": "Jenis", "route": "Jalur", "tuk": "TUK",
    "assessor": "Asesor", "valid_until": "Berlaku Sampai", "replaces": "Menggantikan",
}  # fmt: skip
IMPORT_AT = "baris {row}, kolom {column}: {message}"
IMPORT_REQUIRED = "kosong, padahal wajib diisi."
IMPORT_SAME_AS = "nomor ini sama dengan baris {row}."
IMPORT_ALREADY_OTHER = (
    "nomor ini sudah terdaftar pada penerbitan {issuance} baris {row} dengan data lain "
    "(pemegang {holder})."
)
IMPORT_BEFORE_ISSUE = "{until} lebih awal dari tanggal terbit {issued}."
IMPORT_UNKNOWN_WORD = '"{given}" tidak dikenal; pakai salah satu: {accepted}.'
IMPORT_KINDS = "unit kompetensi, klaster/paket, kualifikasi, okupasi"
IMPORT_ROUTES = "reguler, RCC, RPL"
IMPORT_SIMILAR = '"{given}" mirip dengan "{known}" yang sudah ada; periksa ejaannya.'
IMPORT_MORE = "... dan {more} masalah lain."
IMPORT_RENEWS_UNKNOWN = (
    "sertifikat lama {number} tidak ada di register; periksa nomornya (sertifikasi ulang tetap "
    "dicatat)."
)
IMPORT_RENEWS_VALID = (
    "sertifikat lama {number} masih berlaku sampai {until}, sesudah tanggal terbit yang baru; "
    "sertifikat lama kini berstatus digantikan."
)
IMPORT_LONGER_THAN_SCHEME = (
    "berlaku sampai {until}, lebih lama dari masa berlaku skemanya ({years} tahun)."
)
IMPORT_REFUSED = (
    "Berkas {filename} belum disimpan: ada {count} masalah. Perbaiki lalu kirim lagi; tidak ada "
    "yang disimpan sebelum berkasnya bersih.\n{lines}"
)
IMPORT_STORED = (
    "{count} sertifikat baru tersimpan sebagai penerbitan {issuance} (berkas {filename}, "
    "SHA-256 {sha})."
)
IMPORT_SKIPPED = "{count} baris sudah tersimpan sebelumnya dan dilewati."
IMPORT_NOTHING_NEW = "Tidak ada sertifikat baru: {count} baris sudah tersimpan sebelumnya."
IMPORT_SAME_FILE = (
    "Berkas ini sudah diimpor sebagai penerbitan {issuance} ({at}); tidak ada yang disimpan."
)
IMPORT_IGNORED = "Kolom diabaikan (tidak dikenal): {columns}."
IMPORT_WARNINGS = "Peringatan (tetap disimpan):\n{lines}"
IMPORT_RACE = "Sertifikat yang sama sedang disimpan dari berkas lain. Kirim lagi sebentar lagi."
IMPORT_ADMIN_ONLY = (
    "Maaf, daftar sertifikat hanya dapat dikirim oleh Manajer Administrasi. Berkas ini tidak "
    "dibaca."
)
TEMPLATE_READY = (
    "Templat daftar sertifikat: isi satu baris per sertifikat, lalu kirim berkasnya ke sini."
)
TEMPLATE_SHEET = "Sertifikat"
TEMPLATE_HELP_SHEET = "Petunjuk"
TEMPLATE_EXAMPLE = (
    "LSP-P1/SMKN3/2026/0001", "Ahmad Fauzi", "Teknik Kendaraan Ringan Otomotif", "kualifikasi",
    "reguler", "TUK Bengkel Otomotif SMKN 3 Kota Bima", "Yusuf Hidayat", "24-11-2026",
    "24-11-2029", "",
)  # fmt: skip
TEMPLATE_HELP = (
    ("Nomor Sertifikat", "wajib", "Nomor seperti tercetak di sertifikat; tidak boleh ganda."),
    ("Nama Pemegang", "wajib", "Nama asesi pemegang sertifikat."),
    ("Skema", "wajib", "Nama skema sertifikasi."),
    ("Jenis", "boleh kosong", "unit kompetensi, klaster/paket, kualifikasi atau okupasi."),
    ("Jalur", "boleh kosong", "reguler (bila kosong), RCC atau RPL."),
    ("TUK", "boleh kosong", "Nama TUK tempat uji."),
    ("Asesor", "boleh kosong", "Nama asesor kompetensi."),
    ("Tanggal Terbit", "wajib", "Mis. 24-11-2026, 24/11/2026 atau 24 November 2026."),
    (
        "Berlaku Sampai",
        "boleh kosong",
        "Bila kosong: tanggal terbit + masa berlaku skema (3 tahun).",
    ),
    ("Menggantikan", "boleh kosong", "Sertifikasi ulang: nomor sertifikat lama yang digantikan."),
)
CERTIFICATES_NONE = "Belum ada sertifikat yang terbit atau dicabut pada {period} di register."
CERTIFICATES_HEADER = "Sertifikat terbit pada {period}: {count}"
CERTIFICATES_BY_KIND = "Menurut jenis:"
CERTIFICATES_BY_ROUTE = "Menurut jalur:"
CERTIFICATES_BY_SCHEME = "Menurut skema:"
CERTIFICATES_BY_TUK = "Menurut TUK:"
CERTIFICATES_LINE = "- {name}: {count}"
CERTIFICATES_NO_TUK = "(TUK tidak disebut)"
CERTIFICATES_RENEWED = "Sertifikasi ulang: {count}"
CERTIFICATES_REVOKED = "Dicabut pada periode ini: {count}"
EXPIRING_NONE = "Tidak ada sertifikat yang habis masa berlakunya dalam {months} bulan ke depan."
EXPIRING_HEADER = "Sertifikat yang habis masa berlakunya dalam {months} bulan ke depan: {count}"
EXPIRING_LINE = "- {number}, {holder} ({scheme}): berlaku sampai {until}"
EXPIRING_MORE = "... dan {more} lainnya (lihat /ekspor)."
CORRECT_BAD_DATE = "Tanggal '{text}' tidak dapat dibaca. Tulis seperti 24-11-2026."
CORRECTED = (
    "Sertifikat {number} dikoreksi ({fields}). Nilai lamanya tetap tersimpan sebagai revisi."
)
SCHEME_SHOWN = (
    "Skema {name}: nomor {number}, jenis {kind}, masa berlaku bawaan {years} tahun (dipakai "
    "bila daftar sertifikat tidak menyebut tanggal berlaku sampai)."
)
SCHEME_BAD_VALIDITY = "Masa berlaku bawaan harus 1 sampai 10 tahun, dan nama skema harus diisi."
UNKNOWN_NUMBER = "Sertifikat {number} tidak ada di register."
REVOKE_ALREADY = "Sertifikat {number} sudah dicabut sejak {on}. Tidak ada yang diubah."
REVOKE_BAD = (
    "Pencabutan tidak dicatat: tanggalnya harus antara tanggal terbit ({issued}) dan hari ini "
    "({today}), dan alasannya harus diisi."
)
REVOKED = "Sertifikat {number} dicabut per {on}. Tercatat di register dan laporan."
CLI_ASK_NAME = "Nama lengkap Anda (tercatat sebagai yang melakukan perubahan ini): "
CLI_NAME_NEEDED = (
    'Sebutkan siapa yang melakukan perubahan ini: --by "NAMA LENGKAP". Nama itu tercatat di '
    "jejak data laporan."
)
CLI_REVOKE_CONFIRM = (
    "Cabut sertifikat {number} milik {holder} (skema {scheme}) per {on}?\nAlasan: {reason}\n"
    "Keputusan: {decision}\nPencabutan tidak dapat dibatalkan. Ketik ya untuk mencabut: "
)
CLI_NO_DECISION = "(belum disebut)"
CLI_REVOKE_NEEDS_YES = (
    "Pencabutan tidak dapat dibatalkan: jalankan di terminal untuk menjawab konfirmasinya, atau "
    "tambahkan --yes bila sudah yakin."
)
CLI_REVOKE_NOT_DONE = "Tidak jadi. Sertifikat {number} tidak dicabut."
