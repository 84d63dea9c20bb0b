"""Signatures that last: with a timestamp authority (a local one, and a CA whose CRL a local
server hands out, made here), finals of both reports are PAdES B-LT, or B-LTA when asked. Each
validates as PDF/A-3b before signing and, signed, with no finding but the signature's own
constructs; the signature is checked by pyHanko from the file alone once the servers are gone,
and by poppler's `pdfsig`; one changed byte breaks both. `report extend` adds a document
timestamp to a final whose last one expires soon, and the earlier file stays a true copy."""

import hashlib
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.records.extension import extend_finals
from bot.reports.desk import ReportDesk
from bot.reports.editions import ACTIVITIES, SEMESTER_CERTIFICATES, Edition
from render.archival import findings
from render.long_term import timestamps
from render.renderer import Renderer
from render.signatures import read_signatures
from render.signing import Pkcs12Signer, SigningError
from storage import finals
from storage.db import session_scope
from storage.models import FinalReport
from tests.helpers import Chat
from tests.pki import PASSPHRASE, authority, check_from_file
from tests.test_archival import complete

pytestmark = pytest.mark.sqlite_only  # what a file is does not depend on the database


def _final(chat: Chat, renderer: Renderer, signer: Pkcs12Signer,
           edition: Edition = ACTIVITIES) -> bytes:  # fmt: skip
    desk = ReportDesk(chat.db, renderer, clock=chat.clock, signer=signer)
    period = desk.period("2026-II")
    assert period is not None
    outcome = desk.final(period, prepared_by="Bu Admin", member_id=None, channel="console",
                         edition=edition)  # fmt: skip
    assert outcome.created and outcome.pdf is not None
    return outcome.pdf


def _before_signing(pdf: bytes) -> bytes:
    """The file as it was before the signature's incremental update (its first revision)."""
    end = pdf.index(b"%%EOF") + len(b"%%EOF")
    return pdf[: end + 1] if pdf[end : end + 1] == b"\n" else pdf[:end]


def _signature_findings_only(pdf: bytes) -> None:
    """pikepdf's validator knows no signature forms yet: it reports the /AcroForm, the DSS
    beside it, and past them no longer recognises the associated files. Nothing else."""
    left = findings(pdf)
    own = [f for f in left if "/AcroForm" in f or "/DSS" in f or "pikepdf:embedded-file" in f]
    assert any("/AcroForm" in f for f in left) and own == left, left


def _pdfsig(pdf: bytes, folder: Path) -> str:
    path = folder / "ditandatangani.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def _changed(pdf: bytes) -> bytes:
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    return bytes(changed)


def test_long_term_finals_hold_without_the_servers(
    chat: Chat, renderer: Renderer, tmp_path: Path
) -> None:
    complete(chat)
    with authority(tmp_path) as ca:
        signer = Pkcs12Signer(ca.signer_p12, PASSPHRASE, "Bu Admin", "Kota Bima",
                              timestamp_url=ca.tsa_url)  # fmt: skip
        assert signer.level == "B-LT"
        lt = _final(chat, renderer, signer)  # made and stored by the desk, as /final does
        asked = list(ca.requests)
        unsigned = _before_signing(lt)  # the final as made archival, before signing
        lta = replace(signer, archival_timestamp=True).sign(unsigned, reason="Laporan final")
        certificates = _final(chat, renderer, signer, SEMESTER_CERTIFICATES)  # report B
    assert "/ca.crl" in asked and "/tsa" in asked  # the revocation data was fetched, then
    assert findings(unsigned) == [] and findings(_before_signing(certificates)) == []
    for pdf, kinds in ((lt, ["signature"]), (lta, ["signature", "timestamp"]),
                       (certificates, ["signature"])):  # fmt: skip
        _holds(pdf, kinds, ca.ca_der, tmp_path)
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig is not installed (Debian package poppler-utils): not read by it")


def _holds(pdf: bytes, kinds: list[str], ca_der: bytes, tmp_path: Path) -> None:
    _signature_findings_only(pdf)
    # The servers are gone: everything the check needs is inside the file.
    checked = check_from_file(pdf, ca_der)
    assert [c[0] for c in checked] == kinds
    assert all(c[1:] == (True, True, "ENTIRE_REVISION", "LTA_UPDATES") for c in checked), checked
    assert len(timestamps(pdf)) == len(kinds)  # the signature's token, and the document's
    [ours] = read_signatures(pdf) or []
    assert ours.intact and ours.whole_file and ours.timestamped
    broken = check_from_file(_changed(pdf), ca_der)
    assert not any(c[1] for c in broken), broken
    if shutil.which("pdfsig") is None:
        return  # said by the test
    seen = _pdfsig(pdf, tmp_path)
    assert "Signer Certificate Common Name: Manajer Administrasi" in seen
    assert seen.split("Signature #2")[0].count("Signature is Valid.") == 1, seen
    assert "Signature is Valid." not in _pdfsig(_changed(pdf), tmp_path)


def test_no_final_without_the_timestamp_authority(
    chat: Chat, renderer: Renderer, tmp_path: Path
) -> None:
    complete(chat)
    with authority(tmp_path) as ca:
        pass  # stopped: nothing answers there any more
    signer = Pkcs12Signer(ca.signer_p12, PASSPHRASE, "Bu Admin", timestamp_url=ca.tsa_url)
    with pytest.raises(SigningError, match=r"Layanan cap waktu|data pencabutannya"):
        _final(chat, renderer, signer)
    with session_scope(chat.db) as session:
        assert session.execute(select(FinalReport)).first() is None


def test_extend_adds_a_document_timestamp_and_keeps_the_earlier_file(
    chat: Chat, renderer: Renderer, tmp_path: Path
) -> None:
    complete(chat)
    with authority(tmp_path, tsa_days=30) as ca:  # its certificate expires in a month
        signer = Pkcs12Signer(ca.signer_p12, PASSPHRASE, "Bu Admin", timestamp_url=ca.tsa_url,
                              archival_timestamp=True)  # fmt: skip
        before = _final(chat, renderer, signer)
        # The real time: the authority stamps with it, whatever the test clock says.
        lines, done = extend_finals(chat.db, signer, within_days=365, now=datetime.now(UTC))
        assert done == 1 and "diperpanjang" in lines[0], lines
        again, done_again = extend_finals(chat.db, signer, within_days=7, now=datetime.now(UTC))
        assert done_again == 0 and "belum perlu" in again[0], again
    with session_scope(chat.db) as session:
        row = session.execute(select(FinalReport)).scalar_one()
        after = row.pdf
        assert row.pdf_sha256 == hashlib.sha256(after).hexdigest()
        earlier = finals.final_by_pdf_hash(session, sha256=hashlib.sha256(before).hexdigest())
        assert earlier is not None and earlier.id == row.id  # the earlier copy is still it
    assert after.startswith(before) and len(after) > len(before)
    assert len(timestamps(after)) == 3  # the signature's, the first document's, the new one
    checked = check_from_file(after, ca.ca_der)
    assert [c[0] for c in checked] == ["signature", "timestamp", "timestamp"]
    assert all(c[1] and c[2] for c in checked), checked
    _signature_findings_only(after)
