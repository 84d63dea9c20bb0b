"""Who still owes what: a section's state across the whole team, from stored statuses."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from conversations.events import SectionProgress
from conversations.schema import Section
from storage.enums import CLOSED, Role, SubmissionStatus
from storage.tally import SectionTally

LENGKAP, NIHIL, BELUM = "lengkap", "nihil", "belum"


@dataclass(frozen=True)
class Person:
    """An active member as progress needs them."""

    id: int
    name: str
    roles: frozenset[Role]


def section_progress(
    section: Section,
    people: Iterable[Person],
    statuses: dict[tuple[str, int], SubmissionStatus],
) -> SectionProgress:
    """A section is settled when an admin closed it, or every holder of its role has.

    With nobody holding the role, the admins owe it. A settled section is 'nihil' when every
    closed part is nihil, else 'lengkap'.
    """
    people = list(people)
    admins = [p for p in people if Role.ADMIN in p.roles]
    holders = [p for p in people if section.role in p.roles]
    nobody = not holders
    owers = holders or admins
    closed = {
        p.id: statuses[(section.key, p.id)]
        for p in people
        if statuses.get((section.key, p.id)) in CLOSED
    }
    settled_by_admin = any(p.id in closed for p in admins)
    owed = () if settled_by_admin else tuple(p.name for p in owers if p.id not in closed)
    done = tuple(p.name for p in people if p.id in closed)
    if owed or not closed:
        state = BELUM
    elif all(status is SubmissionStatus.NIHIL for status in closed.values()):
        state = NIHIL
    else:
        state = LENGKAP
    return SectionProgress(section.key, state, owed, done, nobody_holds_role=nobody)


def tallied_progress(section: Section, tally: SectionTally) -> SectionProgress:
    """`section_progress` from the database's counts (storage/tally.py): the same rule, with
    the first few names of those who owe it and of those who closed it."""
    nobody = tally.holders == 0
    if tally.closed_by_admins:
        owing = 0
    elif nobody:
        owing = tally.admins
    else:
        owing = tally.holders - tally.closed_by_holders
    if owing or not tally.closed:
        state = BELUM
    elif tally.nihil == tally.closed:
        state = NIHIL
    else:
        state = LENGKAP
    owed = tally.owed_names if owing else ()
    return SectionProgress(section.key, state, owed, tally.closed_names,
                           nobody_holds_role=nobody, owed_count=owing,
                           done_count=tally.closed)  # fmt: skip


def team_progress(
    sections: Iterable[Section],
    people: Iterable[Person],
    statuses: dict[tuple[str, int], SubmissionStatus],
) -> tuple[SectionProgress, ...]:
    """Progress of every section, in clause order."""
    people = list(people)
    return tuple(section_progress(section, people, statuses) for section in sections)


def owed_sections(
    sections: Iterable[Section],
    roles: dict[int, set[Role]],
    closed: Collection[tuple[str, int]],
    settled: Collection[str],
) -> dict[int, tuple[Section, ...]]:
    """For each member, the sections of their roles they have not sent or declared nihil,
    leaving out sections an admin has settled. Members who owe nothing are left out."""
    open_sections = tuple(section for section in sections if section.key not in settled)
    # Many members, few roles: each member looks only at the sections of their roles.
    by_role = {role: tuple(s for s in open_sections if s.role is role) for role in Role}
    owed: dict[int, tuple[Section, ...]] = {}
    for member_id, member_roles in roles.items():
        if len(member_roles) == 1:
            (role,) = member_roles
            theirs = by_role[role]
        else:
            theirs = tuple(s for s in open_sections if s.role in member_roles)
        mine = tuple(s for s in theirs if (s.key, member_id) not in closed)
        if mine:
            owed[member_id] = mine
    return owed
