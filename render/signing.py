"""Finals signed as they are made: PAdES (baseline B-B, or B-T with a timestamp authority),
the signature covering the whole file, so any later change shows as broken in any PDF reader.

Signing is behind `Signer` (PDF bytes in, signed PDF bytes out), so a remote signing service,
as Indonesian PSrE offer (the key never leaves them), can take the place of `Pkcs12Signer`.
pyHanko is imported only when a final is signed.
"""

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Protocol

from render import texts

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

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        """The PDF signed with this key (PAdES B-B; B-T with `timestamp_url`)."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.fields import SigSeedSubFilter

        signer = self._load()
        timestamper = None
        if self.timestamp_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            timestamper = HTTPTimeStamper(self.timestamp_url)
        metadata = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason,
            location=self.location,
            name=self.name,
            use_pades_lta=False,
        )
        pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper)
        out = pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)))
        assert isinstance(out, BytesIO)
        return out.getvalue()

    def certificates(self) -> list[bytes]:
        """The certificate in the file, then the chain it carries (DER)."""
        signer = self._load()
        own = signer.signing_cert.dump()
        chain = [cert.dump() for cert in signer.cert_registry if cert.dump() != own]
        return [own, *chain]

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
