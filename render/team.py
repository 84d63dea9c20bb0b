"""The people of a report: who still owes 3.2 (every assessor on the semester's certificates),
and the tim penyusun (everyone whose data the report prints)."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from render import texts
from render.assessors import ASSESSOR_SECTION, HAS_DATA, UNKNOWN, TiedAssessor
from render.chapters import Contribution
from render.outline import ProgressLike, SectionLike
from render.register_data import RegisterData
from render.report_data import TeamRow
from storage.enums import Role
from storage.queries import MemberRecord


@dataclass(frozen=True)
class Progress:
    """A section across the team (as conversations.progress gives it), as the report shows it."""

    section: str
    state: str
    owed_by: tuple[str, ...]
    done_by: tuple[str, ...]
    nobody_holds_role: bool = False


def owed_with_assessors(
    progress: Sequence[ProgressLike], tied: Sequence[TiedAssessor]
) -> list[ProgressLike]:
    """3.2 is not complete while an assessor on the semester's certificates has no data:
    they owe it (named as on the certificates)."""
    owing = [a for a in tied if a.state != HAS_DATA]
    if not owing:
        return list(progress)
    adjusted: list[ProgressLike] = []
    for item in progress:
        if item.section != ASSESSOR_SECTION:
            adjusted.append(item)
            continue
        names = list(item.owed_by)
        for assessor in owing:
            name = assessor.member.name if assessor.member else assessor.name
            label = texts.OWED_UNKNOWN.format(name=name) if assessor.state == UNKNOWN else name
            if name not in names and label not in names:
                names.append(label)
        base = Progress(item.section, item.state, tuple(item.owed_by), tuple(item.done_by),
                        item.nobody_holds_role)  # fmt: skip
        adjusted.append(replace(base, state="belum", owed_by=tuple(names)))
    return adjusted


def team(
    parts: dict[str, list[Contribution]], sections: Sequence[SectionLike], preparer: str,
    data: RegisterData, tied: Sequence[TiedAssessor],
) -> list[TeamRow]:  # fmt: skip
    """Tim penyusun: everyone whose data is in the report (the register's recorders, and the
    assessors whose 3.2 an issuance's edition prints, too), with roles and what they gave."""
    people: dict[int, tuple[MemberRecord, set[str]]] = {}
    for section in sections:
        for item in parts.get(section.key, []):
            for member in item.people():
                people.setdefault(member.id, (member, set()))[1].add(section.key)
    if data.issuance is not None:
        for assessor in tied:
            shown = assessor.member is not None and (
                assessor.state == HAS_DATA or assessor.member.id in data.latest_32
            )
            if shown and assessor.member is not None:
                entry = people.setdefault(assessor.member.id, (assessor.member, set()))
                entry[1].add(ASSESSOR_SECTION)
    recorders = {r.recorded_by for r in data.issuances.values()} | {c.by for c in data.changes}
    for member_id in recorders:
        recorder = data.recorders.get(member_id or 0)
        if recorder is not None:
            people.setdefault(recorder.id, (recorder, set()))[1].add(texts.REGISTER_WORK)
    rows: list[TeamRow] = [
        {
            "name": member.name,
            "roles": ", ".join(texts.ROLE_NAMES[r] for r in Role if r in member.roles) or "—",
            "sections": ", ".join(sorted(keys)),
            "is_admin": Role.ADMIN in member.roles,
        }
        for member, keys in people.values()
    ]
    if preparer and all(row["name"] != preparer for row in rows):
        rows.append(
            {
                "name": preparer,
                "roles": texts.ROLE_NAMES[Role.ADMIN],
                "sections": texts.PREPARER_SECTIONS,
                "is_admin": True,
            }
        )
    rows.sort(key=lambda row: (not row["is_admin"], row["name"].casefold()))
    return rows
