"""Finals made to last: both reports' finals, unsigned and signed, validate as PDF/A-3b with
pikepdf's validator (signed: no finding but the signature form it does not know yet), with the
title, author, subject and language they had; what a final is made from travels inside it as
associated files: the frozen data (its SHA-256 is the content fingerprint), the spreadsheet
and the evidence, each with its relationship; `lsp-bot report get N --attachments DIR` gives
them back (tests/test_records.py). Drafts are not archival."""

import hashlib
import io
import json
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.reports.desk import ReportDesk
from bot.reports.editions import ACTIVITIES, SEMESTER_CERTIFICATES
from render.archival import findings
from render.renderer import Renderer
from render.signing import Pkcs12Signer
from storage.db import session_scope
from storage.models import FinalReport
from tests.helpers import Chat, complete_profile
from tests.reporting import fill, last_document, nihil, pdf_text, squeezed
from tests.test_cli import workdir as workdir
from tests.test_evidence_reports import photo, sent_with
from tests.test_reports import SEMESTER_OVER
from tests.test_signing import PASSPHRASE, throwaway_ca, validate


def complete(chat: Chat) -> None:
    """Semester II 2026 over and every section of report A given, 2.5 with a photo."""
    sent_with(chat, ("berita-acara.jpg", photo()))
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.7")
    for key in ("2.6", "3.2"):
        nihil(chat, "admin", key)


def relationships(pdf: bytes) -> dict[str, tuple[str, str, bytes]]:
    """Name -> (AFRelationship, MIME subtype, bytes) of every associated file."""
    found = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        listed = {str(spec.F) for spec in document.Root.get("/AF", [])}
        for name, spec in document.attachments.items():
            assert name in listed, name  # an associated file, not only embedded
            stream = spec.obj.EF.F
            found[name] = (str(spec.obj.AFRelationship), str(stream.get("/Subtype")),
                           stream.read_bytes())  # fmt: skip
    return found


@pytest.mark.sqlite_only  # what a file is does not depend on the database
def test_both_finals_are_pdfa_3b_and_carry_what_they_are_made_from(chat: Chat) -> None:
    complete(chat)
    for command in ("/final", "/final sertifikat"):
        assert "versi 1 dibuat" in chat.say("admin", command)
        pdf = last_document(chat).data
        assert findings(pdf) == [], command
        with pikepdf.open(io.BytesIO(pdf)) as document:
            meta = document.open_metadata()
            assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
            assert "Laporan" in str(meta["dc:title"]) and document.Root.Lang == "id"
            assert len(document.Root.OutputIntents) == 1
    with session_scope(chat.db) as session:
        rows = session.execute(select(FinalReport).order_by(FinalReport.id)).scalars().all()
        fingerprint_a = rows[0].content_sha256
    chat.say("admin", "/laporan 1")
    files = relationships(last_document(chat).data)
    data = files["data-laporan-A_2026-II.json"]
    assert data[:2] == ("/Data", "/application/json")
    assert hashlib.sha256(data[2]).hexdigest() == fingerprint_a  # the frozen data, exactly
    assert json.loads(data[2])["report"] == "A"
    sheet = files["Data-LSP_2026-II.xlsx"]
    assert (
        sheet[0] == "/Source"
        and "2.5 Pengembangan TUK" in load_workbook(io.BytesIO(sheet[2])).sheetnames
    )
    assert files["01-berita-acara.jpg"][:2] == ("/Supplement", "/image/jpeg")
    # Jejak Data ends with what the final carries, each file's SHA-256 beside it.
    text = squeezed(pdf_text(last_document(chat).data))
    assert squeezed("berkas yang dibawa laporan final ini") in text
    for name, (_relationship, _mime, data) in files.items():
        assert squeezed(name) in text and hashlib.sha256(data).hexdigest() in text, name

    chat.say("admin", "/draft")
    with pikepdf.open(io.BytesIO(last_document(chat).data)) as draft:  # not made archival
        assert "/OutputIntents" not in draft.Root and "/AF" not in draft.Root


@pytest.mark.sqlite_only
def test_a_signed_final_is_still_pdfa_and_its_signature_holds(
    chat: Chat, renderer: Renderer, tmp_path: Path
) -> None:
    complete(chat)
    key_file, ca_der = throwaway_ca(tmp_path)
    signer = Pkcs12Signer(key_file, PASSPHRASE, "Bu Admin", location="Kota Bima")
    desk = ReportDesk(chat.db, renderer, clock=chat.clock, signer=signer)
    period = desk.period("2026-II")
    assert period is not None
    for edition in (ACTIVITIES, SEMESTER_CERTIFICATES):  # both reports, PAdES B-B
        pdf = desk.final(period, prepared_by="Bu Admin", member_id=None, channel="console",
                         edition=edition).pdf  # fmt: skip
        _signed_and_archival(pdf, ca_der)


def _signed_and_archival(pdf: bytes, ca_der: bytes) -> None:
    assert validate(pdf, ca_der) == (True, True, "ENTIRE_FILE")
    end = pdf.index(b"%%EOF") + len(b"%%EOF")  # the final before signing: its first revision
    first = pdf[: end + 1] if pdf[end : end + 1] == b"\n" else pdf[:end]
    assert findings(first) == []
    # pikepdf's validator does not know signature forms yet: it reports the signed file's
    # /AcroForm as unsupported and, past it, no longer recognises the associated files it
    # approved before signing (the same objects, reported one by one). Nothing else.
    with pikepdf.open(io.BytesIO(pdf)) as document:
        ours = {f"obj {spec.obj.objgen[0]} 0" for spec in document.attachments.values()}
        ours |= {f"obj {s.obj.EF.F.objgen[0]} 0" for s in document.attachments.values()}
    left = findings(pdf)
    acroform = [f for f in left if "/AcroForm" in f]
    files = [f for f in left if "pikepdf:embedded-file" in f and f.split(" at ")[1][:-1]
             .split(":")[0] in ours]  # fmt: skip
    assert len(acroform) == 1 and sorted(acroform + files) == sorted(left), left
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    assert not validate(bytes(changed), ca_der)[0]
