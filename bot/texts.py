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
