"""Revoking a certificate is a conversation of the engine's: the number as BNSP prints it
(spaces and all), the certificate shown, date, reason, decision, then Ya/Tidak. Nothing but the
question on screen can revoke, and the server's CLI does the same with a person named."""

import subprocess
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, select

from bot.certificates.desk import CertificateDesk
from storage.db import session_scope
from storage.enums import Role
from storage.register_models import Certificate, Revocation
from tests.helpers import NOW, Chat, Clock, submission_status
from tests.test_certificates_import import HEADER, row, xlsx
from tests.test_cli import lsp_bot, run
from tests.test_cli import workdir as workdir

SPACED = "45201 2452 2 0000115 2026"  # as BNSP prints it


def _register(desk: CertificateDesk) -> None:
    spaced = row(1, number=SPACED, holder="Rahmat Hidayat", issued=datetime(2026, 9, 1))
    rows = [spaced, row(2), row(3)]
    assert desk.import_file("daftar.xlsx", xlsx(rows), by=None, channel="cli").accepted


def revocations(db: Engine) -> list[tuple[str, date, str, str, int | None, str]]:
    with session_scope(db) as session:
        rows = session.execute(
            select(Certificate.number, Revocation.revoked_on, Revocation.reason,
                   Revocation.decision, Revocation.recorded_by, Revocation.channel)
            .join(Certificate, Certificate.id == Revocation.certificate_id)
        ).all()  # fmt: skip
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_spaced_bnsp_number_is_revoked_step_by_step_in_the_chat(chat: Chat) -> None:
    _register(chat.certificates)
    asked = chat.say("admin", f"/cabut {SPACED} 18-11-2026 Terbukti memalsukan portofolio")
    assert f"Sertifikat {SPACED}\nPemegang: Rahmat Hidayat" in asked
    assert "Nomor keputusan pencabutan" in asked  # date and reason were taken from the line
    confirm = chat.say("admin", "SK Ketua LSP No. 12/LSP/XI/2026")
    assert f"Cabut sertifikat {SPACED} milik Rahmat Hidayat" in confirm
    assert "per 18 November 2026" in confirm and "tidak dapat dibatalkan" in confirm
    assert revocations(chat.db) == []  # nothing before the Ya
    assert "dicabut per 18 November 2026" in chat.say("admin", "ya")
    [(number, on, reason, decision, by, channel)] = revocations(chat.db)
    assert (number, on, reason) == (SPACED, date(2026, 11, 18), "Terbukti memalsukan portofolio")
    assert decision == "SK Ketua LSP No. 12/LSP/XI/2026" and by is not None
    assert channel == "console"


def test_the_number_typed_alone_with_other_spacing_and_each_answer_checked(chat: Chat) -> None:
    _register(chat.certificates)
    assert "Nomor sertifikat yang akan dicabut?" in chat.say("admin", "/cabut")
    assert "tidak ada di register" in chat.say("admin", "45201 2452 2 0000115")
    shown = chat.say("admin", "45201  2452 2   0000115 2026")
    assert "Pemegang: Rahmat Hidayat" in shown and "Tanggal pencabutan berlaku?" in shown
    assert "tidak boleh sebelum tanggal terbit" in chat.say("admin", "31-08-2026")
    assert "tidak boleh setelah hari ini" in chat.say("admin", "01-12-2026")
    assert "tidak ada" in chat.say("admin", "31-02-2026").lower()
    assert "Alasan pencabutan?" in chat.say("admin", "24-11-2026")
    assert "Nomor keputusan" in chat.say("admin", "Pemegang meninggal dunia")
    confirm = chat.say("admin", "/lewati")
    assert "Keputusan: (belum disebut)" in confirm
    assert "Jawab dengan ya atau tidak" in chat.say("admin", "mungkin")
    assert revocations(chat.db) == []
    assert "dicabut per 24 November 2026" in chat.say("admin", "Ya, cabut")
    assert [r[0] for r in revocations(chat.db)] == [SPACED]
    assert "sudah dicabut sejak 24 November 2026" in chat.say("admin", f"/cabut {SPACED}")


def test_an_answer_meant_for_another_question_never_revokes(chat: Chat) -> None:
    _register(chat.certificates)
    # The sequence seen: /cabut, then /nihil 2.4 without answering, then "ya".
    chat.say("admin", "/cabut LSP-P1/SMKN3/2026/0002 24-11-2026 Salah cetak")
    chat.say("admin", "/lewati")  # the confirmation is now on screen
    left = chat.say("admin", "/nihil 2.4")
    assert "tidak dilanjutkan" in left and "nihil" in left.lower()
    chat.say("admin", "ya")  # answers the nihil question on screen
    assert submission_status(chat.db, user_name="Bu Admin", section="2.4") == "nihil"
    assert revocations(chat.db) == []
    # A command answered outside the conversation leaves the confirmation too.
    chat.say("admin", "/cabut LSP-P1/SMKN3/2026/0003 24-11-2026 Salah cetak")
    chat.say("admin", "/lewati")
    chat.say("admin", "/sertifikat")
    chat.say("admin", "ya")
    assert revocations(chat.db) == []
    # Only admins may start one.
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    assert "hanya untuk Manajer Administrasi" in chat.say("siti", f"/cabut {SPACED}")


def test_the_cli_revokes_with_a_person_named_and_a_confirmation(workdir: Path) -> None:
    run("init", "--admin-name", "Siti Rahmah")
    issued = NOW.replace(tzinfo=None)
    listed = xlsx([row(1, number=SPACED, holder="Rahmat Hidayat", issued=issued)], header=HEADER)
    (workdir / "daftar.xlsx").write_bytes(listed)
    run("import-certificates", "daftar.xlsx", "--by", "Siti Rahmah")
    args = ["certificates", "revoke", *SPACED.split(), "--on", "24-11-2026", "--reason",
            "Terbukti memalsukan portofolio", "--decision", "SK 12/LSP/XI/2026"]  # fmt: skip
    unasked = subprocess.run([*lsp_bot(), *args, "--by", "Siti Rahmah"], capture_output=True,
                             text=True, timeout=60)  # fmt: skip
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    unnamed = subprocess.run([*lsp_bot(), *args, "--yes"], capture_output=True, text=True,
                             timeout=60)  # fmt: skip
    assert unnamed.returncode == 2 and "--by" in unnamed.stderr
    done = run(*args, "--by", "Siti Rahmah", "--yes")
    assert f"Sertifikat {SPACED} dicabut per 24 November 2026" in done
    from storage.db import make_engine

    db = make_engine(f"sqlite:///{workdir / 'data' / 'lsp-bot.db'}")
    with session_scope(db) as session:
        revocation = session.execute(select(Revocation)).scalar_one()
    db.dispose()
    assert revocation.recorded_by_name == "Siti Rahmah" and revocation.channel == "cli"
    assert revocation.decision == "SK 12/LSP/XI/2026"
    again = subprocess.run([*lsp_bot(), *args, "--by", "Siti Rahmah", "--yes"],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert again.returncode == 1 and "sudah dicabut" in again.stdout


def test_the_desk_refuses_what_the_cli_may_not_record(db: Engine) -> None:
    desk = CertificateDesk(db, clock=Clock(NOW))
    _register(desk)
    future = date(2026, 12, 25)
    done, said = desk.revoke(SPACED, on=future, reason="x", decision="", by=None, channel="cli",
                             by_name="Siti")  # fmt: skip
    assert not done and "hari ini" in said
    assert not desk.revoke("X-1", on=NOW.date(), reason="x", decision="", by=None,
                           channel="cli")[0]  # fmt: skip
