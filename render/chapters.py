"""One chapter per section: each contributor's answers and the repeated entries as table rows
(the data trail of every printed item is render/trail.py)."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from render import texts
from render.filters import number, wita_datetime
from render.outline import ProgressLike, QuestionLike, RepeatLike, SectionLike
from render.report_data import Chapter, Field, Part, Row, Table, Tally
from render.values import applies, display, is_paragraph
from storage.enums import DELETED_ENTRY, Role, SubmissionStatus
from storage.period_data import StoredAnswer, StoredSubmission
from storage.queries import MemberRecord

REVIEWED = (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED)


def role_in(member: MemberRecord | None, section: SectionLike) -> str:
    """The role under which a member answered a section."""
    if member is None:
        return texts.EMPTY
    if section.role in member.roles:
        return texts.ROLE_NAMES[section.role]
    if Role.ADMIN in member.roles:
        return texts.ROLE_NAMES[Role.ADMIN]
    return ", ".join(texts.ROLE_NAMES[r] for r in Role if r in member.roles) or texts.EMPTY


@dataclass
class Contribution:
    """One member's submission for a section as the report reads it."""

    section: SectionLike
    submission: StoredSubmission
    owner: MemberRecord | None
    answers: list[StoredAnswer]
    members: dict[int, MemberRecord]

    @property
    def owner_name(self) -> str:
        """The owner's name ('—' if unknown)."""
        return self.owner.name if self.owner else texts.EMPTY

    @property
    def nihil(self) -> bool:
        """Whether the owner declared the section nihil."""
        return self.submission.status is SubmissionStatus.NIHIL

    def values(self, entry: int) -> dict[str, StoredAnswer]:
        """The answers of one entry (0: section level), by field."""
        return {a.field: a for a in self.answers if a.entry_no == entry}

    def entries(self) -> list[int]:
        """Live entry numbers, in order (deleted entries are left out)."""
        numbers = {a.entry_no for a in self.answers if a.entry_no > 0}
        deleted = {a.entry_no for a in self.answers if a.field == DELETED_ENTRY and a.value is True}
        return sorted(numbers - deleted)

    def people(self) -> Iterator[MemberRecord]:
        """The owner and everyone who gave one of these answers."""
        if self.owner:
            yield self.owner
        for answer in self.answers:
            member = self.members.get(answer.given_by)
            if member:
                yield member


def contributions(
    sections: Sequence[SectionLike],
    submissions: list[StoredSubmission],
    answers: list[StoredAnswer],
    members: dict[int, MemberRecord],
    *,
    include: Callable[[StoredSubmission, list[StoredAnswer]], bool],
) -> dict[str, list[Contribution]]:
    """Per section key, the submissions `include` keeps with their answers, by owner name."""
    wanted = {section.key: section for section in sections}
    by_owner: dict[tuple[str, int], list[StoredAnswer]] = {}
    for answer in answers:
        by_owner.setdefault((answer.section, answer.owner_id), []).append(answer)
    found: dict[str, list[Contribution]] = {}
    for sub in submissions:
        section = wanted.get(sub.section)
        own = by_owner.get((sub.section, sub.owner_id), [])
        if section is None or not include(sub, own):
            continue
        owner = members.get(sub.owner_id)
        found.setdefault(sub.section, []).append(Contribution(section, sub, owner, own, members))
    for items in found.values():
        items.sort(key=lambda c: (c.owner_name.casefold(), c.submission.owner_id))
    return found


# An entry's place in its section's table: (the owner's id, the entry's number) -> row number.
EntryNumbers = dict[tuple[int, int], int]


def entry_numbers(items: Sequence[Contribution]) -> EntryNumbers:
    """Row numbers of a section's live entries as its table prints them (nihil parts have
    none), so the data trail refers to the rows the reader sees."""
    numbers: EntryNumbers = {}
    for item in items:
        if item.nihil:
            continue
        for entry in item.entries():
            numbers[(item.submission.owner_id, entry)] = len(numbers) + 1
    return numbers


def chapter(
    section: SectionLike, items: list[Contribution], progress: ProgressLike | None,
    *, tally: Tally | None = None,
) -> Chapter:  # fmt: skip
    """A section's chapter: state, who still owes it, contributions and the entries table
    (with `tally` under it instead of the typed answers' sum, when given)."""
    state = progress.state if progress else "belum"
    repeat = section.repeat
    parts = [_contribution(item) for item in items]
    return {
        "clause": section.clause,
        "title": section.title,
        "role": texts.ROLE_NAMES[section.role],
        "state": state,
        "state_label": texts.STATE_NAMES.get(state, state),
        "owed_by": _owed(section, progress, _returned_to(items)),
        "done_by": ", ".join(progress.done_by) if progress else "",
        "nihil_by": ", ".join(part["name"] for part in parts if part["nihil"]) or texts.EMPTY,
        "contributions": parts,
        "table": _table(repeat, items, tally) if repeat is not None else None,
    }


def _returned_to(items: list[Contribution]) -> set[str]:
    """The names of those whose parts an admin returned (owed again)."""
    return {i.owner_name for i in items if i.submission.status is SubmissionStatus.RETURNED}


def _owed(section: SectionLike, progress: ProgressLike | None, returned: set[str]) -> str:
    if progress is None or not progress.owed_by:
        return ""
    names = ", ".join(
        texts.OWED_RETURNED.format(name=name) if name in returned else name
        for name in progress.owed_by
    )
    if progress.nobody_holds_role:
        return texts.NOBODY_HOLDS_ROLE.format(role=texts.ROLE_NAMES[section.role], names=names)
    return names


def _contribution(item: Contribution) -> Part:
    top = item.values(0)
    plain = {key: answer.value for key, answer in top.items()}
    fields: list[Field] = [
        {"label": q.report_label, "value": display(q, top[q.key].value if q.key in top else None)}
        for q in item.section.top_questions
        if q.key in top or applies(q, plain)
    ]
    if all(answer.value is None for answer in top.values()):
        fields = []  # nothing but skipped optional fields: no empty table
    return {
        "name": item.owner_name,
        "role": role_in(item.owner, item.section),
        "status": texts.STATUS_NAMES[item.submission.status],
        "nihil": item.nihil,
        "unsent": item.submission.status is SubmissionStatus.DRAFT,
        "fields": [] if item.nihil else fields,
        "review": _review(item),
    }


def _review(item: Contribution) -> str:
    """'diterima oleh Bu Admin pada 12-03-2027 10.00 WITA' (or 'dikembalikan ...'), where an
    admin's last look still stands; '' otherwise."""
    sub = item.submission
    if sub.status not in REVIEWED or sub.reviewed_at is None:
        return ""
    admin = item.members.get(sub.reviewed_by or 0)
    return texts.REVIEW_STATE.format(state=texts.STATUS_NAMES[sub.status],
                                     by=admin.name if admin else texts.EMPTY,
                                     at=wita_datetime(sub.reviewed_at))  # fmt: skip


def _table(repeat: RepeatLike, items: list[Contribution], tally: Tally | None) -> Table:
    columns = [q for q in repeat.questions if not is_paragraph(q)]
    numbers = entry_numbers(items)
    rows = [
        _row(item, entry, columns, repeat, numbers[(item.submission.owner_id, entry)])
        for item in items
        if not item.nihil
        for entry in item.entries()
    ]
    if tally is None and repeat.tally:
        tally = _tally(repeat, items)
    return {
        "label": repeat.label,
        "columns": [q.report_label for q in columns],
        "kinds": [q.type for q in columns],
        "sources": len({id(item) for item in items if not item.nihil}) > 1,
        "rows": rows,
        "tally": tally,
    }


def _row(
    item: Contribution,
    entry: int,
    columns: list[QuestionLike],
    repeat: RepeatLike,
    position: int,
) -> Row:
    own = item.values(entry)
    plain = {key: answer.value for key, answer in own.items()}
    cells = [display(q, plain.get(q.key)) for q in columns]
    notes: list[Field] = [
        {"label": q.report_label, "value": display(q, plain.get(q.key))}
        for q in repeat.questions
        if is_paragraph(q) and (q.key in own or applies(q, plain))
    ]
    return {"no": position, "source": item.owner_name, "cells": cells, "notes": notes}


def _tally(repeat: RepeatLike, items: list[Contribution]) -> Tally:
    assert repeat.tally is not None
    counts: dict[str, int] = {}
    for item in items:
        if item.nihil:
            continue
        for entry in item.entries():
            own = item.values(entry)
            label_answer, count_answer = own.get(repeat.tally.label), own.get(repeat.tally.count)
            label = str(label_answer.value) if label_answer else texts.EMPTY
            count = count_answer.value if count_answer else 0
            counts[label] = counts.get(label, 0) + (count if isinstance(count, int) else 0)
    return {
        "title": repeat.tally.title,
        "rows": [{"label": label, "count": number(count)} for label, count in counts.items()],
        "total": number(sum(counts.values())),
    }
