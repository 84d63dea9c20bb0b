"""What reminders say: to members, the admin's digest, /tenggat, /ingatkan, `lsp-bot reminders`."""

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
REMINDER_CONFIRMABLE = " (bisa dikonfirmasi dari semester lalu, cukup beberapa ketukan)"

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

# A part an admin returned, told to its owner at once (conversations/turn_check.py).
RETURNED = (
    '↩️ Bagian {key} {title} ({period}) dikembalikan oleh {by} untuk diperbaiki:\n"{note}"\n'
    "Yang perlu diperbaiki: {fields}.\nTekan Perbaiki untuk membukanya, lalu kirim lagi."
)
RETURNED_BUTTON = "↩️ Perbaiki {key}"
RETURNED_SUBJECT = "{key} {title} dikembalikan untuk diperbaiki"
REMINDER_RETURNED = ' (dikembalikan: "{note}")'
