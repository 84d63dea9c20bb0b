"""Finals signed as they are made: PAdES, the signature covering the whole file, so any later
change shows as broken in any PDF reader.

- Without a timestamp authority: baseline B-B (the signer's claimed time only).
- With one (`timestamp_url`): B-LT. The signature is timestamped, and the signer's chain and
  its revocation data (CRL or OCSP, fetched as the signature is made) are embedded in the
  file's DSS, so the signature can still be checked once the certificate has expired or its CA
  is gone. With `archival_timestamp`: B-LTA, a document timestamp over all of it; extending it
  before that timestamp's certificate expires is `render/long_term.py`.

Signing is behind `Signer` (PDF bytes in, signed PDF bytes out), so a remote signing service,
as Indonesian PSrE offer (the key never leaves them), can take the place of `Pkcs12Signer`.
pyHanko is imported only when a final is signed.
"""

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Protocol

from render import records_texts, texts

SIGNATURE_FIELD = "TandaTanganLaporanFinal"
# pyHanko logs a stack trace when a PKCS#12 file does not open; SigningError says it in one
# Indonesian line instead.
logging.getLogger("pyhanko.sign.signers.pdf_cms").setLevel(logging.CRITICAL)


class Signer(Protocol):
    """Whoever signs finals."""

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        """The PDF, signed over the whole file, for `reason` ("Laporan final LSP ...")."""
        ...

    def certificates(self) -> list[bytes]:
        """The signer's certificate, then its chain (DER), so a check can tell this LSP's
        own signatures from others."""
        ...


class SigningError(Exception):
    """The key cannot be read or used (the message says why, in Indonesian)."""


@dataclass(frozen=True)
class Pkcs12Signer:
    """A key and certificate (and its chain) in a PKCS#12 file, on this machine."""

    path: Path
    passphrase: str | None
    name: str | None
    location: str | None = None
    timestamp_url: str | None = None
    archival_timestamp: bool = False  # B-LTA: a document timestamp after the DSS
    trust_roots: tuple[Path, ...] = ()  # besides the self-signed certificates in the file

    @property
    def level(self) -> str:
        """The PAdES baseline level this signer makes."""
        if not self.timestamp_url:
            return "B-B"
        return "B-LTA" if self.archival_timestamp else "B-LT"

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        """The PDF signed with this key, at `level`."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.fields import SigSeedSubFilter

        signer = self._load()
        timestamper, context = None, None
        if self.timestamp_url:
            from render.long_term import timestamper_for, validation_context

            timestamper = timestamper_for(self.timestamp_url)
            context = validation_context(self.roots(signer))
        metadata = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason,
            location=self.location,
            name=self.name,
            embed_validation_info=context is not None,
            validation_context=context,
            use_pades_lta=context is not None and self.archival_timestamp,
        )
        pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper)
        try:
            out = pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)))
        except Exception as error:
            if context is None:
                raise
            from render.long_term import explain

            raise SigningError(explain(error)) from None
        assert isinstance(out, BytesIO)
        return out.getvalue()

    def certificates(self) -> list[bytes]:
        """The certificate in the file, then the chain it carries (DER)."""
        signer = self._load()
        own = signer.signing_cert.dump()
        chain = [cert.dump() for cert in signer.cert_registry if cert.dump() != own]
        return [own, *chain]

    def roots(self, signer: Any = None) -> list[Any]:
        """The trust anchors a long-term signature is checked against: the self-signed
        certificates the file carries, and those in `trust_roots`."""
        from pyhanko.keys import load_certs_from_pemder

        signer = signer or self._load()
        found = [cert for cert in signer.cert_registry if cert.self_signed != "no"]
        for path in self.trust_roots:
            if not path.is_file():
                raise SigningError(records_texts.SIGNING_ROOTS_MISSING.format(path=path))
            found.extend(load_certs_from_pemder([str(path)]))
        return found

    def _load(self) -> Any:
        from pyhanko.sign import signers

        if not self.path.is_file():
            raise SigningError(texts.SIGNING_KEY_MISSING.format(path=self.path))
        passphrase = self.passphrase.encode() if self.passphrase else None
        try:
            signer = signers.SimpleSigner.load_pkcs12(str(self.path), passphrase=passphrase)
        except Exception:
            signer = None
        if signer is None:
            raise SigningError(texts.SIGNING_KEY_UNREADABLE.format(path=self.path))
        return signer
