"""What the chat channels say themselves (Telegram and WhatsApp): stale buttons, files, what
they do not read."""

CONSOLE_NO_FILE = "Berkas {path} tidak dapat dibaca."
CONSOLE_MULTIPLE = "Balas dengan nomornya, pisahkan dengan koma (mis. 1,3)."

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

TG_FILE_TOO_LARGE = (
    "Berkas {filename} ({size}) melebihi batas kirim Telegram 50 MB. "
    "Ambil dari server dengan perintah lsp-bot report."
)

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
