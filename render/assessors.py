"""Assessors tied to the certificates: each name the register prints on a certificate, matched
to a member by name (folded, as the register matches names; a degree after a comma aside), with
the 3.2 data the report can print for them."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from render.chapters import Contribution
from storage.enums import Role, SubmissionStatus
from storage.queries import MemberRecord
from storage.register import StoredCertificate, fold

ASSESSOR_SECTION = "3.2"
# The 3.2 fields the assessor table prints.
REGISTRATION, SCOPE, ASSESSED = "nomor_registrasi", "ruang_lingkup", "jumlah_asesi"

HAS_DATA, UNKNOWN, NOT_SENT, NIHIL = "ada", "belum terdaftar", "belum mengirim", "nihil"


def person_key(name: str) -> str:
    """A person's name as assessors are matched: folded, without a degree after a comma."""
    return fold(name.split(",", 1)[0])


@dataclass(frozen=True)
class TiedAssessor:
    """One assessor named on certificates, the member they are, and their 3.2 part."""

    name: str
    certificates: int
    member: MemberRecord | None
    part: Contribution | None

    @property
    def state(self) -> str:
        """'ada' (sent 3.2), 'belum terdaftar', 'belum mengirim' or 'nihil'."""
        if self.member is None:
            return UNKNOWN
        if self.part is None or self.part.submission.status is SubmissionStatus.DRAFT:
            return NOT_SENT
        return NIHIL if self.part.nihil else HAS_DATA

    def answer(self, field: str) -> Any:
        """A section-level 3.2 answer (None when there is none)."""
        if self.part is None or self.state != HAS_DATA:
            return None
        found = self.part.values(0).get(field)
        return found.value if found is not None else None


def tie(
    certificates: Sequence[StoredCertificate],
    people: Iterable[MemberRecord],
    parts: Sequence[Contribution],
) -> list[TiedAssessor]:
    """Every assessor on these certificates (most certificates first), matched to members and
    their 3.2 part of the period."""
    counts = Counter(c.assessor for c in certificates if c.assessor)
    names: dict[str, str] = {}
    for name in counts:
        names.setdefault(person_key(name), name)
    by_key: dict[str, list[MemberRecord]] = {}
    for person in people:
        by_key.setdefault(person_key(person.name), []).append(person)
    own = {part.submission.owner_id: part for part in parts}
    tied = []
    for key, name in names.items():
        total = sum(n for other, n in counts.items() if person_key(other) == key)
        found = by_key.get(key, [])
        member = _assessor(found)
        tied.append(TiedAssessor(name, total, member, own.get(member.id) if member else None))
    return sorted(tied, key=lambda a: (-a.certificates, a.name.casefold()))


def _assessor(found: list[MemberRecord]) -> MemberRecord | None:
    """Of the members with one name, the assessor (or the only one)."""
    holders = [m for m in found if Role.ASESOR in m.roles]
    if len(holders) == 1:
        return holders[0]
    return found[0] if len(found) == 1 else None
