"""Jejak data: for every item a report prints, who gave it, as what, through which channel,
when, and which revision; entries are referred to by the row numbers their tables print."""

from collections.abc import Iterator, Sequence
from typing import Any

from render import texts
from render.chapters import Contribution, EntryNumbers, entry_numbers, role_in
from render.filters import wita_datetime
from render.outline import QuestionLike, SectionLike
from render.report_data import TrailRow
from render.values import display, shortened
from storage.enums import SubmissionStatus
from storage.period_data import StoredAnswer
from storage.queries import MemberRecord


def trail_rows(
    sections: Sequence[SectionLike], contributions: dict[str, list[Contribution]]
) -> list[TrailRow]:
    """Jejak data: for every printed item, who gave it, as what, how, when, which revision
    (unnumbered: the report numbers its whole trail); entries are referred to by the row
    numbers their tables print."""
    rows: list[TrailRow] = []
    for section in sections:
        items = contributions.get(section.key, [])
        numbers = entry_numbers(items)
        for item in items:
            rows.extend(_item_trail(section, item, numbers))
    return rows


def _item_trail(
    section: SectionLike, item: Contribution, numbers: EntryNumbers
) -> Iterator[TrailRow]:
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
        place = numbers.get((sub.owner_id, entry), entry)
        ref = f"{repeat.label} no. {place}"
        for question in repeat.questions:
            if question.key in own:
                yield _answer_trail(section, item, ref, question, own)


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
            period=f"Semester {origin.semester} Tahun {origin.year}",
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
