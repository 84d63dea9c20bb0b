"""Signatures that can still be checked in ten years (PAdES B-LT and B-LTA).

A long-term signature carries what checking it needs: the timestamp authority's token, and in
the file's DSS the signer's and the authority's chains with their revocation data, fetched as
the signature is made. What still ages is the last timestamp: its authority's certificate
expires, and before it does a new document timestamp over the whole file (with the revocation
data of the previous one) has to be added, which is `extend`.
"""

import logging
from datetime import datetime
from io import BytesIO
from typing import Any

from render import records_texts as texts

logger = logging.getLogger(__name__)


def timestamper_for(url: str) -> Any:
    """An RFC 3161 client for the authority at `url`."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=30)


def validation_context(roots: list[Any]) -> Any:
    """What a signature is made against: these trust anchors, and revocation data fetched and
    required."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=roots, allow_fetching=True, revocation_mode="require")


def explain(error: BaseException) -> str:
    """One Indonesian line for a long-term signature that could not be made."""
    from pyhanko.sign.timestamps import TimestampRequestError

    logger.warning("long-term signature not made: %s", type(error).__name__)
    if isinstance(error, TimestampRequestError):
        return texts.SIGNING_TSA_UNREACHABLE
    return texts.SIGNING_CHAIN_UNCHECKED


def is_signed(pdf: bytes) -> bool:
    """Whether the file holds any signature (read, not validated)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return bool(PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures)


def timestamps(pdf: bytes) -> list[tuple[datetime, datetime]]:
    """Every timestamp in the file, oldest first: (when it was made, when its authority's
    certificate expires): the signature's own token, then each document timestamp."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    found = []
    for embedded in PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures:
        if embedded.sig_object_type == "/DocTimeStamp":
            found.append(_moment(embedded.signed_data))
        else:
            found.extend(_moment(token) for token in _signature_tokens(embedded.signer_info))
    return sorted(found)


def _signature_tokens(signer_info: Any) -> list[Any]:
    """The SignedData of a signature's timestamp tokens (its unsigned attributes)."""
    attributes = signer_info["unsigned_attrs"]
    if not attributes:
        return []
    return [value["content"] for attribute in attributes
            if attribute["type"].native == "signature_time_stamp_token"
            for value in attribute["values"]]  # fmt: skip


def _moment(signed_data: Any) -> tuple[datetime, datetime]:
    """(genTime, the authority's certificate's notAfter) of a timestamp token's SignedData."""
    made = signed_data["encap_content_info"]["content"].parsed["gen_time"].native
    sid = signed_data["signer_infos"][0]["sid"]
    certificates = [choice.chosen for choice in signed_data["certificates"]]
    if sid.name == "issuer_and_serial_number":
        serial = sid.chosen["serial_number"].native
        own = [cert for cert in certificates if cert.serial_number == serial]
    else:
        own = [cert for cert in certificates if cert.key_identifier == sid.chosen.native]
    return made, min(cert.not_valid_after for cert in own or certificates)


def extend(pdf: bytes, *, timestamp_url: str, roots: list[Any]) -> bytes:
    """`pdf` with the revocation data of its last timestamp added and a new document timestamp
    over the whole file (PAdES B-LTA). The signature and what it covers are unchanged."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import PdfTimeStamper

    stamper = PdfTimeStamper(timestamper_for(timestamp_url))
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    try:
        out = stamper.update_archival_timestamp_chain(
            reader, validation_context(roots), in_place=False
        )
    except Exception as error:
        from render.signing import SigningError

        raise SigningError(explain(error)) from None
    return bytes(out.getvalue())
