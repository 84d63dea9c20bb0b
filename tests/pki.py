"""A throwaway certificate authority for long-term signatures, really served over HTTP: a CA,
a signer and a timestamp authority (TSA) it issued, each naming the CA's CRL, which a local
server hands out beside an RFC 3161 timestamp service (pyHanko's test TSA behind a real HTTP
POST). Stopping the server shows that a long-term signature is checked from the file alone."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "rahasia-kunci-uji"


def distinguished_name(common: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LSP P1 SMK Negeri 3 Kota Bima"),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])  # fmt: skip


@dataclass
class Authority:
    """The CA's files and the addresses of its services."""

    ca_der: bytes
    signer_p12: Path
    crl_url: str
    tsa_url: str
    requests: list[str]  # the paths asked of the server, in order


def _issue(
    ca_key: rsa.RSAPrivateKey, issuer: x509.Name, common: str, crl_url: str,
    usage: x509.ObjectIdentifier, days: int,
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:  # fmt: skip
    now = datetime.now(UTC) - timedelta(minutes=5)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
    cert = (
        x509.CertificateBuilder()
        .subject_name(distinguished_name(common)).issuer_name(issuer).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=days))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                     False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]),
                       critical=usage == ExtendedKeyUsageOID.TIME_STAMPING)
        .add_extension(x509.CRLDistributionPoints([point]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    return cert, key


@contextmanager
def authority(folder: Path, *, tsa_days: int = 365) -> Iterator[Authority]:
    """The CA, its signer's PKCS#12 file in `folder`, and its CRL and TSA served on a free
    local port while the block runs."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    now = datetime.now(UTC) - timedelta(minutes=5)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = distinguished_name("CA Uji Jangka Panjang lsp-bot")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                     False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_name).last_update(now).next_update(now + timedelta(days=7))
        .sign(ca_key, hashes.SHA256())
    ).public_bytes(serialization.Encoding.DER)  # fmt: skip
    seen: list[str] = []
    holder: dict[str, DummyTimeStamper] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self._answer(crl if self.path == "/ca.crl" else None, "application/pkix-crl")

        def do_POST(self) -> None:
            seen.append(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = tsp.TimeStampReq.load(body)
            reply = holder["tsa"].request_tsa_response(request).dump()
            self._answer(reply if self.path == "/tsa" else None, "application/timestamp-reply")

        def _answer(self, body: bytes | None, kind: str) -> None:
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    crl_url = f"{base}/ca.crl"
    signer, signer_key = _issue(ca_key, ca_name, "Manajer Administrasi", crl_url,
                                ExtendedKeyUsageOID.EMAIL_PROTECTION, 365)  # fmt: skip
    tsa, tsa_key = _issue(ca_key, ca_name, "TSA Uji lsp-bot", crl_url,
                          ExtendedKeyUsageOID.TIME_STAMPING, tsa_days)  # fmt: skip
    der = serialization.Encoding.DER
    holder["tsa"] = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        certs_to_embed=None,
    )  # fmt: skip
    path = folder / "penanda-tangan-lt.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"penanda tangan", signer_key, signer, [ca],
        serialization.BestAvailableEncryption(PASSPHRASE.encode())))  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Authority(ca.public_bytes(der), path, crl_url, f"{base}/tsa", seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def check_from_file(pdf: bytes, ca_der: bytes) -> list[tuple[str, bool, bool, str, str]]:
    """Every signature and document timestamp in `pdf`, checked by pyHanko against the CA with
    nothing fetched: the chain and revocation data must come from the file's DSS. (kind, intact
    and valid, trusted, coverage, what was changed after it) each."""
    from io import BytesIO

    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import (
        DocumentSecurityStore,
        validate_pdf_signature,
        validate_pdf_timestamp,
    )

    root = asn1_x509.Certificate.load(ca_der)
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    dss = DocumentSecurityStore.read_dss(reader)

    def context() -> object:
        return dss.as_validation_context(
            {"trust_roots": [root], "allow_fetching": False, "revocation_mode": "hard-fail"}
        )

    found = []
    for embedded in reader.embedded_signatures:
        if embedded.sig_object_type == "/DocTimeStamp":
            status = validate_pdf_timestamp(embedded, validation_context=context())
            found.append(("timestamp", status.intact and status.valid, status.trusted,
                          status.coverage.name, _changes(status)))  # fmt: skip
        else:
            signed = validate_pdf_signature(embedded, context(), ts_validation_context=context())
            assert signed.timestamp_validity is not None and signed.timestamp_validity.trusted
            found.append(("signature", signed.intact and signed.valid, signed.trusted,
                          signed.coverage.name, _changes(signed)))  # fmt: skip
    return found


def _changes(status: object) -> str:
    level = getattr(status, "modification_level", None)
    return "NONE" if level is None else str(level.name)
