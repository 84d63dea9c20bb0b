"""Indonesian text more than one of the bot's capabilities shows (each capability keeps its own
in its texts module: bot/reports/texts.py, bot/members/texts.py, ...)."""

# The one reply to a message whose handling failed (the traceback goes to the log only).
APOLOGY = (
    "Maaf, terjadi gangguan saat memproses pesan Anda. Jawaban yang sudah tersimpan tetap aman. "
    "Silakan coba lagi sebentar lagi."
)


REPORT_UNKNOWN_PERIOD = (
    "Periode '{text}' tidak dikenal. Tulis tahun dan semester, misalnya: 2026-II atau 2027-I."
)
REPORT_SAVED = "Berkas disimpan di:"
PROFILE_BAD_VALUE = (
    "Isian tidak dapat dipakai: tulis teks biasa, paling banyak 300 karakter "
    "(distribusi: nama penerima dipisah titik koma)."
)
DOCUMENT_ADMIN_ONLY = "Pemeriksaan berkas laporan hanya untuk Manajer Administrasi."
TG_TOKEN_MISSING = (
    "TELEGRAM_BOT_TOKEN belum diisi. Buat bot lewat @BotFather, lalu isi tokennya di berkas .env "
    "atau variabel lingkungan (lihat README)."
)

UNREACHABLE_REASONS = {
    "blocked": "memblokir bot",
    "deactivated": "akun Telegram sudah dihapus",
    "not_found": "chat tidak ditemukan",
    "failed": "pesan WhatsApp tidak terkirim",
    "window": "tidak membalas WhatsApp lebih dari 24 jam dan templat pengingat ditolak",
}
UNREACHABLE_OTHER = "pesan ditolak"
