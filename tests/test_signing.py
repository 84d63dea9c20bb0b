"""Finals signed as they are made (PAdES), with a throwaway CA and signer made here: pyHanko's
validator and poppler's `pdfsig` find the signature valid and covering the whole file, and
broken once one byte of the file is changed; the stored SHA-256 is the signed file's."""

import hashlib
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from sqlalchemy import select

from bot.reports.desk import ReportDesk
from render.renderer import Renderer
from render.signing import Pkcs12Signer, SigningError
from storage.db import session_scope
from storage.models import FinalReport
from tests.helpers import SEMESTER_OVER, Chat, complete_profile
from tests.pki import PASSPHRASE, distinguished_name
from tests.reporting import fill, nihil


def throwaway_ca(folder: Path) -> tuple[Path, bytes]:
    """A CA and a signer certificate it issued, the signer's key and chain in a PKCS#12 file;
    the file and the CA certificate (DER)."""
    now = datetime.now(UTC) - timedelta(minutes=5)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(distinguished_name("CA Uji lsp-bot"))
        .issuer_name(distinguished_name("CA Uji lsp-bot"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(distinguished_name("Manajer Administrasi"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    path = folder / "penanda-tangan.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"penanda tangan", key, signer, [ca],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )  # fmt: skip
    return path, ca.public_bytes(serialization.Encoding.DER)


def validate(pdf: bytes, ca_der: bytes) -> tuple[bool, bool, str]:
    """pyHanko's verdict: (intact and valid, trusted, coverage)."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ca_file = Path(tempfile.mkdtemp()) / "ca.der"
    ca_file.write_bytes(ca_der)
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_file))])
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    signatures = reader.embedded_signatures
    assert len(signatures) == 1
    status = validate_pdf_signature(signatures[0], context)
    return status.intact and status.valid, status.trusted, status.coverage.name


@pytest.fixture
def signed_final(chat: Chat, renderer: Renderer, tmp_path: Path) -> tuple[bytes, bytes, Chat]:
    """A real final of 2026-II, signed; its PDF, the CA certificate and the chat."""
    key_file, ca_der = throwaway_ca(tmp_path)
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.7")
    nihil(chat, "admin", "2.6")
    signer = Pkcs12Signer(key_file, PASSPHRASE, "Bu Admin", location="Kota Bima")
    desk = ReportDesk(chat.db, renderer, clock=chat.clock, signer=signer)
    period = desk.period("2026-II")
    assert period is not None
    outcome = desk.final(period, prepared_by="Bu Admin", member_id=None, channel="console")
    assert outcome.created and outcome.pdf is not None
    return outcome.pdf, ca_der, chat


def test_a_signed_final_validates_over_the_whole_file(
    signed_final: tuple[bytes, bytes, Chat],
) -> None:
    pdf, ca_der, chat = signed_final
    assert validate(pdf, ca_der) == (True, True, "ENTIRE_FILE")
    with session_scope(chat.db) as session:
        row = session.execute(select(FinalReport)).scalar_one()
    assert row.pdf == pdf and row.pdf_sha256 == hashlib.sha256(pdf).hexdigest()

    changed = bytearray(pdf)
    at = pdf.index(b"Laporan") if b"Laporan" in pdf else len(pdf) // 3
    changed[at] ^= 0x01  # one byte inside the signed range
    intact, _trusted, _coverage = validate(bytes(changed), ca_der)
    assert not intact


def test_pdfsig_reads_it_valid_and_then_broken(
    signed_final: tuple[bytes, bytes, Chat], tmp_path: Path
) -> None:
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig is not installed (Debian package poppler-utils)")
    pdf, _ca_der, _chat = signed_final
    good, bad = tmp_path / "final.pdf", tmp_path / "diubah.pdf"
    good.write_bytes(pdf)
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    bad.write_bytes(bytes(changed))
    # pdfsig exits 0 even when the digest does not match: its words are what count.
    seen = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in seen and "Total document signed" in seen, seen
    assert "Signer Certificate Common Name: Manajer Administrasi" in seen
    broken = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in broken, broken


def test_a_key_that_cannot_be_opened_is_one_indonesian_line(tmp_path: Path) -> None:
    key_file, _ca = throwaway_ca(tmp_path)
    with pytest.raises(SigningError, match="periksa SIGNING_PASSPHRASE"):
        Pkcs12Signer(key_file, "salah", None).sign(b"%PDF-1.7", reason="uji")
    with pytest.raises(SigningError, match="tidak ditemukan"):
        Pkcs12Signer(tmp_path / "tidak-ada.p12", None, None).sign(b"%PDF-1.7", reason="uji")


def test_final_in_the_chat_with_a_wrong_passphrase_is_one_line_and_stores_nothing(
    chat: Chat, tmp_path: Path
) -> None:
    key_file, _ca = throwaway_ca(tmp_path)
    chat.desk.signer = Pkcs12Signer(key_file, "sandi-salah", "Bu Admin")
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.5", "2.7")
    nihil(chat, "admin", "2.6")
    documents = len(chat.documents)
    reply = chat.say("admin", "/final")
    assert reply.count("\n") == 0 and "periksa SIGNING_PASSPHRASE" in reply, reply
    assert "sandi-salah" not in reply and len(chat.documents) == documents
    with session_scope(chat.db) as session:
        assert session.execute(select(FinalReport)).first() is None
