"""Indonesian text the outer layer shows (CLI output and channel-level apologies)."""

APOLOGY = (
    "Maaf, terjadi gangguan saat memproses pesan Anda. Jawaban yang sudah tersimpan tetap aman. "
    "Silakan coba lagi sebentar lagi."
)
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
CONSOLE_MULTIPLE = "Balas dengan nomornya, pisahkan dengan koma (mis. 1,3)."
CONSOLE_HELLO = "lsp-bot konsol sebagai '{user}'. Ketik pesan lalu Enter; Ctrl-D untuk keluar."

# Reports (/draft, /final, /laporan, /ekspor and `lsp-bot report ...`).
REPORT_ADMIN_ONLY = (
    "Maaf, laporan hanya dapat diminta oleh Manajer Administrasi. "
    "Ketik /status untuk melihat bagian Anda."
)
REPORT_UNKNOWN_PERIOD = (
    "Periode '{text}' tidak dikenal. Tulis tahun dan semester, misalnya: 2026-II atau 2027-I."
)
DRAFT_READY = (
    "Draf {title} {period} (data per {at}).\n"
    "Kelengkapan: {complete} dari {total} bagian lengkap atau dinyatakan nihil."
)
DRAFT_CHECKS = (
    "Pemeriksaan silang: {count} angka belum sama dengan register sertifikat (lihat halaman "
    "Pemeriksaan Silang)."
)
DRAFT_PROFILE = "Profil LSP belum lengkap: {fields} (/profil)."
FINAL_REFUSED = (
    "Laporan final {period} belum dapat dibuat.\n\n{reasons}\n\nKirim /draft untuk melihat isinya."
)
FINAL_REFUSED_MISSING = (
    "Bagian berikut belum lengkap:\n{lines}\nMinta yang bersangkutan mengisi, atau nyatakan "
    "nihil bila memang tidak ada kegiatan."
)
FINAL_REFUSED_PROFILE = (
    "Profil LSP belum lengkap (dicetak di sampul dan pengesahan):\n{lines}\n"
    "Di server: lsp-bot profile --name ... --licence ... --prefix ... --city ... "
    "--chair-name ... --manager-name ..."
)
FINAL_PROFILE_LINE = "- {field}: {chat}"
FINAL_REFUSED_CHECK = (
    "Angka yang diisi tidak sama dengan register sertifikat (Pemeriksaan silang, rinciannya "
    "di /draft):\n{lines}"
)
FINAL_CHECK_LINE = (
    "- {topic}, {subject}: diisi {typed} ({typed_by}), register {register} ({register_from}). {fix}"
)
EDITION_SEMESTER = "penerbitan sertifikat {period}"
EDITION_ISSUANCE = "penerbitan sertifikat no. {number} ({period})"
EDITION_ISSUANCE_SUFFIX = ", penerbitan no. {number}"
ISSUANCE_UNKNOWN = "Penerbitan nomor {number} tidak ada. Kirim /sertifikat untuk ringkasannya."
FINAL_TOO_EARLY = (
    "Laporan final {period} baru dapat dibuat mulai {date}, setelah semester berakhir. "
    "Sampai saat itu kirim /draft untuk melihat isinya."
)
FINAL_MISSING_LINE = "- {clause} {title}: ditunggu dari {owed}"
FINAL_MADE = (
    "Laporan final {period} versi {version} dibuat.\nNomor dokumen: {number}\nSHA-256 berkas: {sha}"
)
FINAL_UNCHANGED = (
    "Data tidak berubah sejak laporan final versi {version} ({at}); "
    "berikut dokumen yang sama.\nNomor dokumen: {number}\nSHA-256 berkas: {sha}"
)
FINALS_NONE = "Belum ada laporan final untuk {period}. Kirim /final bila semua bagian lengkap."
FINALS_LIST = "Laporan final {period}:"
FINALS_LINE = "- Versi {version}: {at}, oleh {by}, SHA-256 {sha}"
FINALS_HOW = "Kirim /laporan NOMOR_VERSI untuk menerima berkasnya, mis. /laporan {version}."
FINAL_NOT_FOUND = "Laporan final {period} versi {version} tidak ada. {available}"
FINAL_AVAILABLE = "Versi yang ada: {versions}."
FINAL_SENT = "Laporan final {period} versi {version} (dibuat {at}).\nSHA-256 berkas: {sha}"
EXPORT_READY = "Semua data {period} dalam satu berkas Excel (satu lembar per bagian)."
VERIFY_MATCH = (
    "COCOK: berkas ini adalah laporan final tersimpan.\n"
    "{title} {period}, nomor {number}, versi {version}, dibuat {at} oleh {by}.\nSHA-256: {sha}"
)
VERIFY_NO_MATCH = (
    "TIDAK COCOK: berkas ini bukan laporan final yang tersimpan (SHA-256 {sha}).{hint}"
)
VERIFY_HINT = (
    "\nTeksnya menyebut {number} versi {version}, tetapi isinya berbeda dari yang tersimpan: "
    "berkas mungkin telah diubah atau disimpan ulang. Ambil salinan asli dengan {fetch}."
)
VERIFY_HINT_UNKNOWN = (
    "\nTeksnya menyebut {number} versi {version}, tetapi tidak ada laporan final tersimpan "
    "dengan nomor dan versi itu."
)
SIGNATURE_NONE = "Tanda tangan elektronik: tidak ada."
SIGNATURE_BROKEN = (
    "Tanda tangan elektronik: RUSAK. Berkas telah diubah setelah ditandatangani oleh {signer}."
)
SIGNATURE_VALID = "Tanda tangan elektronik: sah, oleh {signer}, {at}{stamp}."
SIGNATURE_TIMESTAMPED = " (menurut cap waktu otoritas)"
SIGNATURE_PARTIAL = " Namun berkas ditambah setelah ditandatangani: bagian tambahan tidak dijamin."
SIGNATURE_OURS = " Sertifikatnya adalah sertifikat penanda tangan LSP ini."
SIGNATURE_NOT_OURS = " Sertifikatnya BUKAN sertifikat penanda tangan LSP ini."
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
REPORT_SAVED = "Berkas disimpan di:"
FETCH_CLI = "lsp-bot report get {version}"
FETCH_CHAT = "/laporan {version}"
PROFILE_SHOWN = (
    "Profil LSP:\nNama: {name}\nAlamat: {address}\nNomor lisensi BNSP: {licence_number}\n"
    "Kota (tanda tangan): {city}\nAwalan nomor dokumen: {document_prefix}\n"
    "Distribusi: {distribution}\n"
    "Manajer Administrasi (menyusun): {manager}\nKetua LSP (mengetahui): {chair}"
)
PROFILE_NOBODY = "- (belum diisi)"
PROFILE_BAD_VALUE = (
    "Isian tidak dapat dipakai: tulis teks biasa, paling banyak 300 karakter "
    "(distribusi: nama penerima dipisah titik koma)."
)
PROFILE_CHAT_USAGE = (
    "Cara mengubah: /profil KATA ISI, mis.\n"
    "/profil ketua Drs. H. Ahmad Yani, M.Pd.\n"
    "/profil nip-ketua NIP 19700101 199501 1 001\n"
    "/profil manajer Siti Rahmah, S.Pd.\n"
    "/profil nip-manajer NIP 19800202 200501 2 002\n"
    "Kata lain: nama, alamat, lisensi, kota, awalan, distribusi (dipisah titik koma)."
)

# Members (/anggota and `lsp-bot members`).
MEMBERS_HEADER = "Anggota tim ({active} aktif, {inactive} nonaktif):"
MEMBER_LINE = "[{id}] {name}{inactive}: {roles}; {channels}; {last}"
MEMBER_INACTIVE_MARK = " (nonaktif)"
MEMBER_NO_ROLE = "tanpa peran"
MEMBER_UNREACHABLE = " (tidak dapat dihubungi: {reason}, sejak {since})"
MEMBER_LAST = "pesan terakhir {at}"
MEMBER_NEVER = "belum pernah menulis"
MEMBERS_INVITES = "Undangan yang belum dipakai:"
MEMBERS_INVITE_LINE = "- {code}: {role}{name}, berlaku sampai {expires}"
MEMBERS_USAGE = (
    "Cara mengubah (NOMOR dalam kurung siku di daftar):\n"
    "/anggota NOMOR nama NAMA LENGKAP\n"
    "/anggota NOMOR tambah-peran PERAN  /  /anggota NOMOR hapus-peran PERAN\n"
    "/anggota NOMOR nonaktifkan  /  /anggota NOMOR aktifkan\n"
    "/anggota batal KODE - batalkan undangan yang belum dipakai"
)
MEMBER_UNKNOWN = "Tidak ada anggota nomor {id}. Kirim /anggota untuk melihat daftarnya."
MEMBER_BAD_NAME = "Tulis nama lengkap {low}-{high} karakter."
MEMBER_RENAMED = "Nama {old} diubah menjadi {new}. Laporan berikutnya memakai nama baru."
MEMBER_HAS_ROLE = "{name} sudah memegang peran {role}."
MEMBER_LACKS_ROLE = "{name} tidak memegang peran {role}."
MEMBER_ROLE_ADDED = "Peran {role} ditambahkan untuk {name}."
MEMBER_ROLE_REMOVED = "Peran {role} dicabut dari {name}."
MEMBER_LAST_ADMIN = (
    "Tidak dapat: ini Manajer Administrasi aktif terakhir. Undang atau aktifkan admin lain dulu."
)
MEMBER_DEACTIVATED = (
    "{name} dinonaktifkan: tidak dapat memakai bot lagi dan tidak lagi ditunggu isiannya. "
    "Semua data yang sudah diberikannya tetap tersimpan atas namanya."
)
MEMBER_ACTIVATED = "{name} diaktifkan kembali."
MEMBER_ALREADY_ACTIVE = "{name} sudah aktif."
MEMBER_ALREADY_INACTIVE = "{name} sudah nonaktif."
INVITE_WITHDRAWN = "Undangan {code} dibatalkan; kodenya tidak dapat dipakai lagi."
INVITE_NOT_OPEN = "Tidak ada undangan {code} yang belum dipakai."
INIT_ASK_NAME = "Nama lengkap Manajer Administrasi (untuk laporan, boleh dikosongkan): "
NO_ADMIN_NAME = "Manajer Administrasi"

# Telegram (bot/channels/telegram/).
TG_INVITE_LINK = "Atau cukup buka tautan ini dari akun Telegram penerima:\n{link}"
TG_DONE_BUTTON = "✔ Selesai memilih"
TG_MULTIPLE = "Centang satu atau lebih, lalu tekan ✔ Selesai memilih."
TG_CHOSEN = "➡️ {label}"
TG_CHOOSE_FIRST = "Centang minimal satu pilihan, lalu tekan Selesai."
TG_STALE_BUTTON = "Tombol ini dari pesan lama dan sudah tidak berlaku. Gunakan pesan terakhir."
TG_TEXT_ONLY = (
    "Maaf, saya hanya membaca pesan teks. Jawab pertanyaan dengan mengetik atau menekan tombol."
)
TG_EDITED = (
    "Pesan yang diubah tidak dibaca ulang. Untuk mengubah jawaban, buka bagiannya lewat /menu "
    "lalu pilih Ubah."
)
TG_GROUP = (
    "Laporan diisi lewat chat pribadi agar data tiap orang tidak terlihat di grup. "
    "Silakan bicara dengan saya di sini: https://t.me/{username}"
)
TG_DOCUMENT_NOT_PDF = (
    "Saya hanya dapat memeriksa berkas PDF laporan final dan menyimpan daftar sertifikat "
    "(Excel .xlsx atau CSV). Untuk menjawab pertanyaan, ketik jawabannya."
)
TG_DOCUMENT_TOO_LARGE = "Berkas terlalu besar untuk diperiksa lewat Telegram (batas 20 MB)."
DOCUMENT_ADMIN_ONLY = "Pemeriksaan berkas laporan hanya untuk Manajer Administrasi."
TG_FILE_TOO_LARGE = (
    "Berkas {filename} ({size}) melebihi batas kirim Telegram 50 MB. "
    "Ambil dari server dengan perintah lsp-bot report."
)
TG_TOKEN_MISSING = (
    "TELEGRAM_BOT_TOKEN belum diisi. Buat bot lewat @BotFather, lalu isi tokennya di berkas .env "
    "atau variabel lingkungan (lihat README)."
)
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

# Reminders (bot/reminders/): to members, the admin's digest, /tenggat, /ingatkan, the CLI.
WHEN_TODAY = "hari ini"
WHEN_TOMORROW = "besok"
WHEN_DAYS = "{days} hari lagi"
WHEN_OVERDUE = "sudah lewat {days} hari"
REMINDER_FROM_ADMIN = "📣 Pengingat dari Manajer Administrasi."
REMINDER_BEFORE = (
    "⏰ Pengingat laporan LSP, {period}.\n"
    "Batas pengisian data: {deadline} ({when}).\n\n"
    "Bagian yang belum Anda kirim:\n{sections}\n\n"
    "Ketuk tombol di bawah atau ketik /isi {first} untuk melanjutkan. Bila memang tidak ada "
    "kegiatan, nyatakan nihil di bagian itu."
)
REMINDER_AFTER = (
    "⚠️ Batas pengisian data {period} ({deadline}) sudah lewat, dan bagian berikut belum Anda "
    "kirim:\n{sections}\n\n"
    "Anda masih dapat mengirimnya sampai {final} agar masuk laporan final. Ketuk tombol di "
    "bawah atau ketik /isi {first}."
)
REMINDER_SECTION = "- {key} {title}"
REMINDER_BUTTON = "✏️ Isi {key} {title}"
DIGEST = "📋 Ringkasan harian laporan {period}\nLaporan final jatuh tempo {final} ({when})."
GIST_DIGEST = "ringkasan laporan {period} ({open} bagian belum lengkap)"
GIST_EXPIRING = "{count} sertifikat yang segera habis masa berlakunya"
DIGEST_OPEN = "Belum lengkap ({count} dari {total} bagian):\n{lines}"
DIGEST_LINE = "- {key} {title}: ditunggu dari {names}"
DIGEST_LINE_NOBODY = "- {key} {title}: belum ada {role}, jadi menunggu Manajer Administrasi"
DIGEST_MORE = "{names} dan {more} lainnya"
DIGEST_UNREACHABLE = "Tidak dapat dihubungi bot, jadi tidak menerima pengingat:\n{lines}"
DIGEST_UNREACHABLE_LINE = "- {name}: {reason} (sejak {since})"
UNREACHABLE_REASONS = {
    "blocked": "memblokir bot",
    "deactivated": "akun Telegram sudah dihapus",
    "not_found": "chat tidak ditemukan",
    "failed": "pesan WhatsApp tidak terkirim",
    "window": "tidak membalas WhatsApp lebih dari 24 jam dan templat pengingat ditolak",
}
UNREACHABLE_OTHER = "pesan ditolak"
DIGEST_ASK = (
    "Ketik /ingatkan {code} untuk mengingatkan mereka sekarang, atau /draft {code} untuk melihat "
    "isinya."
)
DIGEST_COMPLETE = (
    "Semua bagian sudah lengkap atau nihil. Kirim /final {code} untuk membuat laporan final."
)
BUTTON_REMIND = "📣 Ingatkan sekarang"
BUTTON_DRAFT = "📄 Lihat draf"
BUTTON_FINAL = "✅ Buat laporan final"

DEADLINES_SHOWN = (
    "Tenggat {period}:\n"
    "- pengisian data: {data}\n"
    "- laporan final: {final}\n"
    "{who}\n\n"
    "Pengingat pukul {time} WITA: {before} hari sebelum tenggat data; setiap hari sampai "
    "{after} hari sesudahnya bagi yang belum mengirim; ringkasan harian untuk Manajer "
    "Administrasi mulai {digest} hari sebelum tenggat laporan final."
)
DEADLINES_DEFAULT = "(tenggat bawaan)"
DEADLINES_SET_BY = "(diubah oleh {name}, {at})"
DEADLINES_USAGE = (
    "Cara mengubah:\n"
    "/tenggat data 14-01-2027 - tenggat pengisian data\n"
    "/tenggat final 31-01-2027 - tenggat laporan final\n"
    "/tenggat pengingat 7,3,1 - berapa hari sebelum tenggat data pengingat dikirim\n"
    "/tenggat susulan 3 - berapa hari sesudah tenggat data yang belum mengirim diingatkan\n"
    "/tenggat ringkasan 3 - mulai berapa hari sebelum tenggat final ringkasan dikirim\n"
    "Tambahkan periode bila perlu, mis. /tenggat 2027-I data 07-07-2027."
)
DEADLINE_CHANGED = (
    "Tenggat {which} {period} diubah menjadi {date}. Pengingat mengikuti tenggat baru."
)
DEADLINE_WHICH = {"data": "pengisian data", "final": "laporan final"}
DEADLINE_BAD_DATE = (
    "Tanggal '{text}' tidak dapat dibaca. Tulis seperti 14-01-2027 atau 14 Januari 2027."
)
DEADLINE_BEFORE_END = (
    "Tenggat harus sesudah semester berakhir ({end}): datanya baru lengkap setelah itu."
)
DEADLINE_ORDER = (
    "Tenggat pengisian data ({data}) tidak boleh sesudah tenggat laporan final ({final})."
)
DEADLINE_TOO_FAR = "Tenggat paling lambat {latest} (enam bulan setelah semester berakhir)."
PLAN_CHANGED = "Jadwal pengingat diubah. Berlaku mulai sekarang, tanpa perlu memulai ulang bot."
PLAN_BAD_DAYS = (
    "Tulis jumlah hari sebagai angka 0-200, dipisah koma untuk beberapa, mis. /tenggat pengingat "
    "7,3,1."
)
REMIND_QUEUED = (
    "Pengingat untuk {period} dikirim ke {count} orang yang belum mengisi{section}. "
    "Yang tidak dapat dihubungi bot akan tercantum di ringkasan harian."
)
REMIND_SECTION = " bagian {key}"
REMIND_NOBODY = "Tidak ada yang perlu diingatkan untuk {period}{section}: semua sudah mengirim."
REMIND_UNKNOWN_SECTION = "Bagian '{text}' tidak dikenal. Contoh: /ingatkan 2.5"
REMINDERS_NONE = "Tidak ada pengingat yang jatuh tempo pada {at}."
REMINDERS_LINE = "{occasion}\t{name}\t{identity}\t{outcome}"
REMINDERS_SKIPPED = "{occasion}\t(dilewati: {why})"
SKIP_REASONS = {
    "superseded": "ada pengingat yang lebih baru dari rangkaian yang sama",
    "expired": "tenggat yang diingatkannya sudah lewat",
}
REMINDERS_NEED_TOKEN = (
    "Untuk mengirim pengingat, TELEGRAM_BOT_TOKEN harus diisi. Gunakan --dry-run untuk melihat "
    "daftarnya saja."
)
REMINDERS_BAD_AT = "--at harus tanggal dan jam ISO, mis. 2027-01-04T09:00+08:00 (tanpa zona: WITA)."

# Reminders of certificates about to expire.
EXPIRY_DIGEST = (
    "📅 Sertifikat yang habis masa berlakunya dalam tiga bulan ke depan: {count}. Pemegangnya "
    "perlu sertifikasi ulang."
)
BUTTON_EXPIRING = "📅 Lihat daftar lengkap"

# --- WhatsApp -----------------------------------------------------------------------------------
WA_ANSWER_BY_NUMBER = "Balas dengan nomor atau nama pilihannya."
WA_CHOOSE = "Pilih jawaban Anda:"
WA_LIST_BUTTON = "Lihat pilihan"
WA_INVITE_LINK = "Atau cukup buka tautan ini dari WhatsApp penerima:\n{link}"
WA_FILE_TOO_LARGE = (
    "Berkas {filename} ({size}) melebihi batas kirim WhatsApp 100 MB. "
    "Ambil dari server dengan perintah lsp-bot report."
)
WA_STALE_BUTTON = (
    "Tombol itu dari pesan lama dan sudah tidak berlaku. Jawab pertanyaan pada pesan terakhir."
)
WA_UNSUPPORTED = (
    "Maaf, saya hanya membaca pesan teks, tombol, dan berkas. Jawab pertanyaan dengan mengetik "
    "atau menekan tombol."
)
WA_DOCUMENT_TOO_LARGE = "Berkas terlalu besar untuk diperiksa lewat WhatsApp (batas 20 MB)."
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
