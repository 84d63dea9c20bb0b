"""Reads and writes of the certificate register (keyword-only; the caller owns the
transaction)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from storage.register_models import (
    Assessor,
    Certificate,
    CertificateRevision,
    Issuance,
    PendingRevocation,
    Revocation,
    Scheme,
    Tuk,
)

NAMED = {"scheme": Scheme, "tuk": Tuk, "assessor": Assessor}


def fold(name: str) -> str:
    """A name as the register matches it: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class StoredCertificate:
    """A certificate with its names resolved, and where it came from."""

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

    def status(self, today: date) -> str:
        """'dicabut', 'kedaluwarsa' (past its validity) or 'aktif'."""
        if self.revoked_on is not None:
            return "dicabut"
        return "kedaluwarsa" if self.valid_until < today else "aktif"


def _certificates_query() -> Any:
    return (
        select(
            Certificate.number,
            Certificate.holder,
            Scheme.name,
            Certificate.kind,
            Certificate.route,
            Tuk.name,
            Assessor.name,
            Certificate.issued_on,
            Certificate.valid_until,
            Certificate.replaces,
            Issuance.number,
            Certificate.source_row,
            Revocation.revoked_on,
            Revocation.reason,
        )
        .join(Scheme, Scheme.id == Certificate.scheme_id)
        .join(Issuance, Issuance.id == Certificate.issuance_id)
        .outerjoin(Tuk, Tuk.id == Certificate.tuk_id)
        .outerjoin(Assessor, Assessor.id == Certificate.assessor_id)
        .outerjoin(Revocation, Revocation.certificate_id == Certificate.id)
    )


def certificates_by_number(session: Session, *, numbers: list[str]) -> dict[str, StoredCertificate]:
    """The stored certificates among these numbers."""
    found: dict[str, StoredCertificate] = {}
    for start in range(0, len(numbers), 900):  # keep under every database's bind limit
        chunk = numbers[start : start + 900]
        rows = session.execute(_certificates_query().where(Certificate.number.in_(chunk)))
        found.update({row[0]: StoredCertificate(*row) for row in rows})
    return found


def certificates_issued(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Certificates issued between two dates (inclusive), by issue date and number."""
    rows = session.execute(
        _certificates_query()
        .where(Certificate.issued_on >= start, Certificate.issued_on <= end)
        .order_by(Certificate.issued_on, Certificate.number)
    )
    return [StoredCertificate(*row) for row in rows]


def expiring(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Unrevoked certificates whose validity ends between two dates, soonest first."""
    rows = session.execute(
        _certificates_query()
        .where(
            Certificate.valid_until >= start,
            Certificate.valid_until <= end,
            Revocation.id.is_(None),
        )
        .order_by(Certificate.valid_until, Certificate.number)
    )
    return [StoredCertificate(*row) for row in rows]


def known_names(session: Session) -> dict[str, dict[str, str]]:
    """Per kind ('scheme', 'tuk', 'assessor'), folded name -> name as first written."""
    return {
        kind: {row.key: row.name for row in session.execute(select(table.name, table.key))}
        for kind, table in NAMED.items()
    }


def scheme_validity(session: Session) -> dict[str, int]:
    """Folded scheme name -> default validity in years."""
    rows = session.execute(select(Scheme.key, Scheme.validity_years))
    return {row.key: row.validity_years for row in rows}


def issuance_with_file(session: Session, *, sha256: str) -> Issuance | None:
    """The issuance a file with this SHA-256 was imported as, if any."""
    return session.execute(
        select(Issuance).where(Issuance.file_sha256 == sha256).limit(1)
    ).scalar_one_or_none()


def ensure_named(session: Session, *, kind: str, name: str, now: datetime) -> int:
    """The id of a scheme, TUK or assessor by name, created on first use."""
    table = NAMED[kind]
    key = fold(name)
    found = session.execute(select(table.id).where(table.key == key)).scalar_one_or_none()
    if found is not None:
        return int(found)
    result = session.execute(
        insert(table).values(name=" ".join(name.split()), key=key, created_at=now)
    )
    return int(result.inserted_primary_key[0])


def add_issuance(
    session: Session, *, by: int | None, channel: str, file_name: str | None,
    file_sha256: str | None, now: datetime,
) -> Issuance:  # fmt: skip
    """A new issuance with the next number (1, 2, ...)."""
    latest = session.execute(select(func.max(Issuance.number))).scalar_one()
    issuance = Issuance(number=(latest or 0) + 1, recorded_by=by, channel=channel,
                        file_name=file_name, file_sha256=file_sha256, recorded_at=now)  # fmt: skip
    session.add(issuance)
    session.flush()
    return issuance


def add_certificates(session: Session, *, rows: list[dict[str, Any]]) -> None:
    """Insert certificate rows (columns as in the table) in one statement per batch."""
    for start in range(0, len(rows), 500):
        session.execute(insert(Certificate), rows[start : start + 500])


def certificate_id(session: Session, *, number: str) -> int | None:
    """A certificate's id by its number."""
    return session.execute(
        select(Certificate.id).where(Certificate.number == number)
    ).scalar_one_or_none()


def revoke(
    session: Session, *, certificate: int, on: date, reason: str, by: int | None, channel: str,
    now: datetime,
) -> None:  # fmt: skip
    """Record a revocation (a certificate is revoked at most once)."""
    session.add(Revocation(certificate_id=certificate, revoked_on=on, reason=reason,
                           recorded_by=by, channel=channel, recorded_at=now))  # fmt: skip
    session.flush()


def pending_revocation(session: Session, *, key: str) -> PendingRevocation | None:
    """The revocation an identity asked for and has not confirmed."""
    return session.get(PendingRevocation, key)


def set_pending_revocation(
    session: Session, *, key: str, number: str, on: date, reason: str, now: datetime
) -> None:
    """Remember a revocation waiting for Ya/Tidak (replacing an earlier one)."""
    session.execute(delete(PendingRevocation).where(PendingRevocation.identity_key == key))
    session.add(PendingRevocation(identity_key=key, number=number, revoked_on=on, reason=reason,
                                  created_at=now))  # fmt: skip
    session.flush()


def clear_pending_revocation(session: Session, *, key: str) -> None:
    """Forget an identity's unconfirmed revocation."""
    session.execute(delete(PendingRevocation).where(PendingRevocation.identity_key == key))


def revoked_between(session: Session, *, start: date, end: date) -> list[StoredCertificate]:
    """Certificates revoked between two dates (inclusive)."""
    rows = session.execute(
        _certificates_query()
        .where(Revocation.revoked_on >= start, Revocation.revoked_on <= end)
        .order_by(Revocation.revoked_on, Certificate.number)
    )
    return [StoredCertificate(*row) for row in rows]


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


def issuances(session: Session, *, numbers: set[int]) -> dict[int, IssuanceRecord]:
    """Issuances by number."""
    rows = session.execute(
        select(
            Issuance.number, Issuance.file_name, Issuance.file_sha256, Issuance.recorded_by,
            Issuance.channel, Issuance.recorded_at, Issuance.certificates,
        ).where(Issuance.number.in_(sorted(numbers)))
    )  # fmt: skip
    return {row[0]: IssuanceRecord(*row) for row in rows}


def certificates_of_issuance(session: Session, *, number: int) -> list[StoredCertificate]:
    """The certificates recorded by one issuance, in their file's order."""
    rows = session.execute(
        _certificates_query().where(Issuance.number == number).order_by(Certificate.source_row)
    )
    return [StoredCertificate(*row) for row in rows]


def counts_by_scheme(session: Session, *, start: date, end: date) -> dict[str, int]:
    """Certificates issued between two dates (inclusive), counted per scheme name."""
    rows = session.execute(
        select(Scheme.name, func.count(Certificate.id))
        .join(Scheme, Scheme.id == Certificate.scheme_id)
        .where(Certificate.issued_on >= start, Certificate.issued_on <= end)
        .group_by(Scheme.name)
    )
    return {row[0]: row[1] for row in rows}


def correct(
    session: Session, *, number: str, changes: dict[str, Any], by: int | None, channel: str,
    now: datetime,
) -> dict[str, Any] | None:  # fmt: skip
    """Correct a certificate's fields (holder, kind, route, issued_on, valid_until, replaces,
    tuk_id, assessor_id): a new revision with the old values kept. The old values, or None if
    there is no such certificate."""
    certificate = session.execute(
        select(Certificate).where(Certificate.number == number)
    ).scalar_one_or_none()
    if certificate is None:
        return None
    old = {field: getattr(certificate, field) for field in changes}
    if old == changes:
        return old
    certificate.revision += 1
    for field, value in changes.items():
        setattr(certificate, field, value)
    certificate.updated_at = now
    session.add(certificate)
    assert certificate.id is not None
    session.add(
        CertificateRevision(
            certificate_id=certificate.id, revision=certificate.revision,
            old_value=_jsonable(old), new_value=_jsonable(changes), changed_by=by,
            channel=channel, created_at=now,
        )
    )  # fmt: skip
    session.flush()
    return old


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def set_scheme(
    session: Session, *, name: str, number: str | None, kind: str | None,
    validity_years: int | None, now: datetime,
) -> Scheme:  # fmt: skip
    """A scheme's number, kind and default validity (the scheme is made if it is new)."""
    scheme_id = ensure_named(session, kind="scheme", name=name, now=now)
    scheme = session.get(Scheme, scheme_id)
    assert scheme is not None
    if number is not None:
        scheme.number = number
    if kind is not None:
        scheme.kind = kind
    if validity_years is not None:
        scheme.validity_years = validity_years
    session.add(scheme)
    session.flush()
    return scheme
