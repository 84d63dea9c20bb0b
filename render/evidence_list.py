"""The evidence a report lists in its appendix "Lampiran Bukti": each file kept for an answer
of the report's sections, with the row it supports (as Jejak Data refers to it), its name, kind,
size and SHA-256, who sent it and when. Part of the frozen content (a final attests to which
files it rests on); the bytes are not: they are read for the thumbnails and the embedded copies
when the PDF is made."""

from collections.abc import Sequence

from render import texts
from render.chapters import Contribution, entry_numbers
from render.filters import number, wita_datetime
from render.outline import SectionLike, question_at
from render.report_data import EvidenceItem
from storage.evidence import Attached


def evidence_items(
    sections: Sequence[SectionLike], contributions: dict[str, list[Contribution]],
    files: Sequence[Attached],
) -> list[EvidenceItem]:  # fmt: skip
    """The files of the report's sections' printed answers, in the report's order."""
    by_owner: dict[tuple[str, int], list[Attached]] = {}
    for file in files:
        by_owner.setdefault((file.section, file.owner_id), []).append(file)
    items: list[EvidenceItem] = []
    for section in sections:
        parts = contributions.get(section.key, [])
        numbers = entry_numbers(parts)
        for part in parts:
            owner = part.submission.owner_id
            for file in by_owner.get((section.key, owner), []):
                if part.nihil or (file.entry_no and (owner, file.entry_no) not in numbers):
                    continue  # the answer is not printed (a deleted entry, a nihil part)
                items.append(_item(section, part, numbers.get((owner, file.entry_no)), file))
    return [{**item, "no": n} for n, item in enumerate(items, start=1)]


def _item(section: SectionLike, part: Contribution, place: int | None,
          file: Attached) -> EvidenceItem:  # fmt: skip
    question = question_at(section, file.entry_no, file.field)
    label = question.report_label if question is not None else file.field
    ref = section.key if not place or section.repeat is None else (
        f"{section.key}, {section.repeat.label} no. {place}"
    )  # fmt: skip
    member = part.members.get(file.member_id)
    return {
        "no": 0,
        "ref": ref,
        "answer": label,
        "name": file.filename,
        "kind": file.kind,
        "size": texts.EVIDENCE_SIZE.format(size=number(file.size)),
        "pages": file.pages or 0,
        "sha256": file.sha256,
        "by": member.name if member else texts.EMPTY,
        "at": wita_datetime(file.at),
    }
