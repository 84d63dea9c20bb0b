"""What the records capability says, in Indonesian (the chat and the CLI)."""

ARCHIVE_READY = (
    "Arsip {period}: {finals} laporan final, data periode (Excel) dan {evidence} berkas bukti, "
    "dengan daftar SHA-256 dan kode verifikasinya (MANIFEST.txt)."
)
ARCHIVE_NO_FINALS = (
    "Catatan: belum ada laporan final untuk {period}; arsip ini hanya berisi data dan bukti."
)
ARCHIVE_NOT_ON_WHATSAPP = (
    "WhatsApp tidak dapat mengirim berkas ZIP. Ambil arsipnya di server:\n"
    "lsp-bot archive --period {code} --out arsip-{code}.zip"
)
ARCHIVE_TOO_BIG = (
    "Arsipnya {size}, terlalu besar untuk dikirim lewat chat. Ambil di server:\n"
    "lsp-bot archive --period {code} --out arsip-{code}.zip"
)
ARCHIVE_SAVED = "Arsip {period} disimpan: {path}"

VERIFY_OK = "COCOK: arsip {period} utuh, {count} berkas sesuai daftarnya."
VERIFY_BAD = "TIDAK COCOK: {count} masalah pada arsip {period}:"
VERIFY_NOT_ARCHIVE = "TIDAK COCOK: {problem}"
VERIFY_DB_OK = (
    "Dibandingkan dengan basis data: {finals} laporan final tersimpan dengan SHA-256 dan kode "
    "yang sama; {evidence} berkas bukti tersimpan dengan SHA-256 yang sama."
)
VERIFY_DB_FINAL = "{path}: tidak ada laporan final tersimpan dengan SHA-256 ini."
VERIFY_DB_FINAL_CODE = "{path}: kode verifikasi di daftar ({code}) berbeda dari yang tersimpan."
VERIFY_DB_EVIDENCE = "{path}: tidak ada berkas bukti tersimpan dengan SHA-256 ini."
VERIFY_NO_DB = "Basis data tidak tersedia: arsip hanya diperiksa terhadap daftarnya sendiri."

RECORDS_HEAD = (
    "Masa simpan rekaman: {years} tahun setelah semester berakhir (RECORDS_KEEP_YEARS). "
    "Per {today}:"
)
RECORDS_LINE = (
    "- {period} (berakhir {ended}; disimpan sampai {until}): {finals} laporan final, "
    "{answers} jawaban, {evidence} berkas bukti ({megabytes} MB), {downloads} unduhan — {state}"
)
RECORDS_DUE = "SUDAH LEWAT masa simpan"
RECORDS_KEPT = "masih disimpan"
RECORDS_NONE_DUE = "Tidak ada rekaman yang lewat masa simpannya."
RECORDS_SOME_DUE = (
    "{count} periode lewat masa simpannya. lsp-bot tidak menghapus apa pun sendiri: simpan "
    "cadangan (lsp-bot backup) dan arsipnya (lsp-bot archive --period P --out F.zip) sebelum "
    "pemusnahannya diputuskan."
)
RECORDS_DOWNLOADS_HEAD = "Salinan yang diberikan ({period}):"
RECORDS_DOWNLOAD_LINE = "- {at}: {kind} {name} kepada {who} lewat {channel}; SHA-256 {sha}"
RECORDS_NO_DOWNLOADS = "Belum ada salinan yang diberikan untuk {period}."
AT_SERVER = "operator server"
KINDS = {"final": "laporan final", "draft": "draf", "export": "ekspor Excel",
         "evidence": "ZIP bukti", "archive": "arsip"}  # fmt: skip

EXTEND_NO_TSA = (
    "Perpanjangan cap waktu memerlukan layanan cap waktu (SIGNING_TSA_URL) dan kunci penanda "
    "tangan (SIGNING_PKCS12)."
)
EXTEND_LINE = "- {name}: cap waktu terakhir berlaku sampai {until} — {state}"
EXTEND_DONE = "diperpanjang (cap waktu baru sampai {until}); SHA-256 baru {sha}"
EXTEND_NOT_YET = "belum perlu"
EXTEND_UNSIGNED = "tidak bertanda tangan elektronik"
EXTEND_NO_STAMP = "tanpa cap waktu (B-B), tidak dapat diperpanjang"
EXTEND_FAILED = "gagal: {problem}"
EXTEND_SUMMARY = "{done} laporan final diperpanjang, {checked} diperiksa."
EXTEND_NONE = "Belum ada laporan final tersimpan."

REMOVE_UNKNOWN = "Periode {period} tidak ada di basis data."
REMOVE_NOT_DUE = (
    "{period} belum lewat masa simpannya (disimpan sampai {until}); tidak ada yang dihapus."
)
REMOVE_ASK = (
    "Yang akan dimusnahkan dari {period}: {answers} jawaban (dengan riwayat revisinya), "
    "{evidence} berkas bukti, pemeriksaan dan bagian-bagiannya. Laporan final, pengingat dan "
    "catatan salinan tetap disimpan. Cadangan basis data dibuat dulu. Ini tidak dapat "
    "dibatalkan: ulangi dengan --confirm {code} untuk melanjutkan."
)
REMOVE_NO_BACKUP = "Cadangan tidak dapat dibuat, jadi tidak ada yang dihapus: {problem}"
REMOVE_DONE = (
    "Rekaman {period} dimusnahkan: {answers} jawaban dan {evidence} berkas bukti. Cadangan "
    "sebelum pemusnahan: {backup}. Pemusnahan ini dicatat."
)
BACKUP_NO_PG_DUMP = (
    "pg_dump tidak ditemukan; pasang klien PostgreSQL atau buat cadangan sendiri lebih dulu."
)
BACKUP_PG_FAILED = "pg_dump gagal (kode {code})."
REMOVE_PERIOD_NEEDED = "Sebutkan periodenya: lsp-bot records remove --period 2020-I"
