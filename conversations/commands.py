"""Every command a person may send, declared once: its name and aliases, who may use it, its
one-line description and which desk answers it. The dispatcher routes by it, `/bantuan` lists
it, and both chat channels publish their command menus from it.

A message is parsed once, into a typed value: ordinary `Text`, a known `Command`, or an
`UnknownCommand` (a slash word no entry declares).
"""

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Who may use a command."""

    ANYONE = "anyone"  # people not registered yet too (/start KODE)
    MEMBERS = "members"
    ADMINS = "admins"  # the Manajer Administrasi; others are refused politely


class Desk(StrEnum):
    """What answers a command: the conversation engine, or one of the bot's desks."""

    CONVERSATION = "conversation"
    REPORTS = "reports"
    MEMBERS = "members"
    CERTIFICATES = "certificates"
    REMINDERS = "reminders"


@dataclass(frozen=True)
class CommandSpec:
    """One command. `usage` is how `/bantuan` shows it; `listed`: in `/bantuan` and the menus;
    `slow`: answered with a file (a channel shows that one is being prepared)."""

    name: str
    aliases: tuple[str, ...]
    who: Audience
    desk: Desk
    description: str
    usage: str = ""
    listed: bool = True
    slow: bool = False

    @property
    def shown(self) -> str:
        """'/isi KODE' (the usage, or the bare command)."""
        return self.usage or f"/{self.name}"


def _spec(name: str, *aliases: str, who: Audience = Audience.MEMBERS,
          desk: Desk = Desk.CONVERSATION, description: str, usage: str = "",
          listed: bool = True, slow: bool = False) -> CommandSpec:  # fmt: skip
    return CommandSpec(name, aliases, who, desk, description, usage, listed, slow)


ADMINS, REPORTS, CERTIFICATES = Audience.ADMINS, Desk.REPORTS, Desk.CERTIFICATES

REGISTRY: tuple[CommandSpec, ...] = (
    _spec("start", "mulai", who=Audience.ANYONE, usage="/start KODE", listed=False,
          description="Bergabung dengan kode undangan; tanpa kode: menu"),
    _spec("menu", description="Daftar bagian laporan yang menjadi tugas Anda"),
    _spec("isi", "lanjut", usage="/isi KODE",
          description="Langsung buka satu bagian, mis. /isi 2.5"),
    _spec("status", description="Bagian mana yang sudah dan belum selesai"),
    _spec("nama", "name", usage="/nama NAMA LENGKAP",
          description="Nama lengkap Anda seperti tercetak di laporan"),
    _spec("lewati", "skip", description="Lewati pertanyaan yang tidak wajib"),
    _spec("nihil", description="Nyatakan bagian yang sedang dibuka nihil (tidak ada yang "
                               "dilaporkan)"),
    _spec("batal", "cancel", description="Kembali ke menu; jawaban yang tersimpan tetap aman"),
    _spec("perbaiki", usage="/perbaiki KODE",
          description="Perbaiki bagian yang dikembalikan Manajer Administrasi, mis. /perbaiki 2.5"),
    _spec("tautkan", "link",
          description="Kode untuk menautkan akun Anda yang lain (mis. WhatsApp)"),
    _spec("bantuan", "help", description="Petunjuk penggunaan dan daftar perintah"),
    _spec("undang", "invite", who=ADMINS, usage="/undang PERAN [NAMA]",
          description="Buat kode undangan anggota baru"),
    _spec("anggota", "members", who=ADMINS, desk=Desk.MEMBERS,
          description="Daftar anggota; ganti nama, peran, nonaktifkan, batalkan undangan"),
    _spec("profil", "profile", who=ADMINS, desk=Desk.MEMBERS,
          description="Profil LSP dan penanda tangan laporan"),
    _spec("periksa", "review", who=ADMINS,
          description="Periksa bagian yang terkirim: terima, atau kembalikan dengan catatan"),
    _spec("draft", who=ADMINS, desk=REPORTS, usage="/draft [sertifikat] [PERIODE]", slow=True,
          description="Draf laporan (PDF) dengan tabel kelengkapan; /draft sertifikat: laporan "
                      "penerbitan sertifikat, /draft penerbitan N: satu penerbitan"),
    _spec("final", who=ADMINS, desk=REPORTS, usage="/final [sertifikat] [PERIODE]", slow=True,
          description="Laporan final bernomor (PDF), bila semester usai, semua bagian lengkap "
                      "atau nihil, profil LSP lengkap dan angkanya sama dengan register"),
    _spec("laporan", who=ADMINS, desk=REPORTS, usage="/laporan [VERSI]", slow=True,
          description="Daftar laporan final, atau kirim versi tertentu"),
    _spec("ekspor", "export", who=ADMINS, desk=REPORTS, usage="/ekspor [bukti] [PERIODE]",
          slow=True, description="Semua data periode ini sebagai berkas Excel; /ekspor bukti: "
                                 "semua berkas bukti sebagai ZIP dengan SHA-256-nya"),
    _spec("arsip", "archive", who=ADMINS, desk=REPORTS, usage="/arsip [PERIODE]", slow=True,
          description="Arsip semester: semua laporan final, data Excel dan bukti dalam satu ZIP "
                      "dengan daftar SHA-256 dan kode verifikasinya"),
    _spec("tenggat", "deadline", who=ADMINS, desk=Desk.REMINDERS,
          description="Lihat atau ubah tenggat dan jadwal pengingat"),
    _spec("ingatkan", "remind", who=ADMINS, desk=Desk.REMINDERS, usage="/ingatkan [KODE]",
          description="Ingatkan sekarang yang belum mengisi"),
    _spec("templat", "template", who=ADMINS, desk=CERTIFICATES, slow=True,
          description="Templat Excel daftar sertifikat; kirim berkasnya (xlsx/csv) untuk "
                      "menyimpan"),
    _spec("sertifikat", who=ADMINS, desk=CERTIFICATES, usage="/sertifikat [PERIODE]",
          description="Ringkasan register sertifikat periode ini"),
    _spec("cabut", "revoke", who=ADMINS, usage="/cabut [NOMOR]",
          description="Cabut sertifikat: nomor, tanggal, alasan dan keputusannya ditanyakan "
                      "satu per satu, lalu dikonfirmasi"),
    _spec("kedaluwarsa", who=ADMINS, desk=CERTIFICATES, usage="/kedaluwarsa [BULAN]",
          description="Sertifikat yang segera habis masa berlakunya"),
)  # fmt: skip

BY_NAME: dict[str, CommandSpec] = {
    word: spec for spec in REGISTRY for word in (spec.name, *spec.aliases)
}


@dataclass(frozen=True)
class Text:
    """Ordinary text, or the value of a pressed button."""

    text: str


@dataclass(frozen=True)
class Command:
    """A declared command and what follows it."""

    spec: CommandSpec
    argument: str

    @property
    def name(self) -> str:
        """Its canonical name ('batal' for /cancel)."""
        return self.spec.name


@dataclass(frozen=True)
class UnknownCommand:
    """A slash word no entry declares (`/entah`)."""

    name: str
    argument: str


Parsed = Text | Command | UnknownCommand


def parse(text: str) -> Parsed:
    """What a message is: '/name@bot argument' names a command (any case), anything else is
    text."""
    text = text.strip()
    if not text.startswith("/"):
        return Text(text)
    head, _, argument = text[1:].partition(" ")
    name = head.split("@", 1)[0].casefold()
    spec = BY_NAME.get(name)
    if spec is None:
        return UnknownCommand(name, argument.strip())
    return Command(spec, argument.strip())


def command_named(parsed: Parsed, *names: str) -> Command | None:
    """The command, when `parsed` is one of `names`."""
    return parsed if isinstance(parsed, Command) and parsed.name in names else None


def listed(*, admin: bool) -> tuple[CommandSpec, ...]:
    """The commands a member (or an admin) is shown, members' first."""
    members = tuple(s for s in REGISTRY if s.listed and s.who is Audience.MEMBERS)
    admins = tuple(s for s in REGISTRY if s.listed and s.who is Audience.ADMINS)
    return members + admins if admin else members


def is_slow(parsed: Parsed) -> bool:
    """Whether the answer is a file being prepared (a report, an export, a template)."""
    return isinstance(parsed, Command) and parsed.spec.slow
