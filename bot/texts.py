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
    "Draft {title} {period} (dibuat {at}).\n"
    "Kelengkapan: {complete} dari {total} bagian lengkap/nihil."
)
FINAL_REFUSED = (
    "Laporan final {period} belum dapat dibuat: bagian berikut belum lengkap.\n{missing}\n"
    "Minta yang bersangkutan mengisi, atau nyatakan nihil bila memang tidak ada kegiatan. "
    "Kirim /draft untuk melihat isinya."
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
    "berkas mungkin telah diubah atau disimpan ulang. Ambil salinan asli dengan "
    "lsp-bot report get {version}."
)
REPORT_SAVED = "Berkas disimpan di:"
PROFILE_SHOWN = (
    "Profil LSP:\nNama: {name}\nAlamat: {address}\nNomor lisensi BNSP: {licence_number}\n"
    "Kota (tanda tangan): {city}\nAwalan nomor dokumen: {document_prefix}\n"
    "Distribusi: {distribution}"
)
NO_ADMIN_NAME = "Manajer Administrasi"
