"""What the report desk says: drafts, finals, the archive, verification, the export, and the
`lsp-bot report` command line."""

# Reports (/draft, /final, /laporan, /ekspor and `lsp-bot report ...`).
REPORT_ADMIN_ONLY = (
    "Maaf, laporan hanya dapat diminta oleh Manajer Administrasi. "
    "Ketik /status untuk melihat bagian Anda."
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
FINAL_REFUSED_RETURNED = (
    "Masih ada bagian yang dikembalikan dan belum dikirim ulang:\n{lines}\nFinal dapat dibuat "
    "setelah bagian itu diperbaiki dan dikirim lagi."
)
FINAL_RETURNED_LINE = '- {key} dari {name} (dikembalikan oleh {by}: "{note}")'

FINAL_MADE = (
    "Laporan final {period} versi {version} dibuat.\nNomor dokumen: {number}\nSHA-256 berkas: {sha}"
)

ATTACHMENT_LINE = "{name} ({relationship}) SHA-256 {sha}"
ATTACHMENTS_SAVED = "{count} berkas lampiran disimpan di {folder}"
ATTACHED_DATA = "Data laporan yang dibekukan (JSON); SHA-256-nya adalah sidik data laporan ini"
ATTACHED_SHEET = "Semua data periode ini saat laporan final dibuat (Excel)"
ATTACHED_EVIDENCE = "Bukti: {ref} — {answer}"

FINAL_TOO_BIG = (
    "Berkasnya {size} (bukti terlampir di dalamnya), lebih besar dari yang dapat dikirim lewat "
    "chat. Ambil di server: {command} --out laporan.pdf"
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
EVIDENCE_NOT_ON_WHATSAPP = (
    "WhatsApp tidak dapat mengirim berkas ZIP. Mintalah /ekspor bukti lewat Telegram, atau "
    "di server: lsp-bot export --evidence --period {code} --out bukti.zip"
)
EVIDENCE_TOO_BIG = (
    "Berkas bukti semester ini {size}, lebih besar dari yang dapat dikirim lewat chat. Ambil "
    "di server: lsp-bot export --evidence --period {code} --out bukti.zip"
)
EVIDENCE_READY = (
    "Semua berkas bukti {period} dalam satu berkas ZIP, dengan daftar SHA-256 setiap berkas "
    "(MANIFEST.txt dan MANIFEST.json) untuk memeriksa keasliannya."
)

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

FETCH_CLI = "lsp-bot report get {version}"

FETCH_CHAT = "/laporan {version}"

NO_ADMIN_NAME = "Manajer Administrasi"
