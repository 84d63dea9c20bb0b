"""What changed in the register after an import, for the data trail and the export: each
correction (old and new values) and each revocation, with who recorded it, how and when."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from storage.register_models import Assessor, Certificate, CertificateRevision, Revocation, Tuk

CORRECTION, REVOCATION = "koreksi", "pencabutan"
_NAMED_IDS = {"tuk_id": ("tuk", Tuk), "assessor_id": ("assessor", Assessor)}


@dataclass(frozen=True)
class RegisterChange:
    """A correction or a revocation of one certificate."""

    kind: str
    number: str
    revision: int
    old: dict[str, Any]
    new: dict[str, Any]
    by: int | None
    by_name: str | None
    channel: str
    at: datetime


def _chunks(numbers: list[str]) -> list[list[str]]:
    return [numbers[start : start + 900] for start in range(0, len(numbers), 900)]


def corrections(session: Session, *, numbers: list[str]) -> list[RegisterChange]:
    """Every correction of these certificates, oldest first (TUK and assessor by name)."""
    found: list[RegisterChange] = []
    for chunk in _chunks(numbers):
        rows = session.execute(
            select(
                Certificate.number, CertificateRevision.revision, CertificateRevision.old_value,
                CertificateRevision.new_value, CertificateRevision.changed_by,
                CertificateRevision.changed_by_name, CertificateRevision.channel,
                CertificateRevision.created_at,
            )
            .join(Certificate, Certificate.id == CertificateRevision.certificate_id)
            .where(Certificate.number.in_(chunk))
        ).all()  # fmt: skip
        names = _names(session, [row[2] or {} for row in rows] + [row[3] or {} for row in rows])
        for number, revision, old, new, by, by_name, channel, at in rows:
            shown_old, shown_new = _named(old or {}, names), _named(new or {}, names)
            found.append(RegisterChange(CORRECTION, number, revision, shown_old, shown_new, by,
                                        by_name, channel, at))  # fmt: skip
    return sorted(found, key=lambda change: (change.at, change.number, change.revision))


def revocations(session: Session, *, numbers: list[str]) -> list[RegisterChange]:
    """The revocations of these certificates, oldest first."""
    found: list[RegisterChange] = []
    for chunk in _chunks(numbers):
        rows = session.execute(
            select(
                Certificate.number, Revocation.revoked_on, Revocation.reason,
                Revocation.decision, Revocation.recorded_by, Revocation.recorded_by_name,
                Revocation.channel, Revocation.recorded_at,
            )
            .join(Certificate, Certificate.id == Revocation.certificate_id)
            .where(Certificate.number.in_(chunk))
        ).all()  # fmt: skip
        for number, on, reason, decision, by, by_name, channel, at in rows:
            new = {"revoked_on": on, "reason": reason, "decision": decision}
            found.append(RegisterChange(REVOCATION, number, 0, {}, new, by, by_name, channel, at))
    return sorted(found, key=lambda change: (change.at, change.number))


def _names(session: Session, values: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    wanted: dict[str, set[int]] = {field: set() for field in _NAMED_IDS}
    for value in values:
        for field in _NAMED_IDS:
            if isinstance(value.get(field), int):
                wanted[field].add(value[field])
    names: dict[tuple[str, int], str] = {}
    for field, ids in wanted.items():
        if ids:
            table = _NAMED_IDS[field][1]
            for row in session.execute(select(table.id, table.name).where(table.id.in_(ids))):
                names[(field, row[0])] = row[1]
    return names


def _named(values: dict[str, Any], names: dict[tuple[str, int], str]) -> dict[str, Any]:
    """Stored values with TUK and assessor ids given as names ('tuk', 'assessor') and ISO
    dates as dates."""
    shown: dict[str, Any] = {}
    for field, value in values.items():
        if field in _NAMED_IDS:
            shown[_NAMED_IDS[field][0]] = names.get((field, value)) if value is not None else None
        elif field in ("issued_on", "valid_until") and isinstance(value, str):
            shown[field] = date.fromisoformat(value)
        else:
            shown[field] = value
    return shown
