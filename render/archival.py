"""Finals made to last: PDF/A-3b (ISO 19005-3), from the PDF xhtml2pdf and our stamping make.

pikepdf's `pdfa` module prepares the file (an sRGB output intent, the PDF/A identification in
the XMP beside the title, author, subject and language already there), writes it and validates
what it wrote; it approves a file only if every construct is known to conform, and a final is
never stored that did not pass. What the final is made from travels inside it as PDF/A-3
associated files, each with its relationship and a description: the frozen data (Data), the
spreadsheet of the period as it was (Source), the evidence files (Supplement). Drafts are not
made archival.
"""

import gc
import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from datetime import datetime

import pikepdf
from pikepdf import AttachedFileSpec, Name, pdfa

logger = logging.getLogger(__name__)

FLAVOUR = "3b"
DATA, SOURCE, SUPPLEMENT = "Data", "Source", "Supplement"


class ArchivalError(RuntimeError):
    """The file written did not validate as PDF/A; the message names every finding."""


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the PDF as an associated file, as it was."""

    name: str
    data: bytes
    mime_type: str = "application/octet-stream"
    relationship: str = SUPPLEMENT
    description: str = ""


def archival(pdf: bytes, attachments: tuple[Attachment, ...] = (),
             created: datetime | None = None) -> bytes:  # fmt: skip
    """The PDF as PDF/A-3b with the attachments associated; raises ArchivalError (naming every
    finding) if the written file does not validate."""
    # The validator records every warning raised while it parses content streams. A temporary
    # file xhtml2pdf left unclosed in a reference cycle (a large part spills to one) would be
    # collected then, and its ResourceWarning taken for a finding: collect it first.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:  # a page transition (reportlab writes one) is not PDF/A's
            if Name.Trans in page.obj:
                del page.obj[Name.Trans]
        stamp = _pdf_date(created) if created is not None else ""
        specs = []
        for attachment in attachments:
            spec = AttachedFileSpec(
                document, attachment.data, description=attachment.description,
                filename=attachment.name, mime_type=attachment.mime_type,
                creation_date=stamp, mod_date=stamp,
                relationship=Name("/" + attachment.relationship),
            )  # fmt: skip
            document.attachments[attachment.name] = spec
            specs.append(spec.obj)
        if specs:
            document.Root.AF = pikepdf.Array(specs)
        out = io.BytesIO()
        try:
            report = pdfa.save(document, out, FLAVOUR)
        except pdfa.PdfaError as error:  # its report does not cross processes: its findings do
            found = "; ".join(str(f) for f in error.report.findings if f.kind != "info")
            raise ArchivalError(f"not PDF/A-{FLAVOUR}: {found}") from None
    logger.debug("PDF/A-%s written: %s findings", FLAVOUR, len(report.findings))
    return out.getvalue()


def carried(attachments: tuple[Attachment, ...]) -> list[dict[str, str]]:
    """What the data trail lists of the files a final carries: name, what it is, size,
    SHA-256 (no bytes: this travels to every rendering process)."""
    return [
        {"name": a.name, "what": a.description, "sha256": hashlib.sha256(a.data).hexdigest(),
         "size": f"{len(a.data):,} bita".replace(",", ".")}
        for a in attachments
    ]  # fmt: skip


def findings(pdf: bytes) -> list[str]:
    """What the validator finds in a file ([]: it passes as PDF/A-3b)."""
    report = pdfa.validate_written(io.BytesIO(pdf), FLAVOUR)
    return [str(finding) for finding in report.findings if finding.kind != "info"]


def _pdf_date(moment: datetime) -> str:
    """D:20270102100000+08'00' (a PDF date string)."""
    text = moment.strftime("D:%Y%m%d%H%M%S%z")
    return f"{text[:-2]}'{text[-2:]}'" if text[-5:-4] in "+-" else text


def attached_files(pdf: bytes) -> list[Attachment]:
    """The associated files a final carries, as they were put in."""
    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for name, spec in document.attachments.items():
            stream = spec.obj.EF.F
            relationship = str(spec.obj.get("/AFRelationship", "/Unspecified")).lstrip("/")
            mime = str(stream.get("/Subtype", "/application/octet-stream")).lstrip("/")
            found.append(Attachment(name, stream.read_bytes(), mime, relationship,
                                    str(spec.obj.get("/Desc", ""))))  # fmt: skip
    return found
