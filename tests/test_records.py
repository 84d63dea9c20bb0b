"""The semester's whole record: `/arsip` gives every final of both reports, the spreadsheet and
the evidence with a manifest; `archive verify` finds it whole, names a file removed, changed or
slipped in, and checks it against the database; its finals are COCOK on the public page. Every
copy given is recorded; the retention report lists what is past its keeping and removes
nothing. At the server, `report get --attachments` gives back what one final carries."""

import hashlib
import io
import json
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bot.records.desk import RecordsDesk, check_archive
from conversations.service import Message
from storage import queries, records, writes
from storage.db import session_scope
from storage.enums import Semester
from storage.evidence import EvidenceFile
from storage.models import Answer, FinalReport
from tests.helpers import Chat
from tests.reporting import last_document
from tests.test_archival import complete
from tests.test_cli import console, lsp_bot, run
from tests.test_cli import workdir as workdir
from tests.test_cli_reports import status
from tests.verifying import PUBLIC_URL, Published, serving

pytestmark = pytest.mark.sqlite_only  # files and the records kept; the console tests of
# storage run on both databases


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The archive with entries replaced (bytes), removed (None) or added (a new name)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            if name not in change:
                new.writestr(name, old.read(name))
        for name, content in change.items():
            if content is not None:
                new.writestr(name, content)
    return out.getvalue()


def test_the_archive_holds_the_semester_and_verifies(chat: Chat) -> None:
    """2026-II over, report A given (2.5 with a photo), finals of A (two versions) and B."""
    complete(chat)
    chat.desk.public_url = PUBLIC_URL
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    chat.script("siti", ["/menu", "1", "2", "1", "TUK Otomotif Terpadu"])
    assert "versi 2 dibuat" in chat.say("admin", "/final")
    assert "versi 1 dibuat" in chat.say("admin", "/final sertifikat")
    reply = chat.say("admin", "/arsip")
    assert "3 laporan final" in reply and "1 berkas bukti" in reply, reply
    archive = last_document(chat)
    assert archive.filename.startswith("Arsip-LSP_2026-II_") and archive.filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(archive.data)) as opened:
        names = opened.namelist()
        manifest = json.loads(opened.read("MANIFEST.json"))
        readable = opened.read("MANIFEST.txt").decode()
        contents = {name: opened.read(name) for name in names}
    with session_scope(chat.db) as session:
        stored = session.execute(select(FinalReport).order_by(FinalReport.id)).scalars().all()
        photo = session.execute(select(EvidenceFile)).scalar_one()
        by_sha = {row.pdf_sha256: row for row in stored}
    listed = {item["path"]: item for item in manifest["files"]}
    finals = [item for item in manifest["files"] if item["kind"] == "laporan"]
    assert sorted((f["report"], f["version"]) for f in finals) == [("A", 1), ("A", 2), ("B", 1)]
    for item in finals:  # byte for byte the stored finals, with their codes
        assert item["sha256"] == hashlib.sha256(contents[item["path"]]).hexdigest()
        assert item["verification_code"] == by_sha[item["sha256"]].verification_code
        assert item["verification_code"] in readable and item["sha256"] in readable
    [evidence] = [item for item in manifest["files"] if item["kind"] == "bukti"]
    assert contents[evidence["path"]] == photo.data and evidence["sha256"] == photo.sha256
    [sheet] = [path for path in listed if path.startswith("data/")]
    assert zipfile.is_zipfile(io.BytesIO(contents[sheet]))  # an .xlsx opens as what it is
    assert f"{PUBLIC_URL}/verifikasi" in readable and "sha256sum" in readable

    whole = check_archive(archive.data, chat.db)
    assert whole.ok and whole.lines[0].startswith("COCOK"), whole.lines
    assert "3 laporan final tersimpan" in whole.lines[-1] and "1 berkas bukti" in whole.lines[-1]
    final_path = finals[0]["path"]
    removed = check_archive(_rezip(archive.data, {evidence["path"]: None}), chat.db)
    changed = check_archive(_rezip(archive.data, {final_path: b"%PDF-1.7 lain"}), chat.db)
    added = check_archive(_rezip(archive.data, {"laporan/tambahan.pdf": b"%PDF"}), None)
    assert not removed.ok and any(evidence["path"] in line and "tidak ada di arsip" in line
                                  for line in removed.lines)  # fmt: skip
    assert not changed.ok and any(final_path in line and "SHA-256 tidak sama" in line
                                  for line in changed.lines)  # fmt: skip
    assert not added.ok and any("laporan/tambahan.pdf" in line and "tidak tercantum" in line
                                for line in added.lines)  # fmt: skip
    assert "Basis data tidak tersedia" in added.lines[-1]
    not_ours = check_archive(b"PK\x03\x04 bukan arsip", None)
    assert not not_ours.ok and "bukan arsip lsp-bot" in not_ours.lines[0]

    # The same manifest, its finals' file swapped for another stored final: the database says.
    other = dict(listed[final_path])
    forged = json.loads(json.dumps(manifest))
    for item in forged["files"]:
        if item["path"] == final_path:
            item["verification_code"] = "AAAAAAAAAA"
    swapped = _rezip(archive.data, {"MANIFEST.json": json.dumps(forged).encode()})
    against_db = check_archive(swapped, chat.db)
    assert not against_db.ok and any("kode verifikasi" in line for line in against_db.lines)
    assert check_archive(swapped, None).ok  # the archive alone cannot tell
    assert other["sha256"] in by_sha

    # Its finals are COCOK on the public verification page.
    published = Published(chat, b"", b"", ("", ""), ("", ""), b"")
    with serving(published) as base:
        for item in finals:
            files = {"berkas": ("laporan.pdf", contents[item["path"]], "application/pdf")}
            page = httpx.post(base + "/verifikasi", files=files, timeout=60)
            assert "COCOK: berkas ini sama persis" in page.text, item["path"]


def test_copies_given_are_recorded_and_the_retention_report_removes_nothing(chat: Chat) -> None:
    complete(chat)
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    chat.say("admin", "/draft")
    chat.say("admin", "/laporan 1")
    chat.say("admin", "/ekspor")
    chat.say("admin", "/ekspor bukti")
    chat.say("admin", "/arsip")
    assert "hanya dapat diminta oleh Manajer Administrasi" in chat.say("siti", "/arsip")
    with session_scope(chat.db) as session:
        admin = queries.member_by_identity(session, key="console:admin")
        given = records.downloads(session)
        first = session.execute(
            select(FinalReport).where(FinalReport.version == 1, FinalReport.report == "A")
        ).scalar_one()
    assert admin is not None
    kinds = [g.kind for g in given]
    # the final made, then each command's file, in order
    assert kinds == ["final", "draft", "final", "export", "evidence", "archive"]
    assert all(g.member_id == admin.id and g.channel == "console" for g in given)
    assert given[2].final_id == first.id and given[2].sha256 == first.pdf_sha256
    assert given[-1].name.startswith("Arsip-LSP_2026-II_")

    assert chat.dispatcher.reports is not None
    on_whatsapp = Message("whatsapp:6281100000001", "/arsip")
    [reply] = chat.dispatcher.reports.answer("arsip", "", admin, message=on_whatsapp)
    assert reply.document is None and "lsp-bot archive --period 2026-II" in reply.text

    desk = RecordsDesk(chat.db, chat.desk, clock=chat.clock)
    period = chat.desk.period("2026-II")
    assert period is not None
    lines = desk.downloads(period)
    assert len(lines) == 1 + len(given) and admin.name in lines[1] and "lewat console" in lines[1]

    with session_scope(chat.db) as session:  # an old semester, long past its keeping
        writes.add_period(
            session, year=2020, semester=Semester.I, data_deadline=date(2020, 7, 7),
            final_deadline=date(2020, 7, 31),
        )  # fmt: skip
        session.commit()
        answers = session.execute(select(func.count()).select_from(Answer)).scalar_one()
    report, due = desk.retention(5, today=date(2026, 12, 4))
    assert due == 1, report
    [old] = [line for line in report if "Semester I Tahun 2020" in line]
    assert "30 Juni 2025" in old and "SUDAH LEWAT" in old
    [current] = [line for line in report if "Semester II Tahun 2026" in line]
    assert "31 Desember 2031" in current and "masih disimpan" in current
    assert "1 laporan final" in current and "1 berkas bukti" in current
    assert "tidak menghapus apa pun" in report[-1]
    with session_scope(chat.db) as session:  # nothing was removed
        assert session.execute(select(func.count()).select_from(Answer)).scalar_one() == answers
        assert session.execute(select(func.count()).select_from(FinalReport)).scalar_one() == 1


def test_the_server_archives_verifies_and_reports_records(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import semester_over

    for name, value in semester_over({}).items():
        monkeypatch.setenv(name, value)
    admin_code = run("init").splitlines()[-1]
    run("profile", "--name", "LSP P1 SMKN 3 Kota Bima", "--licence", "BNSP-LSP-1234-ID",
        "--city", "Kota Bima", "--prefix", "LSP-SMKN3", "--distribution", "BNSP",
        "--chair-name", "Drs. Ahmad", "--manager-name", "Siti Rahmah")  # fmt: skip
    nihil = [line for key in ("2.2", "2.3", "2.4", "2.5", "2.6", "2.7")
             for line in (f"/nihil {key}", "ya")]  # fmt: skip
    console("admin", f"/start {admin_code}", *nihil)
    assert status("report", "final", "--period", "2026-II", "--out", "final.pdf")[0] == 0
    code, out = status("report", "get", "1", "--period", "2026-II", "--attachments", "lampiran")
    assert code == 0, out  # what the final carries, each file printed with its SHA-256
    got = sorted(path.name for path in (workdir / "lampiran").iterdir())
    assert got == ["Data-LSP_2026-II.xlsx", "data-laporan-A_2026-II.json"]
    for path in (workdir / "lampiran").iterdir():
        assert hashlib.sha256(path.read_bytes()).hexdigest() in out
    code, out = status("archive", "--period", "2026-II", "--out", "arsip.zip")
    assert code == 0 and "1 laporan final" in out, out
    code, out = status("archive", "verify", "arsip.zip")
    assert code == 0 and out.startswith("COCOK") and "1 laporan final tersimpan" in out, out
    inserted = {"MANIFEST.txt": None, "bukti/sisipan.jpg": b"x"}
    tampered = _rezip((workdir / "arsip.zip").read_bytes(), inserted)
    (workdir / "diubah.zip").write_bytes(tampered)
    code, out = status("archive", "verify", "diubah.zip")
    assert code == 1 and "bukti/sisipan.jpg" in out and "TIDAK COCOK" in out, out
    code, out = status("records")
    assert code == 0 and "Semester II Tahun 2026" in out and "masih disimpan" in out, out
    code, out = status("records", "--period", "2026-II")
    assert code == 0 and "laporan final" in out and "arsip" in out and "lewat cli" in out, out
    code, out = status("report", "extend")
    assert code == 2  # no key, no timestamp authority: said, nothing done

    # Kept for no years: 2026-II (over on 31 December) is past its keeping on 2 January 2027.
    monkeypatch.setenv("RECORDS_KEEP_YEARS", "0")
    code, out = status("records", "remove", "--period", "2026-II")
    assert code == 2 and not (workdir / "data" / "cadangan").exists()  # asked, nothing done
    done = subprocess.run([*lsp_bot(), "records", "remove", "--period", "2026-II", "--confirm",
                           "2026-II"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0 and "dimusnahkan" in done.stdout, done.stderr
    [backup] = (workdir / "data" / "cadangan").iterdir()
    assert backup.name.startswith("lsp-bot-sebelum-pemusnahan-2026-II-") and str(backup) in (
        done.stdout)  # fmt: skip
    code, out = status("archive", "verify", "arsip.zip")  # the finals are kept
    assert code == 0 and "1 laporan final tersimpan" in out, out
