"""A report's data fingerprint: the SHA-256 of its content as canonical JSON (keys sorted, no
spaces, UTF-8). A final prints it, stores it, and carries these very bytes inside it."""

import hashlib
import json
from typing import Any

from render.report_data import ReportContent


def canonical(content: ReportContent | dict[str, Any]) -> bytes:
    """The content as the fingerprint reads it: JSON, keys sorted, no spaces, UTF-8 (a final
    carries exactly these bytes)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def content_hash(content: ReportContent | dict[str, Any]) -> str:
    """SHA-256 of the content, independent of key order: the data's fingerprint."""
    return hashlib.sha256(canonical(content)).hexdigest()
