"""Reading a PDF's electronic signatures back: is each one intact, does it cover the whole
file, who signed, when, and was it this LSP's own certificate.

pyHanko validates offline (nothing is fetched: no revocation lists, no OCSP); a certificate is
trusted when it chains to this LSP's own signing chain (the one its PKCS#12 file carries).
pyHanko is imported only when a file is checked.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

logger = logging.getLogger(__name__)
# pyHanko logs a stack trace for every certificate it cannot chain to a trusted root; that is
# an answer here (SignatureFinding.trusted), not a fault.
logging.getLogger("pyhanko.sign.validation").setLevel(logging.ERROR)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.ERROR)


MAX_SIGNATURES = 5  # a file with more is read no further (each costs a validation)


@dataclass(frozen=True)
class SignatureFinding:
    """One signature in a file, as pyHanko reads it."""

    intact: bool  # the signed bytes are unchanged and the signature's mathematics holds
    whole_file: bool  # nothing was added to the file after it was signed
    signer: str  # the signer certificate's common name
    signed_at: datetime | None  # the timestamp authority's time, else the signer's own
    timestamped: bool
    trusted: bool  # the certificate chains to a trusted root
    ours: bool | None  # this LSP's own signing certificate (None: none is configured)


def read_signatures(pdf: bytes, *, own: Sequence[bytes] = ()) -> list[SignatureFinding] | None:
    """Every signature in the file ([] for none); None if it is not a PDF pyHanko can read.
    `own`: this LSP's signing certificate and its chain (DER), first the signer's."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    except Exception:
        return None
    # A document timestamp (PAdES B-LTA) is not a signature of the report: it vouches that
    # the file, signature and all, existed at its time.
    signed = [one for one in signatures if one.sig_object_type != "/DocTimeStamp"]
    return [_finding(signature, own) for signature in signed[:MAX_SIGNATURES]]


def _finding(signature: Any, own: Sequence[bytes]) -> SignatureFinding:
    from asn1crypto import x509  # type: ignore[import-untyped]
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [x509.Certificate.load(der) for der in own[1:] or own]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, context)
    except Exception:  # a signature so damaged it cannot even be checked
        logger.info("a signature could not be validated", exc_info=True)
        return SignatureFinding(False, False, _signer_name(signature), None, False, False, None)
    timestamp = status.timestamp_validity
    cert = status.signing_cert
    return SignatureFinding(
        intact=bool(status.intact and status.valid),
        whole_file=_whole(status),
        signer=_common_name(cert),
        signed_at=timestamp.timestamp if timestamp is not None else status.signer_reported_dt,
        timestamped=timestamp is not None,
        trusted=bool(status.trusted),
        ours=(cert.dump() == own[0]) if own else None,
    )


def _whole(status: Any) -> bool:
    """Nothing was added after signing but what keeps a signature checkable for years (the
    revocation data and document timestamps of PAdES B-LT and B-LTA)."""
    if status.coverage is None:
        return False
    if status.coverage.name == "ENTIRE_FILE":
        return True
    level = getattr(status, "modification_level", None)
    return status.coverage.name == "ENTIRE_REVISION" and getattr(level, "name", "") == "LTA_UPDATES"


def _signer_name(signature: Any) -> str:
    try:
        return _common_name(signature.signer_cert)
    except Exception:
        return "?"


def _common_name(cert: Any) -> str:
    try:
        return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    except Exception:
        return "?"
