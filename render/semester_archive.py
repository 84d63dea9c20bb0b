"""A semester's whole record in one ZIP (`lsp-bot archive`, `/arsip`): every version of both
reports' finals, the period's spreadsheet, the evidence files, and a manifest (JSON and
readable text) with each file's SHA-256, the finals' verification codes and how to check them.

`check` reads an archive back against its own manifest: a file missing, changed, or not listed
is named. Checking it against the database is the caller's (bot/records/desk.py).
"""

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from render import records_texts as texts
from render.filters import wita_datetime

MANIFEST_JSON, MANIFEST_TEXT = "MANIFEST.json", "MANIFEST.txt"
FINALS, DATA, EVIDENCE = "laporan", "data", "bukti"
FORMAT = "lsp-bot-arsip-1"


@dataclass(frozen=True)
class ArchiveFile:
    """One file going into the archive, with what the manifest says of it."""

    path: str  # inside the ZIP: laporan/..., data/..., bukti/...
    data: bytes
    kind: str  # FINALS, DATA or EVIDENCE
    facts: dict[str, Any] = field(default_factory=dict)  # report, version, code, answer...


@dataclass(frozen=True)
class Finding:
    """Something an archive check found: a file and what is wrong with it."""

    path: str
    problem: str  # texts.ARCHIVE_* with the path filled in


def build(files: Sequence[ArchiveFile], *, lsp: str, period: str, made_by: str,
          now: datetime, verify_url: str | None) -> bytes:  # fmt: skip
    """The ZIP's bytes."""
    listed = [
        {"path": f.path, "kind": f.kind, "sha256": hashlib.sha256(f.data).hexdigest(),
         "size": len(f.data), **f.facts}
        for f in files
    ]  # fmt: skip
    manifest = {"format": FORMAT, "lsp": lsp, "period": period, "made_at": wita_datetime(now),
                "made_by": made_by, "verify_url": verify_url, "files": listed}  # fmt: skip
    stamp = now.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in files:  # a PDF or a photo hardly shrinks: stored as it is
            method = zipfile.ZIP_DEFLATED if item.kind == DATA else zipfile.ZIP_STORED
            info = zipfile.ZipInfo(item.path, stamp)
            info.compress_type = method
            archive.writestr(info, item.data)
        archive.writestr(zipfile.ZipInfo(MANIFEST_JSON, stamp),
                         json.dumps(manifest, ensure_ascii=False, indent=2))  # fmt: skip
        archive.writestr(zipfile.ZipInfo(MANIFEST_TEXT, stamp), readable(manifest))
    return out.getvalue()


def readable(manifest: dict[str, Any]) -> str:
    """The manifest as a person reads it."""
    lines = [texts.ARCHIVE_HEAD.format(**manifest), ""]
    for item in manifest["files"]:
        if item["kind"] == FINALS:
            lines.append(texts.ARCHIVE_LINE_FINAL.format(
                code=item.get("verification_code") or "-", **item))  # fmt: skip
        elif item["kind"] == EVIDENCE:
            lines.append(texts.ARCHIVE_LINE_EVIDENCE.format(**item))
        else:
            lines.append(texts.ARCHIVE_LINE_DATA.format(**item))
    lines += ["", texts.ARCHIVE_HOW.format(url=manifest.get("verify_url") or texts.ARCHIVE_NO_URL)]
    return "\n".join(lines) + "\n"


def read_manifest(data: bytes) -> dict[str, Any] | None:
    """The archive's manifest, or None when the file is not one of our archives."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read(MANIFEST_JSON))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None
    return manifest


def check(data: bytes) -> tuple[dict[str, Any] | None, list[Finding], dict[str, bytes]]:
    """The manifest, what is wrong with the archive against it, and the files that match it
    (by path), for the checks against the database."""
    manifest = read_manifest(data)
    if manifest is None:
        return None, [Finding("", texts.ARCHIVE_NOT_OURS)], {}
    found: list[Finding] = []
    good: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = {name for name in archive.namelist() if not name.endswith("/")}
        listed = {str(item.get("path")) for item in manifest.get("files", [])}
        for item in manifest.get("files", []):
            path = str(item.get("path"))
            if path not in present:
                found.append(Finding(path, texts.ARCHIVE_MISSING.format(path=path)))
                continue
            try:
                content = archive.read(path)
            except (zipfile.BadZipFile, OSError, ValueError):  # a damaged entry (bad CRC)
                found.append(Finding(path, texts.ARCHIVE_CHANGED.format(path=path)))
                continue
            if hashlib.sha256(content).hexdigest() != item.get("sha256"):
                found.append(Finding(path, texts.ARCHIVE_CHANGED.format(path=path)))
                continue
            good[path] = content
        for path in sorted(present - listed - {MANIFEST_JSON, MANIFEST_TEXT}):
            found.append(Finding(path, texts.ARCHIVE_UNLISTED.format(path=path)))
    return manifest, found, good
