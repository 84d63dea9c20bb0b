"""Records that last, in Indonesian: why a long-term signature could not be made
(render/signing.py, render/long_term.py), what the semester's archive says of itself (its
readable manifest) and what a check of it finds (render/semester_archive.py)."""

SIGNING_ROOTS_MISSING = "Berkas akar kepercayaan {path} tidak ditemukan (SIGNING_TRUST_ROOTS)."
SIGNING_TSA_UNREACHABLE = (
    "Layanan cap waktu (SIGNING_TSA_URL) tidak dapat dihubungi, jadi laporan final belum dibuat. "
    "Coba lagi beberapa saat lagi."
)
SIGNING_CHAIN_UNCHECKED = (
    "Sertifikat penanda tangan tidak dapat diperiksa (rantai sertifikat atau data "
    "pencabutannya tidak didapat), jadi laporan final belum dibuat. Periksa "
    "SIGNING_TRUST_ROOTS dan sambungan server ke penerbit sertifikat."
)

ARCHIVE_HEAD = (
    "Arsip {lsp}, {period}\nDibuat {made_at} oleh {made_by}. Setiap berkas dan SHA-256-nya:"
)
ARCHIVE_LINE_FINAL = (
    "- {path}\n  Laporan final {report} versi {version}, nomor {document_number}, "
    "kode verifikasi {code}\n  {size} bita; SHA-256: {sha256}"
)
ARCHIVE_LINE_EVIDENCE = "- {path}\n  Bukti untuk {ref} — {answer}\n  {size} bita; SHA-256: {sha256}"
ARCHIVE_LINE_DATA = "- {path}\n  Data periode (Excel)\n  {size} bita; SHA-256: {sha256}"
ARCHIVE_HOW = (
    "Memeriksa:\n"
    "1. Hitung SHA-256 setiap berkas (mis. sha256sum laporan/* data/* bukti/*) dan bandingkan "
    "dengan daftar ini; atau jalankan lsp-bot archive verify BERKAS.zip.\n"
    "2. Periksa keaslian setiap laporan final di {url}: ketik kode verifikasinya atau unggah "
    "PDF-nya; jawabannya harus COCOK.\n"
    "3. Tanda tangan elektronik laporan final dapat diperiksa di pembaca PDF mana pun."
)
ARCHIVE_NO_URL = "halaman verifikasi LSP (PUBLIC_URL belum diatur)"
ARCHIVE_NOT_OURS = "Berkas ini bukan arsip lsp-bot (MANIFEST.json tidak ada atau tidak terbaca)."
ARCHIVE_MISSING = "{path}: tercantum di daftar, tetapi tidak ada di arsip."
ARCHIVE_CHANGED = "{path}: isinya berbeda dari daftar (SHA-256 tidak sama)."
ARCHIVE_UNLISTED = "{path}: ada di arsip, tetapi tidak tercantum di daftar."
