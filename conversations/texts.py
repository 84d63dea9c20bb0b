"""Every Indonesian sentence the conversation engine sends, in one place for review."""

from enum import StrEnum

from storage.enums import Role, SubmissionStatus

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

ROLE_NAMES: dict[Role, str] = {
    Role.ADMIN: "Manajer Administrasi",
    Role.KOMITE_SKEMA: "Komite Skema",
    Role.KOORDINATOR_TUK: "Koordinator TUK",
    Role.ASESOR: "Asesor",
    Role.SURVEILAN: "Petugas Surveilan",
}

STATUS_NAMES: dict[SubmissionStatus | None, str] = {
    None: "belum diisi",
    SubmissionStatus.DRAFT: "belum dikirim",
    SubmissionStatus.SUBMITTED: "terkirim",
    SubmissionStatus.NIHIL: "dinyatakan nihil",
    SubmissionStatus.RETURNED: "dikembalikan",
    SubmissionStatus.ACCEPTED: "diterima",
}

STATUS_MARKS: dict[SubmissionStatus | None, str] = {
    None: "⬜",
    SubmissionStatus.DRAFT: "✏️",
    SubmissionStatus.SUBMITTED: "✅",
    SubmissionStatus.NIHIL: "➖",
    SubmissionStatus.RETURNED: "↩️",
    SubmissionStatus.ACCEPTED: "☑️",
}


class Invalid(StrEnum):
    """Why an answer was not accepted; each code has one message below."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_INTEGER = "not_integer"
    BELOW_MIN = "below_min"
    ABOVE_MAX = "above_max"
    DATE_FORMAT = "date_format"
    DATE_YEAR = "date_year"
    DATE_MONTH = "date_month"
    DATE_NO_SUCH_DAY = "date_no_such_day"
    NOT_A_CHOICE = "not_a_choice"
    NOT_YES_NO = "not_yes_no"
    REQUIRED = "required"


INVALID_MESSAGES: dict[Invalid, str] = {
    Invalid.EMPTY: "Jawaban tidak boleh kosong.",
    Invalid.TOO_LONG: "Jawaban terlalu panjang: paling banyak {max} karakter (Anda {length}).",
    Invalid.NOT_INTEGER: "Tulis satu angka bulat saja, misalnya 12.",
    Invalid.BELOW_MIN: "Angka paling kecil {min}.",
    Invalid.ABOVE_MAX: "Angka paling besar {max}.",
    Invalid.DATE_FORMAT: (
        "Tanggal tidak dikenali. Tulis seperti 24-11-2026, 24/11/2026 atau 24 November 2026."
    ),
    Invalid.DATE_YEAR: "Tulis tahun lengkap dengan 4 angka, antara 1990 dan 2100.",
    Invalid.DATE_MONTH: 'Bulan "{month}" tidak dikenali. Tulis 1-12 atau nama bulan.',
    Invalid.DATE_NO_SUCH_DAY: "Tanggal {day} tidak ada di bulan {month} {year}.",
    Invalid.NOT_A_CHOICE: (
        '"{given}" tidak ada di pilihan. Pilih salah satu pilihan yang tersedia '
        "(atau ketik nomor urutnya, 1 sampai {count})."
    ),
    Invalid.NOT_YES_NO: "Jawab dengan ya atau tidak.",
    Invalid.REQUIRED: "Pertanyaan ini wajib dijawab, tidak dapat dilewati.",
}

YES_WORDS = frozenset({"ya", "y", "iya", "yes", "ok", "oke", "benar", "betul", "ada", "sudah"})
NO_WORDS = frozenset(
    {"tidak", "t", "tdk", "no", "n", "nggak", "enggak", "gak", "ga", "tak", "belum", "tidak ada"}
)
YES, NO = "Ya", "Tidak"

UNKNOWN_PERSON = (
    "Maaf, nomor/akun ini belum terdaftar sebagai anggota tim pelaporan LSP.\n"
    "Untuk bergabung, mintalah kode undangan kepada Manajer Administrasi LSP, "
    "lalu kirim: /start KODE"
)
INACTIVE = "Akun Anda sedang dinonaktifkan. Hubungi Manajer Administrasi LSP."
INVITE_INVALID = (
    "Kode undangan tidak dikenal, sudah dipakai, atau sudah kedaluwarsa. "
    "Mintalah kode baru kepada Manajer Administrasi."
)
WELCOME = "Selamat datang, {name}! Anda terdaftar sebagai {role}."
ROLE_ADDED = "Peran {role} ditambahkan ke akun Anda."
ALREADY_HAS_ROLE = "Anda sudah terdaftar sebagai {role}."

MENU_HEADER = "Periode pelaporan: {period} (batas pengisian data {deadline})."
MENU_LOCKED = "Batas pengisian data sudah lewat: jawaban hanya dapat dilihat."
MENU_LATE = (
    "Batas pengisian data sudah lewat, tetapi bagian yang belum Anda kirim masih dapat diisi "
    "sampai {final} agar masuk laporan final."
)
MENU_PROMPT = "Pilih bagian yang ingin diisi:"
REVIEW_CARRIED_MARK = " ↺"
REVIEW_CARRIED_LEGEND = "↺ dikonfirmasi dari semester lalu"
MENU_CARRY = "Bisa dikonfirmasi dari semester lalu, cukup beberapa ketukan: {sections}."
MENU_TEAM_LEGEND = (
    "Tanda menunjukkan keadaan seluruh tim: ✅ lengkap, ➖ dinyatakan nihil, ⬜ belum lengkap."
)
OTHERS_HEADER = "Data yang sudah ada dari anggota lain di bagian ini:"
OTHERS_LINE = "- {name} ({role}), {status}: {what}"
OTHERS_ENTRIES = "{count} {repeat} ({names})"
OTHERS_ANSWERS = "{count} jawaban"
OTHERS_MORE = "- dan {more} anggota lainnya (lihat /draft)"
OTHERS_FOOTER = "Isian Anda ditambahkan di samping data mereka; data mereka tidak berubah."
NIHIL_REFUSED_OTHERS = (
    "Bagian {key} {title} tidak dapat dinyatakan nihil: anggota berikut sudah mengirim data."
)
MENU_NONE = "Peran Anda belum memiliki bagian laporan untuk diisi."
NOT_IN_MENU = 'Pilihan "{given}" tidak ada di daftar.'
NOT_YOUR_SECTION = "Bagian {key} bukan tugas peran Anda."

SECTION_START = (
    "Bagian {key} {title}\n{intro}\n"
    "Jawaban tersimpan setiap kali Anda menjawab. Ketik /batal untuk kembali ke menu, "
    "/lewati untuk melewati pertanyaan yang tidak wajib, /nihil bila tidak ada yang dilaporkan."
)
QUESTION = "{label}"
QUESTION_ENTRY = "{repeat} ke-{entry}: {label}"
QUESTION_OPTIONAL = "(boleh dilewati: /lewati)"
CURRENT_VALUE = "Jawaban sekarang: {value}"
SAVED_SKIPPED = "Dilewati."
ADD_ANOTHER = "Tambah {repeat} lain?"
CANNOT_SKIP_HERE = "Tidak ada pertanyaan yang dapat dilewati saat ini."
DATE_ORDER = "{later} ({later_value}) tidak boleh sebelum {earlier} ({earlier_value})."
CONFIRM_OUT_OF_PERIOD = "{label}: {value} berada di luar {period} ({starts} sampai {ends}). Benar?"

REVIEW_HEADER = "Ringkasan bagian {key} {title} ({status}):"
REVIEW_ENTRY = "{repeat} ke-{entry}"
REVIEW_LINE = "{number}. {label}: {value}"
REVIEW_PROMPT_DRAFT = "Periksa jawaban Anda. Kirim bila sudah benar, atau ubah salah satunya."
REVIEW_PROMPT_SENT = (
    "Bagian ini sudah terkirim. Anda masih dapat mengubah jawaban sampai {deadline}."
)
REVIEW_PROMPT_LOCKED = "Batas pengisian data ({deadline}) sudah lewat: jawaban tidak dapat diubah."
SKIPPED_VALUE = "(dilewati)"
OPT_SUBMIT = "Kirim"
OPT_EDIT = "Ubah jawaban"
OPT_ADD = "Tambah {repeat}"
OPT_DELETE = "Hapus {repeat}"
OPT_DONE = "Selesai"
OPT_MENU = "Kembali ke menu"
OPT_FILL = "Isi bagian ini"
PICK_ANSWER = "Nomor jawaban yang ingin diubah? (1-{count})"
NO_SUCH_ANSWER = 'Tidak ada jawaban nomor "{given}". Pilih 1 sampai {count}.'
CHANGED = "Jawaban diubah."
PICK_DELETE = "Nomor {repeat} yang ingin dihapus? (1-{count})"
NO_SUCH_ENTRY = 'Tidak ada {repeat} nomor "{given}". Pilih 1 sampai {count}.'
DELETE_CONFIRM = (
    "Hapus {repeat} ke-{position} ({name}) dari laporan? Riwayat jawabannya tetap tersimpan."
)
DELETED = "{repeat} ke-{position} dihapus."
NOT_DELETED = "Tidak jadi dihapus."
SUBMITTED = (
    "Terima kasih, bagian {key} {title} sudah terkirim. "
    "Anda masih dapat mengubahnya sampai {deadline}."
)
SUBMITTED_LATE = (
    "Terima kasih, bagian {key} {title} sudah terkirim (setelah batas {deadline}). "
    "Bila ada yang perlu diperbaiki, hubungi Manajer Administrasi."
)

NIHIL_CONFIRM = (
    "Nyatakan bagian {key} {title} nihil (tidak ada yang dilaporkan) untuk {period}? "
    "Jawaban yang sudah diisi tetap tersimpan, tetapi tidak dimasukkan ke laporan."
)
NIHIL_DONE = "Bagian {key} dinyatakan nihil untuk {period}."
NIHIL_NOT_DONE = "Tidak jadi. Bagian {key} tidak diubah."
NIHIL_NO_SECTION = "Pilih dulu bagian yang ingin dinyatakan nihil dari menu, lalu ketik /nihil."
NIHIL_SECTION = "Bagian {key} {title} dinyatakan nihil untuk periode ini."

PERIOD_CHANGED = (
    "Periode pengisian sudah berganti ke {period}. Jawaban periode sebelumnya tetap tersimpan."
)
CANCELLED = "Dibatalkan. Jawaban yang sudah tersimpan tetap aman."
LOCKED = (
    "Batas pengisian data periode ini ({deadline}) sudah lewat, jawaban tidak dapat diubah lagi. "
    "Hubungi Manajer Administrasi bila ada yang perlu diperbaiki."
)
UNKNOWN_COMMAND = "Perintah /{name} tidak dikenal. Ketik /bantuan untuk daftar perintah."
ADMIN_ONLY = "Maaf, perintah ini hanya untuk Manajer Administrasi."

STATUS_MINE = "Status bagian Anda untuk {period}:"
STATUS_TEAM = "Status seluruh anggota untuk {period}:"
STATUS_SECTION = "{mark} {key} {title}: {status}"
STATUS_OWES = "   belum: {names}"
STATUS_OWES_NONE = "   semua sudah mengisi"
STATUS_DONE = "   sudah: {names}"
STATUS_NOBODY = "   belum ada anggota dengan peran {role}: menjadi tugas Manajer Administrasi"
STATUS_MORE = "{names} dan {more} lainnya"

NAME_USAGE = (
    "Nama Anda di laporan: {name}\n"
    "Untuk mengubahnya, kirim nama lengkap Anda, mis.: /nama Siti Aminah, S.Pd."
)
NAME_INVALID = "Tulis nama lengkap {low}-{high} karakter, mis.: /nama Siti Aminah, S.Pd."
NAME_SET = "Nama Anda di laporan sekarang: {name}"

INVITE_USAGE = (
    "Cara membuat undangan: /undang PERAN [NAMA]\n"
    "Peran: admin, komite_skema, koordinator_tuk, asesor, surveilan.\n"
    "Contoh: /undang koordinator_tuk Siti Aminah"
)
INVITE_MADE = (
    "Kode undangan untuk {role}{name}: {code}\n"
    "Berlaku sampai {expires}, sekali pakai. Minta penerima mengirim: /start {code}"
)

# /bantuan: this, then a line per command of the registry (conversations/commands.py).
HELP = (
    "Bot ini membantu menghimpun data laporan kegiatan LSP kepada BNSP. "
    "Setiap jawaban langsung tersimpan, lengkap dengan siapa dan kapan mengisinya.\n\n"
    "Perintah:"
)
HELP_LINE = "{usage} - {description}"
HELP_ADMIN = "Untuk Manajer Administrasi:"
HELP_PERIOD = "(tambahkan periode bila perlu, mis. /draft 2026-I)"

# Revoking a certificate (/cabut, conversations/turn_revoke.py).
REVOKE_ASK_NUMBER = (
    "Nomor sertifikat yang akan dicabut? Ketik seperti tercetak di sertifikat (spasi boleh), "
    "mis. 45201 2452 2 0000115 2026. Ketik /batal untuk membatalkan."
)
REVOKE_UNKNOWN = "Sertifikat {number} tidak ada di register. Periksa nomornya lalu kirim lagi."
REVOKE_ALREADY = "Sertifikat {number} sudah dicabut sejak {on}. Tidak ada yang diubah."
REVOKE_FOUND = (
    "Sertifikat {number}\nPemegang: {holder}\nSkema: {scheme}\nTerbit: {issued}\n"
    "Berlaku sampai: {until}"
)
REVOKE_ASK_DATE = "Tanggal pencabutan berlaku? Contoh: 2-12-2026 atau 2 Desember 2026."
REVOKE_BEFORE_ISSUE = "Tanggal pencabutan tidak boleh sebelum tanggal terbit ({issued})."
REVOKE_AFTER_TODAY = "Tanggal pencabutan tidak boleh setelah hari ini ({today})."
REVOKE_ASK_REASON = "Alasan pencabutan?"
REVOKE_ASK_DECISION = (
    "Nomor keputusan pencabutan (mis. SK Ketua LSP No. 12/LSP/XII/2026)? Ketik /lewati bila "
    "belum ada."
)
REVOKE_NO_DECISION = "(belum disebut)"
REVOKE_CONFIRM = (
    "Cabut sertifikat {number} milik {holder} (skema {scheme}) per {on}?\nAlasan: {reason}\n"
    "Keputusan: {decision}\nPencabutan tercatat untuk selamanya dan tidak dapat dibatalkan."
)
REVOKE_YES = "Ya, cabut"
REVOKE_NO = "Tidak"
REVOKE_DONE = "Sertifikat {number} dicabut per {on}. Tercatat di register dan laporan."
REVOKE_NOT_DONE = "Tidak jadi. Sertifikat {number} tidak dicabut."
REVOKE_LEFT = "Pencabutan sertifikat {number} tidak dilanjutkan; tidak ada yang dicabut."

# Section states across the team (see conversations.progress).
STATE_NAMES = {"lengkap": "lengkap", "nihil": "dinyatakan nihil", "belum": "belum lengkap"}
STATE_MARKS = {"lengkap": "✅", "nihil": "➖", "belum": "⬜"}

LINK_CODE = (
    "Kode penautan akun Anda: {code}\nBerlaku 24 jam, sekali pakai. Kirim /start {code} (atau "
    "kodenya saja) dari akun lain Anda, mis. WhatsApp, agar pesan bot dan pengingat sampai di "
    "sana juga. Pengingat tetap dikirim satu kali saja."
)
LINKED = "Akun ini sekarang tertaut dengan {name}. Ketik /menu untuk melanjutkan."
LINK_ALREADY = (
    "Akun ini sudah terdaftar sebagai anggota, jadi tidak dapat ditautkan lagi. Kirim kode ini "
    "dari akun yang belum terdaftar."
)

# ----- last semester's data offered again (conversations/turn_carry.py) ---------------------
CARRY_TOP = "Data {whose} pada {period}:\n{lines}\nMasih sama?"
CARRY_YOURS = "Anda"
CARRY_OF = "yang dikirim {name}"
CARRY_ENTRIES = "Pada {period} {who} melaporkan {count} {repeat}:\n{lines}"
CARRY_YOU = "Anda"
CARRY_WHOLE = (
    "Pada {period} {who} melaporkan {count} {repeat}:\n{entries}\n"
    "Semuanya masih sama, atau periksa satu per satu?"
)
CARRY_WHOLE_ENTRY = "{position}. {name}\n{lines}"
CARRY_ALL_KEPT = "✓ {count} {repeat} disalin dari {period}; tinggal pertanyaan semester ini."
CARRY_CHOOSE_WHOLE = "Pilih salah satu: Semua masih sama atau Satu per satu."
CARRY_ENTRY = (
    "{repeat} ke-{position} semester lalu: {name}\n{lines}\n"
    "Masih sama, ada perubahan, atau tidak lagi?"
)
CARRY_LINE = "• {label}: {value}"
CARRY_KEPT = "✓ {name} disalin dari {period}; tinggal pertanyaan semester ini."
CARRY_TOP_KEPT = "✓ Disalin dari {period}; tinggal pertanyaan semester ini."
CARRY_GONE = "{name} tidak dimasukkan ke semester ini."
CARRY_CHANGE = 'Jawab yang berubah; untuk yang masih sama tekan "tetap" (atau ketik: tetap).'
CARRY_CHOOSE = "Pilih salah satu: Masih sama, Ada perubahan, atau Tidak lagi."
CARRY_CHOOSE_TOP = "Pilih salah satu: Masih sama atau Ada perubahan."
CARRY_LAST_VALUE = "Semester lalu: {value}"
CARRY_TYPE_KEEP = " (masih sama? ketik: tetap)"
NAMES_OFFERED = "Pilih nama yang sudah dikenal, atau ketik nama baru."
OPT_SAME = "Masih sama"
OPT_CHANGED = "Ada perubahan"
OPT_GONE = "Tidak lagi"
OPT_ALL_SAME = "Semua masih sama"
OPT_ONE_BY_ONE = "Satu per satu"
OPT_KEEP = "tetap: {value}"

# ----- evidence (conversations/turn_evidence.py) ---------------------------------------------
EVIDENCE_ASK = (
    "Kirim foto atau pindaian {what} sebagai bukti (foto atau PDF, boleh lebih dari satu, paling "
    "banyak {most}). Ketik /lewati bila tidak ada."
)
EVIDENCE_ASK_REPLACE = (
    "Bila buktinya juga berubah, kirim foto atau pindaian {what} yang baru (paling banyak "
    "{most}): berkas baru menggantikan bukti yang ada, yang lama tetap tersimpan di riwayat. "
    "Ketik /lewati untuk mempertahankan bukti yang ada."
)
EVIDENCE_ASK_REQUIRED = (
    "Kirim foto atau pindaian {what} sebagai bukti (foto atau PDF, wajib, paling banyak {most})."
)
EVIDENCE_STORED = "✓ Bukti tersimpan: {name} ({size}{pages})."
EVIDENCE_PAGES = ", {pages} halaman"
EVIDENCE_MORE = "Kirim berkas lain, atau ketik selesai."
EVIDENCE_FULL = "Sudah {most} berkas, batasnya untuk jawaban ini."
EVIDENCE_SEND_FILE = "Kirim berkasnya sebagai foto atau dokumen, atau ketik selesai."
EVIDENCE_REQUIRED = "Bukti untuk jawaban ini wajib: kirim sedikitnya satu berkas."
EVIDENCE_NOT_ASKED = "Berkas hanya diterima saat bot meminta bukti."
EVIDENCE_REFUSED = {
    "empty": "Berkas itu kosong (0 bita).",
    "too_large": "Berkas itu terlalu besar (lebih dari {limit}).",
    "not_accepted": "Berkas itu bukan foto (JPEG/PNG) atau PDF, apa pun namanya.",
    "too_many_pages": "PDF itu lebih dari {pages} halaman.",
}
EVIDENCE_DONE_WORDS = frozenset({"selesai", "lanjut", "sudah", "cukup", "tidak ada"})

# ----- the review of sent parts (conversations/turn_check.py) -------------------------------
CHECK_NONE = (
    "Tidak ada bagian terkirim yang menunggu diperiksa untuk {period}. Ketik /menu untuk "
    "kembali ke menu."
)
CHECK_LIST = (
    "Bagian terkirim yang belum diperiksa ({count}):\n{lines}\nPilih nomornya untuk membuka."
)
CHECK_LIST_LINE = "{number}. {key} {title} — {name}, dikirim {at}"
CHECK_LIST_MORE = "… dan {more} lagi (tampil setelah yang ini diperiksa)."
CHECK_PICK = "Pilih nomor 1 sampai {count}, atau ketik /batal."
CHECK_GONE = "Bagian itu sudah {status}; tidak perlu diperiksa lagi."
CHECK_PART_HEAD = "Bagian {key} {title} dari {name} ({status}):"
CHECK_FILES = "Bukti terlampir:\n{lines}"
CHECK_FILE_LINE = "• {label}: {name} ({kind}, {size})"
CHECK_NO_FILES = "Tidak ada bukti terlampir."
CHECK_ASK = "Terima bagian ini, atau kembalikan ke {name} untuk diperbaiki?"
CHECK_CHOOSE = "Pilih salah satu: Terima, Kembalikan, atau Daftar."
OPT_ACCEPT = "Terima"
OPT_RETURN = "Kembalikan"
OPT_LIST = "Daftar"
CHECK_ACCEPTED = "☑️ Bagian {key} dari {name} diterima."
CHECK_FIELDS = (
    "Jawaban mana yang perlu diperbaiki? Ketik nomornya dari ringkasan di atas, boleh lebih "
    "dari satu, mis. 3, 5 (1-{count})."
)
CHECK_FIELDS_BAD = 'Nomor "{given}" tidak ada. Ketik nomor 1 sampai {count}, mis. 3, 5.'
CHECK_NOTE = (
    "Catatan untuk {name}: apa yang perlu diperbaiki? Mis. tanggalnya tidak sesuai berita acara."
)
CHECK_NOTE_BAD = "Catatan perlu diisi (paling banyak {most} huruf)."
CHECK_RETURNED = (
    '↩️ Bagian {key} dikembalikan ke {name}, dengan catatan: "{note}"\n'
    "Yang perlu diperbaiki: {fields}.\n{name} diberi tahu sekarang; bagian ini kembali ke daftar "
    "periksa setelah dikirim ulang."
)
FIX_START = (
    'Bagian {key} {title} dikembalikan oleh {by} pada {at}:\n"{note}"\n'
    "Perbaiki {count} jawaban berikut, lalu kirim lagi."
)
FIX_NONE = "Bagian {key} tidak sedang dikembalikan; tidak ada yang perlu diperbaiki."
FIX_FIELD = "{label}"
