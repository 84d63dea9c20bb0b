"""What the register holds for one report: the certificates of the semester (or of one
issuance), the period's revocations, the issuances they came from, every later change to them,
the schemes, the certificates they renew, and the assessors' latest 3.2 data."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from storage import period_data, register, register_history
from storage.enums import Semester
from storage.period_data import LatestPart
from storage.queries import MemberRecord
from storage.register import IssuanceRecord, SchemeRecord, StoredCertificate
from storage.register_history import RegisterChange


@dataclass(frozen=True)
class RegisterData:
    """The register's part of a report (read once, then only looked at)."""

    certificates: list[StoredCertificate] = field(default_factory=list)
    revoked: list[StoredCertificate] = field(default_factory=list)
    issuances: dict[int, IssuanceRecord] = field(default_factory=dict)
    changes: list[RegisterChange] = field(default_factory=list)
    schemes: dict[str, SchemeRecord] = field(default_factory=dict)
    renewed: dict[str, StoredCertificate] = field(default_factory=dict)
    latest_32: dict[int, LatestPart] = field(default_factory=dict)
    recorders: dict[int, MemberRecord] = field(default_factory=dict)
    issuance: int | None = None


def load(
    session: Session, *, start: date, end: date, up_to: tuple[int, Semester],
    issuance: int | None = None, people: dict[int, str] | None = None,
) -> RegisterData:  # fmt: skip
    """Read the register for a semester (start..end) or for one issuance; `people` (active
    members by id and name) are those whose latest 3.2 an issuance's edition may print."""
    if issuance is None:
        certificates = register.certificates_issued(session, start=start, end=end)
        revoked = register.revoked_between(session, start=start, end=end)
    else:
        certificates = register.certificates_of_issuance(session, number=issuance)
        revoked = [c for c in certificates if c.revoked_on is not None]
    numbers = sorted({c.number for c in certificates} | {c.number for c in revoked})
    changes = register_history.corrections(session, numbers=numbers)
    changes += register_history.revocations(session, numbers=[c.number for c in revoked])
    issued_in = {c.issuance for c in certificates} | {c.issuance for c in revoked}
    records = register.issuances(session, numbers=issued_in)
    old = sorted({c.replaces for c in certificates if c.replaces})
    renewed = register.certificates_by_number(session, numbers=old)
    ids = {r.recorded_by for r in records.values()} | {c.by for c in changes}
    latest = {}
    if issuance is not None and people:
        latest = period_data.latest_parts(session, section="3.2", member_ids=set(people),
                                          up_to=up_to)  # fmt: skip
    return RegisterData(
        certificates=certificates, revoked=revoked, issuances=records,
        changes=sorted(changes, key=lambda c: (c.at, c.number)),
        schemes=register.schemes(session), renewed=renewed, latest_32=latest,
        recorders=period_data.members(session, ids={i for i in ids if i is not None}),
        issuance=issuance,
    )  # fmt: skip
