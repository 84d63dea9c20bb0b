"""What a member reported in an earlier semester, to be offered again: for each section, their
part of the last semester they closed it in (sent; a nihil there offers nothing), with the
revision each answer is at, so a carried answer can name where it came from."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from storage.enums import DELETED_ENTRY, SENT, Semester, SubmissionStatus
from storage.models import Answer, AnswerRevision, Period, Submission

CLOSED = (*SENT, SubmissionStatus.NIHIL)


@dataclass(frozen=True)
class LastPart:
    """A member's part of a section in the last semester they closed it: that semester, and
    per (entry, field) the value and the id of the revision it is at."""

    year: int
    semester: Semester
    answers: dict[tuple[int, str], Any]
    revisions: dict[tuple[int, str], int]
    owner_id: int = 0  # whose part it was (another admin's, for a shared section)


def last_parts(
    session: Session, *, member_id: int, before: tuple[int, Semester], sections: list[str],
    shared: frozenset[str] = frozenset(),
) -> dict[str, LastPart]:  # fmt: skip
    """Per section, the member's part of the last semester before `before` (year, semester)
    they closed it in, unless they declared it nihil there; for a `shared` section (the
    admins' own, which any of them may fill), the part last closed by anyone."""
    if not sections:
        return {}
    year, semester = before
    earlier = or_(Period.year < year, and_(Period.year == year, Period.semester < semester))
    shared_here = [section for section in sections if section in shared]
    whose = (
        or_(Submission.member_id == member_id, Submission.section.in_(shared_here))
        if shared_here
        else Submission.member_id == member_id  # the member's own: read by their index
    )
    rows = session.execute(
        select(Submission.id, Submission.section, Submission.status, Period.year,
               Period.semester, Submission.member_id)
        .join(Period, Submission.period_id == Period.id)
        .where(whose, Submission.section.in_(sections), Submission.status.in_(CLOSED), earlier)
        .order_by(Period.year.desc(), Period.semester.desc(), Submission.updated_at.desc())
    ).all()  # fmt: skip
    latest: dict[str, tuple[int, int, Semester, int]] = {}
    for sid, section, status, y, s, owner in rows:
        if section not in latest:
            latest[section] = (sid if status in SENT else 0, y, s, owner)
    wanted = {sid: section for section, (sid, _y, _s, _o) in latest.items() if sid}
    if not wanted:
        return {}
    found = session.execute(
        select(Answer.submission_id, Answer.entry_no, Answer.field, Answer.value,
               AnswerRevision.id)
        .join(AnswerRevision, and_(AnswerRevision.submission_id == Answer.submission_id,
                                   AnswerRevision.entry_no == Answer.entry_no,
                                   AnswerRevision.field == Answer.field,
                                   AnswerRevision.revision == Answer.revision))
        .where(Answer.submission_id.in_(list(wanted)))
    ).all()  # fmt: skip
    parts: dict[str, LastPart] = {}
    for sid, entry, field, value, revision_id in found:
        section = wanted[sid]
        _sid, y, s, owner = latest[section]
        part = parts.setdefault(section, LastPart(y, Semester(s), {}, {}, owner))
        part.answers[(entry, field)] = value
        part.revisions[(entry, field)] = revision_id
    for part in parts.values():  # deleted entries are not offered
        gone = {e for (e, f), v in part.answers.items() if f == DELETED_ENTRY and v is True}
        for key in [k for k in part.answers if k[0] in gone]:
            del part.answers[key], part.revisions[key]
    return parts
