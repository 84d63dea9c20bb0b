"""Jejak data: for every item a report prints, who gave it, as what, through which channel,
when, and which revision; entries are referred to by the row numbers their tables print."""

from collections.abc import Iterator, Sequence
from typing import Any

from render import texts
from render.chapters import Contribution, EntryNumbers, entry_numbers, role_in
from render.filters import number, wita_datetime
from render.outline import QuestionLike, SectionLike, question_at
from render.report_data import TrailRow
from render.values import display, shortened
from storage.enums import SENT, SubmissionStatus
from storage.evidence import Attached
from storage.period_data import StoredAnswer
from storage.periods import semester_label
from storage.queries import MemberRecord
from storage.review import RETURNED, ReviewAction


def trail_rows(
    sections: Sequence[SectionLike], contributions: dict[str, list[Contribution]],
    files: Sequence[Attached] = (), reviews: Sequence[ReviewAction] = (),
) -> list[TrailRow]:  # fmt: skip
    """Jejak data: for every printed item, who gave it, as what, how, when, which revision
    (unnumbered: the report numbers its whole trail); entries are referred to by the row
    numbers their tables print."""
    by_answer: dict[tuple[str, int, int, str], list[Attached]] = {}
    for file in files:
        by_answer.setdefault((file.section, file.owner_id, file.entry_no, file.field), []).append(
            file
        )
    looked: dict[tuple[str, int], list[ReviewAction]] = {}
    for action in reviews:
        looked.setdefault((action.section, action.owner_id), []).append(action)
    rows: list[TrailRow] = []
    for section in sections:
        items = contributions.get(section.key, [])
        numbers = entry_numbers(items)
        for item in items:
            owner = item.submission.owner_id
            for row, entry, key in _item_trail(section, item, numbers):
                rows.append(row)
                for file in by_answer.get((section.key, owner, entry, key), []):
                    rows.append(_file_trail(section, item, row["ref"], file))
            for action in looked.get((section.key, owner), []):
                rows.append(_review_trail(section, item, numbers, action))
    return rows


def _review_trail(
    section: SectionLike, item: Contribution, numbers: EntryNumbers, action: ReviewAction
) -> TrailRow:
    """An admin's look at the part: accepted, or returned with the note and the answers."""
    if action.action == RETURNED:
        named = []
        for entry, key in action.fields:
            question = question_at(section, entry, key)
            label = question.report_label if question is not None else key
            if entry and section.repeat is not None:
                place = numbers.get((item.submission.owner_id, entry), entry)
                label = f"{section.repeat.label} no. {place} {label}"
            named.append(label)
        value = texts.TRAIL_REVIEW_RETURNED.format(note=action.note, fields=", ".join(named))
    else:
        value = texts.TRAIL_REVIEW_ACCEPTED
    return _trail(section, texts.TRAIL_SECTION_LEVEL, texts.TRAIL_REVIEW_ITEM, value,
                  item.members.get(action.by_id), action.channel, action.at, None)  # fmt: skip


def _file_trail(section: SectionLike, item: Contribution, ref: str, file: Attached) -> TrailRow:
    """A file kept as evidence of the answer in the row above: name, kind, size, SHA-256."""
    member = item.members.get(file.member_id)
    pages = texts.TRAIL_FILE_PAGES.format(pages=file.pages) if file.pages else ""
    return {
        "no": 0,
        "ref": ref,
        "item": texts.TRAIL_FILE_ITEM,
        "value": texts.TRAIL_FILE_VALUE.format(
            name=file.filename,
            kind=file.kind.upper(),
            size=number(file.size),
            pages=pages,
            sha=file.sha256,
        )
        + (texts.TRAIL_FILE_CARRIED if file.carried_from is not None else ""),
        "by": member.name if member else texts.EMPTY,
        "role": role_in(member, section),
        "channel": texts.CHANNEL_NAMES.get(file.channel, file.channel or texts.EMPTY),
        "at": wita_datetime(file.at),
        "revision": texts.EMPTY,
    }


def _item_trail(
    section: SectionLike, item: Contribution, numbers: EntryNumbers
) -> Iterator[tuple[TrailRow, int, str]]:
    """Each row with the answer it is of: (row, entry, field; '' for the section's status)."""
    sub = item.submission
    if sub.status in (*SENT, SubmissionStatus.NIHIL) and sub.changed_at:
        status = _trail(
            section,
            texts.TRAIL_SECTION_LEVEL,
            texts.TRAIL_STATUS,
            texts.TRAIL_NIHIL if item.nihil else texts.TRAIL_SUBMITTED,
            item.members.get(sub.changed_by or 0),
            sub.channel or "",
            sub.changed_at,
            None,
        )
        yield status, 0, ""
    if item.nihil:
        return
    top = item.values(0)
    for question in section.top_questions:
        if question.key in top:
            row = _answer_trail(section, item, texts.TRAIL_SECTION_LEVEL, question, top)
            yield row, 0, question.key
    repeat = section.repeat
    for entry in item.entries() if repeat else ():
        assert repeat is not None
        own = item.values(entry)
        place = numbers.get((sub.owner_id, entry), entry)
        ref = f"{repeat.label} no. {place}"
        for question in repeat.questions:
            if question.key in own:
                yield _answer_trail(section, item, ref, question, own), entry, question.key


def _answer_trail(
    section: SectionLike,
    item: Contribution,
    ref: str,
    question: QuestionLike,
    answers: dict[str, StoredAnswer],
) -> TrailRow:
    answer = answers[question.key]
    value = shortened(display(question, answer.value))
    if answer.origin is not None:  # confirmed by the one who gave it here, typed there
        origin = answer.origin
        giver = item.members.get(origin.given_by)
        value += texts.TRAIL_CARRIED.format(
            period=semester_label(origin.year, origin.semester),
            by=giver.name if giver else texts.EMPTY, at=wita_datetime(origin.given_at),
        )  # fmt: skip
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
) -> TrailRow:
    return {
        "no": 0,
        "ref": f"{section.clause} · {ref}",
        "item": item,
        "value": value,
        "by": member.name if member else texts.EMPTY,
        "role": role_in(member, section),
        "channel": texts.CHANNEL_NAMES.get(channel, channel or texts.EMPTY),
        "at": wita_datetime(at),
        "revision": str(revision) if revision is not None else texts.EMPTY,
    }
