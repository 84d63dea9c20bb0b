"""Pemeriksaan silang: every figure a semester's reports print twice, once as typed by the
people who own a section and once as counted from the certificate register, compared. A draft
shows each disagreement with both figures, their sources and who typed them; a final is
refused while one stands (the finding names what to change).

What is compared is declared by the forms (`Section.register`): a scheme's certificates issued
(2.2) must equal the register's count; a TUK's tested asesi (2.5) and an assessor's assessed
asesi (3.2) may not be fewer than the certificates the register names them on; every assessor
on the certificates needs 3.2 data; and report B may not count none while report A counts some.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from render import texts
from render.assessors import HAS_DATA, NIHIL, UNKNOWN, TiedAssessor
from render.chapters import Contribution
from render.filters import number, wita_datetime
from render.outline import SectionLike
from render.report_data import Finding
from storage.register import StoredCertificate, fold

BOTH, ONLY_B = "AB", "B"


@dataclass
class Figure:
    """A count typed in a section for one name: the sum, and who typed its parts."""

    label: str
    value: int = 0
    given: bool = False
    sources: list[str] = field(default_factory=list)


def typed_counts(section: SectionLike, items: Sequence[Contribution]) -> dict[str, Figure]:
    """Per folded name, what the section's entries count (nihil parts count nothing)."""
    link = section.register
    assert link is not None and link.name is not None
    figures: dict[str, Figure] = {}
    for item in items:
        if item.nihil:
            continue
        for entry in item.entries():
            own = item.values(entry)
            named, counted = own.get(link.name), own.get(link.count)
            if named is None or not str(named.value or "").strip():
                continue
            figure = figures.setdefault(fold(str(named.value)), Figure(str(named.value)))
            if counted is not None and isinstance(counted.value, int):
                figure.value += counted.value
                figure.given = True
                member = item.members.get(counted.given_by)
                figure.sources.append(texts.CHECK_SOURCE.format(
                    name=member.name if member else texts.EMPTY, clause=section.clause,
                    at=wita_datetime(counted.given_at),
                ))  # fmt: skip
    return figures


def register_counts(certificates: Sequence[StoredCertificate], kind: str) -> dict[str, Figure]:
    """Per folded name, the certificates the register names it on, and their issuances."""
    figures: dict[str, Figure] = {}
    issuances: dict[str, set[int]] = {}
    for c in certificates:
        name = {"scheme": c.scheme, "tuk": c.tuk, "assessor": c.assessor}[kind]
        if not name:
            continue
        figure = figures.setdefault(fold(name), Figure(name, given=True))
        figure.value += 1
        issuances.setdefault(fold(name), set()).add(c.issuance)
    for key, figure in figures.items():
        figure.sources = [cited(issuances[key])]
    return figures


def cited(issuances: set[int]) -> str:
    """'penerbitan 1, 3'."""
    return texts.CHECK_ISSUANCES.format(numbers=", ".join(str(n) for n in sorted(issuances)))


def findings(
    sections: Sequence[SectionLike],
    contributions: dict[str, list[Contribution]],
    certificates: Sequence[StoredCertificate],
    tied: Sequence[TiedAssessor],
) -> list[Finding]:
    """Every disagreement between typed figures and the register, as a draft prints it."""
    found: list[Finding] = []
    for section in sections:
        link = section.register
        if link is None or link.name is None:
            continue
        typed = typed_counts(section, contributions.get(section.key, []))
        counted = register_counts(certificates, link.kind)
        if link.equal:
            found += _equal(section, typed, counted)
        else:
            found += _at_least(section, typed, counted)
    return found + _assessors(tied)


def _finding(
    topic: str, subject: str, typed: Figure | None, counted: Figure | None, fix: str,
    reports: str = BOTH,
) -> Finding:  # fmt: skip
    return {
        "topic": topic,
        "subject": subject,
        "typed": number(typed.value) if typed is not None and typed.given else texts.EMPTY,
        "typed_by": "; ".join(typed.sources) if typed is not None else texts.CHECK_NOT_TYPED,
        "register": number(counted.value) if counted is not None else "0",
        "register_from": counted.sources[0] if counted is not None else texts.EMPTY,
        "fix": fix,
        "reports": reports,
    }


def _equal(
    section: SectionLike, typed: dict[str, Figure], counted: dict[str, Figure]
) -> list[Finding]:
    """A count that must be the register's (certificates issued per scheme)."""
    typed_total = sum(f.value for f in typed.values())
    topic = texts.CHECK_TOPICS[section.register.kind]  # type: ignore[union-attr]
    if not counted and typed_total:
        total = Figure(texts.CHECK_ALL, typed_total, True,
                       [s for f in typed.values() for s in f.sources])  # fmt: skip
        return [_finding(texts.CHECK_TOPIC_TOTAL, texts.CHECK_ALL, total, None,
                         texts.CHECK_FIX_EMPTY_REGISTER.format(clause=section.clause))]  # fmt: skip
    rows = []

    def named(key: str) -> str:
        return (typed.get(key) or counted[key]).label

    for key in sorted(typed.keys() | counted.keys(), key=named):
        mine, theirs = typed.get(key), counted.get(key)
        have = mine.value if mine is not None else 0
        if have == (theirs.value if theirs is not None else 0) and (mine is None or mine.given):
            continue
        label = named(key)
        fix = texts.CHECK_FIX_EQUAL.format(clause=section.clause, name=label,
                                           count=number(theirs.value if theirs else 0))  # fmt: skip
        rows.append(_finding(topic, label, mine, theirs, fix))
    return rows


def _at_least(
    section: SectionLike, typed: dict[str, Figure], counted: dict[str, Figure]
) -> list[Finding]:
    """A count the register's may not exceed (asesi tested at a TUK)."""
    topic = texts.CHECK_TOPICS[section.register.kind]  # type: ignore[union-attr]
    rows = []
    for key, theirs in sorted(counted.items(), key=lambda item: item[1].label):
        mine = typed.get(key)
        if mine is None:
            fix = texts.CHECK_FIX_NOT_LISTED.format(clause=section.clause, name=theirs.label)
        elif mine.given and mine.value < theirs.value:
            fix = texts.CHECK_FIX_FEWER.format(clause=section.clause, name=theirs.label,
                                               count=number(theirs.value))  # fmt: skip
        else:
            continue
        rows.append(_finding(topic, theirs.label, mine, theirs, fix))
    return rows


def _assessors(tied: Sequence[TiedAssessor]) -> list[Finding]:
    """Every assessor on the certificates has sent 3.2, and assessed no fewer asesi."""
    rows = []
    topic = texts.CHECK_TOPICS["assessor"]
    for assessor in tied:
        counted = Figure(assessor.name, assessor.certificates, True, [texts.CHECK_ON_CERTIFICATES])
        if assessor.state == HAS_DATA:
            value = assessor.answer("jumlah_asesi")
            if not isinstance(value, int) or value >= assessor.certificates:
                continue
            typed = Figure(assessor.name, value, True, [assessor.name])
            fix = texts.CHECK_FIX_FEWER.format(clause="3.2", name=assessor.name,
                                               count=number(assessor.certificates))  # fmt: skip
            rows.append(_finding(topic, assessor.name, typed, counted, fix, ONLY_B))
            continue
        fix = {
            UNKNOWN: texts.CHECK_FIX_ASSESSOR_UNKNOWN,
            NIHIL: texts.CHECK_FIX_ASSESSOR_NIHIL,
        }.get(assessor.state, texts.CHECK_FIX_ASSESSOR_NOT_SENT).format(name=assessor.name)
        rows.append(_finding(topic, assessor.name, None, counted, fix, ONLY_B))
    return rows


def by_report(found: Sequence[Finding], report: str) -> list[Finding]:
    """The findings that concern one report."""
    return [f for f in found if report in f["reports"]]
