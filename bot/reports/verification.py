"""Is this file a stored final, and is its signature sound: for the chat, the CLI and the
public verification page alike.

What the public may see of a final is `PublicFinal`: the LSP, report, period, number, version,
date, SHA-256 and whether a newer version replaced it; never an answer, never a name of the
people who gave the data or made the report.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from bot.reports import texts
from bot.reports.desk import ReportDesk, sha256
from bot.reports.editions import ACTIVITIES, Edition, edition_label
from render.filters import wita_long
from render.pdf_text import footer_claims
from render.signatures import SignatureFinding, read_signatures
from render.signing import SigningError
from render.texts import REPORT_TITLES
from render.verification import normalized, shown
from storage import finals, period_data
from storage.db import read_scope
from storage.finals import FinalInfo

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """What a file is: `match` (exactly a stored final) or not; what its footer claims and
    the stored final it claims to be; its signatures (None: not a readable PDF)."""

    sha256: str
    match: FinalInfo | None
    claims: dict[str, str] | None
    claimed: FinalInfo | None
    signatures: list[SignatureFinding] | None


@dataclass(frozen=True)
class Newer:
    """The latest version, which replaced the one shown (`code` as printed)."""

    version: int
    made_at: str
    code: str | None


@dataclass(frozen=True)
class PublicFinal:
    """A stored final as the public verification page shows it."""

    lsp: str
    title: str
    period: str
    number: str
    version: int
    made_at: str
    sha256: str
    code: str | None
    newer: Newer | None


def edition_of(code: str) -> Edition:
    """The edition a final is filed under ('A', 'B', 'B3')."""
    if code[1:].isdigit():
        return Edition(code[:1], int(code[1:]))
    return Edition(code) if code else ACTIVITIES


class Verifier:
    """Checks files and codes against the stored finals."""

    def __init__(self, desk: ReportDesk) -> None:
        self.desk = desk
        self.db: Engine = desk.db
        self._own: list[bytes] | None = None

    def own_certificates(self) -> list[bytes]:
        """This LSP's signing certificate and chain ([] when finals are not signed, or its
        key can no longer be opened: then signatures are read without knowing whose)."""
        if self._own is None:
            try:
                self._own = self.desk.signer.certificates() if self.desk.signer else []
            except SigningError as problem:
                logger.warning("signing key unreadable while checking a file: %s", problem)
                return []
        return self._own

    def check(self, data: bytes) -> Check:
        """Everything known about a file."""
        digest = sha256(data)
        with read_scope(self.db) as session:
            match = finals.final_by_pdf_hash(session, sha256=digest)
        claims = footer_claims(data) if match is None else None
        claimed = self._claimed(claims) if claims else None
        signatures = read_signatures(data, own=self.own_certificates())
        return Check(digest, match, claims, claimed, signatures)

    def _claimed(self, claims: dict[str, str]) -> FinalInfo | None:
        code = normalized(claims.get("code", ""))
        with read_scope(self.db) as session:
            if code is not None:
                found = finals.final_by_code(session, code=code)
                if found is not None:
                    return found
            return finals.final_by_number(
                session, number=claims["number"], version=int(claims["version"])
            )

    def by_code(self, text: str) -> FinalInfo | None:
        """The final a typed or scanned code names."""
        code = normalized(text)
        if code is None:
            return None
        with read_scope(self.db) as session:
            return finals.final_by_code(session, code=code)

    def public(self, info: FinalInfo) -> PublicFinal:
        """What the public page says of a final."""
        with read_scope(self.db) as session:
            period = period_data.period_by_id(session, period_id=info.period_id)
            versions = finals.finals(session, period_id=info.period_id, report=info.report)
            lsp, title = _names(self.db, info.id)
        latest = versions[-1] if versions else info
        newer = None
        if latest.version > info.version:
            code = latest.verification_code
            newer = Newer(
                latest.version, wita_long(latest.created_at), shown(code) if code else None
            )
        label = edition_label(period, edition_of(info.report)) if period else "?"
        return PublicFinal(
            lsp=lsp,
            title=title or REPORT_TITLES.get(info.report[:1], ""),
            period=label,
            number=info.document_number,
            version=info.version,
            made_at=wita_long(info.created_at),
            sha256=info.pdf_sha256,
            code=shown(info.verification_code) if info.verification_code else None,
            newer=newer,
        )


@lru_cache(maxsize=256)
def _names(db: Engine, final_id: int) -> tuple[str, str]:
    """The LSP's name and the report's title as the final printed them (a final never
    changes, so this is kept)."""
    with read_scope(db) as session:
        snapshot: Any = finals.final_snapshot(session, final_id=final_id)
    content = snapshot.get("content", {}) if isinstance(snapshot, dict) else {}
    return str(content.get("lsp", {}).get("name", "")), str(content.get("title", ""))


def signature_lines(found: list[SignatureFinding] | None) -> str:
    """What the signatures say, one line each (the chat and the CLI)."""
    if not found:
        return texts.SIGNATURE_NONE
    return "\n".join(_line(finding) for finding in found)


def _line(finding: SignatureFinding) -> str:
    if not finding.intact:
        return texts.SIGNATURE_BROKEN.format(signer=finding.signer)
    at = wita_long(finding.signed_at) if finding.signed_at else "?"
    text = texts.SIGNATURE_VALID.format(
        signer=finding.signer,
        at=at,
        stamp=texts.SIGNATURE_TIMESTAMPED if finding.timestamped else "",
    )
    if not finding.whole_file:
        text += texts.SIGNATURE_PARTIAL
    if finding.ours is True:
        text += texts.SIGNATURE_OURS
    elif finding.ours is False:
        text += texts.SIGNATURE_NOT_OURS
    return text


def verdict(verifier: Verifier, data: bytes, *, fetch: str) -> tuple[bool, str]:
    """Whether a file is exactly a stored final, and the text that says so (or why not) with
    its signatures, for the admin in the chat or on the CLI; `fetch` tells how to get the
    original ('/laporan {version}')."""
    check = verifier.check(data)
    signed = signature_lines(check.signatures)
    info = check.match
    if info is None:
        hint = ""
        if check.claims and check.claimed is not None:
            claims = check.claims
            hint = texts.VERIFY_HINT.format(fetch=fetch.format(version=claims["version"]),
                                            **claims)  # fmt: skip
        elif check.claims:
            hint = texts.VERIFY_HINT_UNKNOWN.format(**check.claims)
        return False, texts.VERIFY_NO_MATCH.format(sha=check.sha256, hint=hint) + "\n" + signed
    desk = verifier.desk
    period = desk.period_by_id(info.period_id)
    by = desk.member_names({info.created_by}) if info.created_by else {}
    text = texts.VERIFY_MATCH.format(
        title=REPORT_TITLES[info.report[:1]],
        period=edition_label(period, edition_of(info.report)) if period else "?",
        number=info.document_number,
        version=info.version,
        at=wita_long(info.created_at),
        by=by.get(info.created_by or 0, texts.NO_ADMIN_NAME),
        sha=info.pdf_sha256,
    )
    return True, text + "\n" + signed
