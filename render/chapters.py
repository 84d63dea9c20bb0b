"""One chapter per section: each contributor's answers, the repeated entries as table rows,
and the data trail row for every printed item."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from render import texts
from render.filters import number, wita_datetime
from render.outline import ProgressLike, QuestionLike, RepeatLike, SectionLike
from render.values import applies, display, is_paragraph, shortened
from storage.enums import DELETED_ENTRY, Role, SubmissionStatus
from storage.period_data import StoredAnswer, StoredSubmission
from storage.queries import MemberRecord


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
    numbers: dict[int, int] = field(default_factory=dict)

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


def chapter(
    section: SectionLike, items: list[Contribution], progress: ProgressLike | None
) -> dict[str, Any]:
    """A section's chapter: state, who still owes it, contributions and the entries table."""
    state = progress.state if progress else "belum"
    repeat = section.repeat
    parts = [_contribution(item) for item in items]
    return {
        "clause": section.clause,
        "title": section.title,
        "role": texts.ROLE_NAMES[section.role],
        "state": state,
        "state_label": texts.STATE_NAMES.get(state, state),
        "owed_by": _owed(section, progress),
        "done_by": ", ".join(progress.done_by) if progress else "",
        "nihil_by": ", ".join(part["name"] for part in parts if part["nihil"]) or texts.EMPTY,
        "contributions": parts,
        "table": _table(repeat, items) if repeat is not None else None,
    }


def _owed(section: SectionLike, progress: ProgressLike | None) -> str:
    if progress is None or not progress.owed_by:
        return ""
    names = ", ".join(progress.owed_by)
    if progress.nobody_holds_role:
        return texts.NOBODY_HOLDS_ROLE.format(role=texts.ROLE_NAMES[section.role], names=names)
    return names


def _contribution(item: Contribution) -> dict[str, Any]:
    top = item.values(0)
    plain = {key: answer.value for key, answer in top.items()}
    fields = [
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
    }


def _table(repeat: RepeatLike, items: list[Contribution]) -> dict[str, Any]:
    columns = [q for q in repeat.questions if not is_paragraph(q)]
    rows: list[dict[str, Any]] = []
    for item in items:
        if item.nihil:
            continue
        for entry in item.entries():
            rows.append(_row(item, entry, columns, repeat, len(rows) + 1))
    return {
        "label": repeat.label,
        "columns": [q.report_label for q in columns],
        "kinds": [q.type for q in columns],
        "sources": len({id(item) for item in items if not item.nihil}) > 1,
        "rows": rows,
        "tally": _tally(repeat, items) if repeat.tally else None,
    }


def _row(
    item: Contribution,
    entry: int,
    columns: list[QuestionLike],
    repeat: RepeatLike,
    position: int,
) -> dict[str, Any]:
    item.numbers[entry] = position
    own = item.values(entry)
    plain = {key: answer.value for key, answer in own.items()}
    cells = [display(q, plain.get(q.key)) for q in columns]
    notes = [
        {"label": q.report_label, "value": display(q, plain.get(q.key))}
        for q in repeat.questions
        if is_paragraph(q) and (q.key in own or applies(q, plain))
    ]
    return {"no": position, "source": item.owner_name, "cells": cells, "notes": notes}


def _tally(repeat: RepeatLike, items: list[Contribution]) -> dict[str, Any]:
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


def trail_rows(
    sections: Sequence[SectionLike], contributions: dict[str, list[Contribution]]
) -> list[dict[str, Any]]:
    """Jejak data: for every printed item, who gave it, as what, how, when, which revision.

    Call after `chapter` has numbered the entries, so references match the tables.
    """
    rows: list[dict[str, Any]] = []
    for section in sections:
        for item in contributions.get(section.key, []):
            rows.extend(_item_trail(section, item))
    for position, row in enumerate(rows, 1):
        row["no"] = position
    return rows


def _item_trail(section: SectionLike, item: Contribution) -> Iterator[dict[str, Any]]:
    sub = item.submission
    if sub.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL) and sub.changed_at:
        yield _trail(
            section,
            texts.TRAIL_SECTION_LEVEL,
            texts.TRAIL_STATUS,
            texts.TRAIL_NIHIL if item.nihil else texts.TRAIL_SUBMITTED,
            item.members.get(sub.changed_by or 0),
            sub.channel or "",
            sub.changed_at,
            None,
        )
    if item.nihil:
        return
    top = item.values(0)
    for question in section.top_questions:
        if question.key in top:
            yield _answer_trail(section, item, texts.TRAIL_SECTION_LEVEL, question, top)
    repeat = section.repeat
    for entry in item.entries() if repeat else ():
        assert repeat is not None
        own = item.values(entry)
        ref = f"{repeat.label} no. {item.numbers.get(entry, entry)}"
        for question in repeat.questions:
            if question.key in own:
                yield _answer_trail(section, item, ref, question, own)


def _answer_trail(
    section: SectionLike,
    item: Contribution,
    ref: str,
    question: QuestionLike,
    answers: dict[str, StoredAnswer],
) -> dict[str, Any]:
    answer = answers[question.key]
    value = shortened(display(question, answer.value))
    return _trail(
        section,
        ref,
        question.report_label,
        value,
        item.members.get(answer.given_by),
        answer.channel,
        answer.given_at,
        answer.revision,
    )


def _trail(
    section: SectionLike,
    ref: str,
    item: str,
    value: str,
    member: MemberRecord | None,
    channel: str,
    at: Any,
    revision: int | None,
) -> dict[str, Any]:
    return {
        "ref": f"{section.clause} · {ref}",
        "item": item,
        "value": value,
        "by": member.name if member else texts.EMPTY,
        "role": role_in(member, section),
        "channel": texts.CHANNEL_NAMES.get(channel, channel or texts.EMPTY),
        "at": wita_datetime(at),
        "revision": str(revision) if revision is not None else texts.EMPTY,
    }
