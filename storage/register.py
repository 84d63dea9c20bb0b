"""Reads of the certificate register (keyword-only; the caller owns the transaction)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from storage.register_models import Assessor, Certificate, Issuance, Revocation, Scheme, Tuk

NAMED = {"scheme": Scheme, "tuk": Tuk, "assessor": Assessor}
LOOKUP_WORDS = 12  # a typed certificate number is at most this many words


def fold(name: str) -> str:
    """A name as the register matches it: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


def compact(number: str) -> str:
    """A certificate number as typed numbers are matched to it: case and spaces ignored."""
    return "".join(number.split()).casefold()


@dataclass(frozen=True)
class StoredCertificate:
    """A certificate with its names resolved, where it came from, and what became of it."""

    number: str
    holder: str
    scheme: str
    kind: str
    route: str
    tuk: str | None
    assessor: str | None
    issued_on: date
    valid_until: date
    replaces: str | None
    issuance: int
    source_row: int | None
    revoked_on: date | None = None
    revocation_reason: str | None = None
    revision: int = 1
    replaced_by: str | None = None
    revocation_decision: str | None = None

    def status(self, today: date) -> str:
        """'dicabut', 'digantikan' (renewed by another), 'kedaluwarsa' (past its validity)
        or 'aktif'."""
        if self.revoked_on is not None:
            return "dicabut"
        if self.replaced_by is not None:
            return "digantikan"
        return "kedaluwarsa" if self.valid_until < today else "aktif"


def _certificates_query() -> Any:
    renewal = aliased(Certificate)
    renewals = (
        select(renewal.replaces.label("old"), func.min(renewal.number).label("new"))
        .where(renewal.replaces.is_not(None))
        .group_by(renewal.replaces)
        .subquery()
    )
    return (
        select(
            Certificate.number, Certificate.holder, Scheme.name, Certificate.kind,
            Certificate.route, Tuk.name, Assessor.name, Certificate.issued_on,
            Certificate.valid_until, Certificate.replaces, Issuance.number,
            Certificate.source_row, Revocation.revoked_on, Revocation.reason,
            Certificate.revision, renewals.c.new, Revocation.decision,
        )
        .join(Scheme, Scheme.id == Certificate.scheme_id)
        .join(Issuance, Issuance.id == Certificate.issuance_id)
        .outerjoin(Tuk, Tuk.id == Certificate.tuk_id)
        .outerjoin(Assessor, Assessor.id == Certificate.assessor_id)
        .outerjoin(Revocation, Revocation.certificate_id == Certificate.id)
        .outerjoin(renewals, renewals.c.old == Certificate.number)
    )  # fmt: skip


def _read(session: Session, query: Any) -> list[StoredCertificate]:
    return [StoredCertificate(*row) for row in session.execute(query)]


def certificates_by_number(session: Session, *, numbers: list[str]) -> dict[str, StoredCertificate]:
    """The stored certificates among these numbers."""
    found: dict[str, StoredCertificate] = {}
    for start in range(0, len(numbers), 900):  # keep under every database's bind limit
        chunk = numbers[start : start + 900]
        query = _certificates_query().where(Certificate.number.in_(chunk))
        found.update({c.number: c for c in _read(session, query)})
    return found


def find_typed(session: Session, *, text: str) -> tuple[StoredCertificate, int] | None:
    """The certificate a typed text begins with, as BNSP prints numbers (spaces and all, in
    any case), and how many of the text's words its number took; the longest match wins."""
    words = text.split()[:LOOKUP_WORDS]
    keys = {compact(" ".join(words[:n])): n for n in range(1, len(words) + 1)}
    if not keys:
        return None
    key = func.lower(func.replace(Certificate.number, " ", ""))
    found = _read(session, _certificates_query().where(key.in_(list(keys))))
    if not found:
        return None
    best = max(found, key=lambda c: keys.get(compact(c.number), 0))
    return best, keys.get(compact(best.number), 0)


def find_exactly(session: Session, *, text: str) -> StoredCertificate | None:
    """The certificate whose number is exactly the typed text (spaces and case aside)."""
    found = find_typed(session, text=text)
    return found[0] if found is not None and found[1] == len(text.split()) else None


def certificates_issued(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Certificates issued between two dates (inclusive), by issue date and number."""
    query = (
        _certificates_query()
        .where(Certificate.issued_on >= start, Certificate.issued_on <= end)
        .order_by(Certificate.issued_on, Certificate.number)
    )
    return _read(session, query)


def expiring(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Certificates neither revoked nor renewed whose validity ends between two dates,
    soonest first."""
    query = (
        _certificates_query()
        .where(
            Certificate.valid_until >= start,
            Certificate.valid_until <= end,
            Revocation.id.is_(None),
        )
        .order_by(Certificate.valid_until, Certificate.number)
    )
    return [c for c in _read(session, query) if c.replaced_by is None]


def revoked_between(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Certificates revoked between two dates (inclusive)."""
    query = (
        _certificates_query()
        .where(Revocation.revoked_on >= start, Revocation.revoked_on <= end)
        .order_by(Revocation.revoked_on, Certificate.number)
    )
    return _read(session, query)


def certificates_of_issuance(session: Session, *, number: int) -> list[StoredCertificate]:
    """The certificates recorded by one issuance, in their file's order."""
    query = _certificates_query().where(Issuance.number == number).order_by(Certificate.source_row)
    return _read(session, query)


def known_names(session: Session) -> dict[str, dict[str, str]]:
    """Per kind ('scheme', 'tuk', 'assessor'), folded name -> name as first written."""
    return {
        kind: {row.key: row.name for row in session.execute(select(table.name, table.key))}
        for kind, table in NAMED.items()
    }


@dataclass(frozen=True)
class SchemeRecord:
    """A scheme as the register knows it: its number, kind and default validity."""

    name: str
    number: str
    kind: str
    validity_years: int


def schemes(session: Session) -> dict[str, SchemeRecord]:
    """Every scheme the register knows, by folded name."""
    rows = session.execute(
        select(Scheme.key, Scheme.name, Scheme.number, Scheme.kind, Scheme.validity_years)
    )
    return {row[0]: SchemeRecord(*row[1:]) for row in rows}


def scheme_validity(session: Session) -> dict[str, int]:
    """Folded scheme name -> default validity in years."""
    return {key: scheme.validity_years for key, scheme in schemes(session).items()}


def issuance_with_file(session: Session, *, sha256: str) -> Issuance | None:
    """The issuance a file with this SHA-256 was imported as, if any."""
    return session.execute(
        select(Issuance).where(Issuance.file_sha256 == sha256).limit(1)
    ).scalar_one_or_none()


def certificate_id(session: Session, *, number: str) -> int | None:
    """A certificate's id by its number."""
    return session.execute(
        select(Certificate.id).where(Certificate.number == number)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class IssuanceRecord:
    """An issuance as reports cite it."""

    number: int
    file_name: str | None
    file_sha256: str | None
    recorded_by: int | None
    channel: str
    recorded_at: datetime
    certificates: int
    recorded_by_name: str | None = None


def issuances(session: Session, *, numbers: set[int]) -> dict[int, IssuanceRecord]:
    """Issuances by number."""
    rows = session.execute(
        select(
            Issuance.number, Issuance.file_name, Issuance.file_sha256, Issuance.recorded_by,
            Issuance.channel, Issuance.recorded_at, Issuance.certificates,
            Issuance.recorded_by_name,
        ).where(Issuance.number.in_(sorted(numbers)))
    )  # fmt: skip
    return {row[0]: IssuanceRecord(*row) for row in rows}
