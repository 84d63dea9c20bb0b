"""What `lsp-bot` says as a process: the command line, settings, the database, `lsp-bot run`,
backups and the public verification pages."""

INIT_DONE = "Basis data siap: {url}"

INIT_ADMIN = (
    "Belum ada Manajer Administrasi. Kirim pesan berikut ke bot dari akun admin "
    "(berlaku 7 hari, sekali pakai):\n/start {code}\nKode undangan admin:"
)

INIT_HAS_ADMIN = (
    "Sudah ada Manajer Administrasi. Untuk undangan baru gunakan: lsp-bot invite --role admin"
)

INVITE_MADE = (
    "Undangan untuk peran {role}{name} dibuat (berlaku 7 hari, sekali pakai).\n"
    "Penerima mengirim ke bot: /start {code}\nKode undangan:"
)

CONSOLE_HELLO = "lsp-bot konsol sebagai '{user}'. Ketik pesan lalu Enter; Ctrl-D untuk keluar."

VERIFY_PAGE_TITLE = "Verifikasi Laporan Final"

VERIFY_PAGE_FOUND_TITLE = "Laporan final terdaftar"

VERIFY_PAGE_MATCH_TITLE = "COCOK"

VERIFY_PAGE_NO_MATCH_TITLE = "TIDAK COCOK"

VERIFY_PAGE_UNKNOWN_TITLE = "Kode tidak dikenal"

VERIFY_PAGE_UNKNOWN = (
    "Tidak ada laporan final dengan kode ini. Periksa kembali kode yang tercetak di kaki "
    "halaman laporan (sepuluh huruf dan angka, mis. K7QM4-XPA92)."
)

VERIFY_PAGE_BAD_CODE = (
    "Kode verifikasi terdiri atas sepuluh huruf dan angka, mis. K7QM4-XPA92. Periksa lalu "
    "ketik kembali."
)

VERIFY_PAGE_NO_FILE = "Tidak ada berkas yang diunggah. Pilih berkas PDF laporan, lalu unggah."

VERIFY_PAGE_TOO_BIG = "Berkas terlalu besar (paling besar {limit}). Unggah berkas PDF laporan."

VERIFY_PAGE_BUSY_TITLE = "Terlalu banyak permintaan"

VERIFY_PAGE_BUSY = (
    "Terlalu banyak permintaan dari alamat Anda dalam waktu singkat. Coba lagi dalam "
    "{seconds} detik."
)

INIT_ASK_NAME = "Nama lengkap Manajer Administrasi (untuk laporan, boleh dikosongkan): "

TG_TOKEN_REFUSED = "Token bot ditolak oleh Telegram. Periksa TELEGRAM_BOT_TOKEN (lihat README)."

TG_SECRET_MISSING = (
    "TELEGRAM_WEBHOOK_URL diisi, tetapi TELEGRAM_WEBHOOK_SECRET belum: isi dengan 1-256 huruf, "
    'angka, _ atau - (mis. hasil: python3 -c "import secrets; print(secrets.token_urlsafe(32))").'
)

TG_SECRET_INVALID = (
    "TELEGRAM_WEBHOOK_SECRET hanya boleh berisi 1-256 huruf A-Z a-z, angka, _ atau -."
)

TG_WEBHOOK_URL_INVALID = (
    "TELEGRAM_WEBHOOK_URL harus alamat https:// dengan port 443, 80, 88 atau 8443 "
    "(aturan Telegram), mis. https://lsp.contoh.sch.id/telegram."
)

RUN_STARTED = "lsp-bot berjalan ({mode}) sebagai {username}. Tekan Ctrl-C untuk berhenti."

WA_SETTINGS_MISSING = (
    "Pengaturan WhatsApp belum lengkap: {names} belum diisi. Isi semuanya di berkas .env atau "
    "variabel lingkungan (lihat README bagian WhatsApp)."
)

WA_SECRET_MISSING = (
    "WHATSAPP_APP_SECRET belum diisi. Tanpa kunci rahasia aplikasi, tanda tangan pesan dari Meta "
    "tidak dapat diperiksa, jadi bot tidak dijalankan. Salin App Secret dari dasbor aplikasi Meta "
    "(Settings > Basic)."
)

WA_BASE_URL_INVALID = (
    "WHATSAPP_API_BASE_URL harus alamat http(s), mis. https://graph.facebook.com/v23.0."
)

WA_TOKEN_REFUSED = (
    "Meta menolak WHATSAPP_TOKEN atau WHATSAPP_PHONE_NUMBER_ID. Periksa keduanya (lihat README)."
)

NO_CHANNEL = (
    "Belum ada saluran yang diatur: isi TELEGRAM_BOT_TOKEN untuk Telegram, atau pengaturan "
    "WHATSAPP_* untuk WhatsApp (lihat README)."
)

# Operations: settings, the database, the process (each one line on standard error, exit 2).
CONFIG_INVALID = (
    "Pengaturan {name} tidak valid: {problem}. Perbaiki di lingkungan atau berkas .env."
)

CONFIG_NOT_INTEGER = "harus bilangan bulat"

CONFIG_NOT_NUMBER = "harus angka"

CONFIG_NOT_BOOL = "harus true atau false"

CONFIG_LOG_LEVEL = "pilih salah satu dari DEBUG, INFO, WARNING, ERROR, CRITICAL"

CONFIG_WEB_ADDRESS = "isi dengan alamat web lengkap, mis. https://lsp.sekolah.sch.id"

CONFIG_UNREADABLE = "nilainya tidak dapat dibaca"

DB_URL_INVALID = (
    "DATABASE_URL tidak dapat dibaca. Contoh: sqlite:///./data/lsp-bot.db atau "
    "postgresql+psycopg://pengguna@host/nama_basis_data."
)

DB_DRIVER_MISSING = (
    "Driver basis data untuk {backend} belum terpasang. Pasang dengan: "
    "pip install 'lsp-bot[postgres]'."
)

DB_FOLDER_MISSING = (
    "Folder basis data {folder} tidak ada. Buat folder itu dulu atau perbaiki DATABASE_URL."
)

DB_UNSUPPORTED = (
    "Basis data {backend} tidak didukung. lsp-bot memakai SQLite (sqlite:///...) atau "
    "PostgreSQL (postgresql+psycopg://...)."
)

DB_FOLDER_MADE = "Folder basis data dibuat: {folder}"

DB_NOT_CREATED = "Basis data belum dibuat ({url}). Jalankan dulu: lsp-bot init"

DB_UNREACHABLE = (
    "Basis data {url} tidak dapat dihubungi. Periksa DATABASE_URL, jaringan, dan apakah server "
    "basis data berjalan."
)

DB_SCHEMA_OLD = (
    "Skema basis data versi {current}, lsp-bot ini memerlukan versi {head}. Hentikan bot, "
    "cadangkan data (lsp-bot backup), lalu jalankan: lsp-bot migrate"
)

DB_SCHEMA_NEW = (
    "Basis data dibuat oleh lsp-bot yang lebih baru (skema {current}, yang ini {head}). "
    "Perbarui lsp-bot."
)

MIGRATE_DONE = "Skema basis data diperbarui dari versi {before} ke versi {head}."

MIGRATE_CURRENT = "Skema basis data sudah versi terbaru ({head})."

PORT_TAKEN = "Port {port} di {host} sudah dipakai program lain. Ubah PORT atau HOST."

SHUTDOWN_OVERDUE = (
    "lsp-bot tidak selesai berhenti dalam {seconds} detik; dihentikan paksa. "
    "Keadaan setiap utas dicetak di bawah ini untuk laporan masalah."
)

UNREACHABLE_RETRY = (
    "Tidak dapat terhubung ({reason}); percobaan ke-{attempt}, dicoba lagi dalam {delay:.0f} detik."
)

BACKUP_DONE = "Cadangan basis data tersimpan: {path} ({size})"

BACKUP_SQLITE_ONLY = (
    "lsp-bot backup hanya untuk SQLite. Untuk PostgreSQL pakai pg_dump (lihat README, Cadangan)."
)

BACKUP_EXISTS = "Berkas {path} sudah ada; pilih nama lain dengan --out."

RESTORE_DONE = (
    "Basis data dipulihkan dari {source} ke {target}. Jalankan lsp-bot migrate bila diminta."
)

RESTORE_NOT_BACKUP = "Berkas {source} bukan cadangan basis data lsp-bot."

RESTORE_TARGET_EXISTS = (
    "Basis data {target} sudah ada. Hentikan bot dan tambahkan --replace untuk menimpanya "
    "(yang lama disimpan sebagai {saved})."
)
ARCHIVE_FILE_NEEDED = "Sebutkan berkas arsipnya: lsp-bot archive verify BERKAS.zip"
ARCHIVE_OUT_NEEDED = "Sebutkan berkas tujuannya: lsp-bot archive --period 2026-II --out arsip.zip"
