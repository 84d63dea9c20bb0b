"""Writes to the certificate register (keyword-only; the caller owns the transaction). Nothing
is deleted: a correction is a new revision with the old values kept, a revocation a row of its
own."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session

from storage.register import NAMED, fold
from storage.register_models import Certificate, CertificateRevision, Issuance, Revocation, Scheme


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
    file_sha256: str | None, now: datetime, by_name: str | None = None,
) -> Issuance:  # fmt: skip
    """A new issuance with the next number (1, 2, ...)."""
    latest = session.execute(select(func.max(Issuance.number))).scalar_one()
    issuance = Issuance(number=(latest or 0) + 1, recorded_by=by, channel=channel,
                        file_name=file_name, file_sha256=file_sha256, recorded_at=now,
                        recorded_by_name=by_name)  # fmt: skip
    session.add(issuance)
    session.flush()
    return issuance


def add_certificates(session: Session, *, rows: list[dict[str, Any]]) -> None:
    """Insert certificate rows (columns as in the table) in one statement per batch."""
    for start in range(0, len(rows), 500):
        session.execute(insert(Certificate), rows[start : start + 500])


def revoke(
    session: Session, *, certificate: int, on: date, reason: str, decision: str = "",
    by: int | None, channel: str, now: datetime, by_name: str | None = None,
) -> bool:  # fmt: skip
    """Record a revocation; False if the certificate was revoked already (at most once)."""
    taken = session.execute(
        select(Revocation.id).where(Revocation.certificate_id == certificate)
    ).scalar_one_or_none()
    if taken is not None:
        return False
    session.add(Revocation(certificate_id=certificate, revoked_on=on, reason=reason,
                           decision=decision, recorded_by=by, channel=channel, recorded_at=now,
                           recorded_by_name=by_name))  # fmt: skip
    session.flush()
    return True


def correct(
    session: Session, *, number: str, changes: dict[str, Any], by: int | None, channel: str,
    now: datetime, by_name: str | None = None,
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
            channel=channel, created_at=now, changed_by_name=by_name,
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
