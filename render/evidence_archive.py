"""A period's evidence as one ZIP (`/ekspor bukti`, `lsp-bot export --evidence`): every file
as it was sent, under bukti/, with a manifest in JSON and as readable text naming each file's
section, answer, sender, time and SHA-256, so anyone can check the copies against the reports'
Lampiran Bukti and Jejak Data."""

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from render import texts
from render.filters import wita_datetime
from render.report_data import EvidenceItem

FOLDER = "bukti"


def stored_name(item: EvidenceItem) -> str:
    """'bukti/03-berita-acara.jpg': numbered, so two files of one name stay apart."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in item["name"]) or "berkas"
    return f"{FOLDER}/{item['no']:03d}-{safe}"


def evidence_zip(
    items: Sequence[EvidenceItem], files: Mapping[str, bytes], *, lsp: str, period: str,
    now: datetime,
) -> bytes:  # fmt: skip
    """The ZIP's bytes: the files and the manifest (a file whose bytes are missing is listed
    as missing, never silently left out)."""
    out = io.BytesIO()
    listed: list[dict[str, Any]] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            data = files.get(item["sha256"])
            path = stored_name(item) if data is not None else None
            if data is not None and path is not None:
                archive.writestr(zipfile.ZipInfo(path, _stamp(now)), data)
            listed.append({**item, "file": path})
        made_at = wita_datetime(now)
        manifest = {"lsp": lsp, "period": period, "made_at": made_at, "files": listed}
        archive.writestr(zipfile.ZipInfo("MANIFEST.json", _stamp(now)),
                         json.dumps(manifest, ensure_ascii=False, indent=2))  # fmt: skip
        readable = _readable(listed, lsp=lsp, period=period, made_at=made_at)
        archive.writestr(zipfile.ZipInfo("MANIFEST.txt", _stamp(now)), readable)
    return out.getvalue()


def _stamp(now: datetime) -> tuple[int, int, int, int, int, int]:
    return now.timetuple()[:6]


def _readable(listed: list[dict[str, Any]], *, lsp: str, period: str, made_at: str) -> str:
    lines = [texts.EVIDENCE_ZIP_HEAD.format(lsp=lsp, period=period, made_at=made_at), ""]
    for item in listed:
        shown = {**item, "file": item["file"] or texts.EVIDENCE_ZIP_MISSING}
        lines.append(texts.EVIDENCE_ZIP_LINE.format(**shown))
    lines += ["", texts.EVIDENCE_ZIP_CHECK]
    return "\n".join(lines) + "\n"
