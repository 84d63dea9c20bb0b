"""Member management: the admin lists, renames, changes roles, deactivates and reactivates
members and withdraws invites, in the chat and from the CLI; every change is logged."""

from pathlib import Path

from sqlalchemy import Engine, select

from conversations.service import create_invite
from storage.db import session_scope
from storage.enums import Role
from storage.models import Change, Member
from tests.helpers import Chat
from tests.test_cli import run
from tests.test_cli import workdir as workdir


def member_id(db: Engine, name: str) -> int:
    with session_scope(db) as session:
        return session.execute(select(Member.id).where(Member.name == name)).scalar_one()


def changes(db: Engine) -> list[tuple[str, str, str, object, object, int | None, str]]:
    with session_scope(db) as session:
        rows = session.execute(select(Change).order_by(Change.id)).scalars().all()
        return [(r.subject, r.subject_key, r.action, r.old_value, r.new_value, r.changed_by,
                 r.channel) for r in rows]  # fmt: skip


def test_the_list_shows_names_roles_channels_and_open_invites(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Aminah")
    chat.say("siti", "/menu")
    code = create_invite(chat.db, role=Role.ASESOR, name="Yusuf", now=chat.clock.now)
    listing = chat.say("admin", "/anggota")
    siti = member_id(chat.db, "Siti Aminah")
    assert "Anggota tim (2 aktif, 0 nonaktif):" in listing
    assert f"[{siti}] Siti Aminah: Koordinator TUK; Konsol; pesan terakhir 24 November 2026" in (
        listing
    )
    assert f"- {code}: Asesor (Yusuf), berlaku sampai 1 Desember 2026" in listing
    assert "Maaf, perintah ini hanya untuk Manajer Administrasi." in chat.say("siti", "/anggota")


def test_rename_roles_and_the_log(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK, "siti")
    siti, admin = member_id(chat.db, "siti"), member_id(chat.db, "Bu Admin")
    assert "Nama siti diubah menjadi Siti Aminah, S.Pd." in chat.say(
        "admin", f"/anggota {siti} nama Siti  Aminah,   S.Pd."
    )
    assert "Peran Asesor ditambahkan untuk Siti Aminah, S.Pd." in chat.say(
        "admin", f"/anggota {siti} tambah-peran asesor"
    )
    menu = chat.say("siti", "/menu")
    assert "2.5 Pengembangan" in menu and "3.2 Perkembangan Asesor" in menu
    assert "dicabut" in chat.say("admin", f"/anggota {siti} hapus-peran koordinator_tuk")
    assert "2.5 Pengembangan" not in chat.say("siti", "/menu")
    assert "tidak memegang peran" in chat.say("admin", f"/anggota {siti} hapus-peran admin")
    assert "Tidak ada anggota nomor 999" in chat.say("admin", "/anggota 999 nama X Y")
    assert changes(chat.db) == [
        ("member", str(siti), "rename", "siti", "Siti Aminah, S.Pd.", admin, "console"),
        ("member", str(siti), "add_role", None, "asesor", admin, "console"),
        ("member", str(siti), "remove_role", "koordinator_tuk", None, admin, "console"),
    ]


def test_a_member_sets_their_own_name(chat: Chat) -> None:
    chat.join("siti", Role.KOORDINATOR_TUK)  # no name on the invite: the display name
    assert "Nama Anda di laporan: siti" in chat.say("siti", "/nama")
    assert "sekarang: Siti Aminah, S.Pd." in chat.say("siti", "/nama Siti Aminah, S.Pd.")
    assert "Tulis nama lengkap" in chat.say("siti", "/nama \x07")
    siti = member_id(chat.db, "Siti Aminah, S.Pd.")
    assert changes(chat.db)[-1] == (
        "member", str(siti), "rename", "siti", "Siti Aminah, S.Pd.", siti, "console"
    )  # fmt: skip


def test_deactivation_ends_access_at_once_owes_nothing_and_keeps_the_trail(chat: Chat) -> None:
    from tests.reporting import fill

    fill(chat, "2.5")  # Siti Aminah sends two TUKs
    chat.join("budi", Role.KOORDINATOR_TUK, "Budi")
    budi, siti = member_id(chat.db, "Budi"), member_id(chat.db, "Siti Aminah")
    status = chat.say("admin", "/status")
    assert "belum: Budi" in status
    assert "dinonaktifkan" in chat.say("admin", f"/anggota {budi} nonaktifkan")
    assert "dinonaktifkan" in chat.say("budi", "/menu")  # access ends at once
    assert "belum: Budi" not in chat.say("admin", "/status")  # owes nothing from now on
    assert "dinonaktifkan" in chat.say("admin", f"/anggota {siti} nonaktifkan")
    chat.say("admin", "/draft")
    from tests.reporting import last_document, one_line, pdf_text

    text = one_line(pdf_text(last_document(chat).data))
    assert "TUK Bengkel Otomotif" in text and "Siti Aminah (Koordinator TUK)" in text
    assert "(nonaktif)" in chat.say("admin", "/anggota")
    assert "diaktifkan kembali" in chat.say("admin", f"/anggota {budi} aktifkan")
    assert "Periode pelaporan" in chat.say("budi", "/menu")


def test_the_last_admin_cannot_lock_themselves_out(chat: Chat) -> None:
    admin = member_id(chat.db, "Bu Admin")
    assert "Manajer Administrasi aktif terakhir" in chat.say(
        "admin", f"/anggota {admin} nonaktifkan"
    )
    assert "Manajer Administrasi aktif terakhir" in chat.say(
        "admin", f"/anggota {admin} hapus-peran admin"
    )
    assert "Periode pelaporan" in chat.say("admin", "/menu")


def test_a_withdrawn_invite_cannot_be_used(chat: Chat) -> None:
    code = create_invite(chat.db, role=Role.ASESOR, name="Yusuf", now=chat.clock.now)
    assert f"Undangan {code} dibatalkan" in chat.say("admin", f"/anggota batal {code.lower()}")
    assert "tidak dikenal, sudah dipakai" in chat.say("yusuf", f"/start {code}")
    assert "Tidak ada undangan" in chat.say("admin", f"/anggota batal {code}")
    assert code not in chat.say("admin", "/anggota")
    assert changes(chat.db)[-1][:3] == ("invite", code, "withdraw")


def test_signatories_from_the_chat_profile(chat: Chat) -> None:
    shown = chat.say("admin", "/profil ketua Drs. H. Ahmad Yani, M.Pd.")
    assert "Ketua LSP (mengetahui): Drs. H. Ahmad Yani, M.Pd." in shown
    shown = chat.say("admin", "/profil nip-ketua NIP 19700101 199501 1 001")
    assert "Drs. H. Ahmad Yani, M.Pd. (NIP 19700101 199501 1 001)" in shown
    assert "Cara mengubah" in chat.say("admin", "/profil apa ini")
    assert changes(chat.db)[-1][:5] == (
        "profile", "chair_number", "set", "", "NIP 19700101 199501 1 001"
    )  # fmt: skip


def test_members_and_profile_from_the_cli(workdir: Path) -> None:
    run("init", "--admin-name", "Siti Rahmah, S.Pd.")
    code = run("invite", "--role", "asesor", "--name", "Yusuf").splitlines()[-1]
    listing = run("members", "list")
    assert "Anggota tim (0 aktif, 0 nonaktif):" in listing and f"- {code}: Asesor" in listing
    assert "Manajer Administrasi (Siti Rahmah, S.Pd.)" in listing
    assert "dibatalkan" in run("members", "withdraw-invite", code)
    shown = run("profile", "--chair-name", "Drs. H. Ahmad Yani", "--manager-number", "NIP 1980")
    assert "Ketua LSP (mengetahui): Drs. H. Ahmad Yani" in shown
    db_file = workdir / "data" / "lsp-bot.db"
    from storage.db import make_engine

    log = changes(make_engine(f"sqlite:///{db_file}"))
    assert ("invite", code, "withdraw", None, None, None, "cli") in log
    assert ("profile", "chair_name", "set", "", "Drs. H. Ahmad Yani", None, "cli") in log
