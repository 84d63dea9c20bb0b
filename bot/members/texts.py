"""What the member desk says: /anggota, /profil, and `lsp-bot members` and `lsp-bot profile`."""

PROFILE_SHOWN = (
    "Profil LSP:\nNama: {name}\nAlamat: {address}\nNomor lisensi BNSP: {licence_number}\n"
    "Kota (tanda tangan): {city}\nAwalan nomor dokumen: {document_prefix}\n"
    "Distribusi: {distribution}\n"
    "Manajer Administrasi (menyusun): {manager}\nKetua LSP (mengetahui): {chair}"
)

PROFILE_NOBODY = "- (belum diisi)"

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
