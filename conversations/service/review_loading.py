"""What the review reads for one message: for an admin's /periksa, the parts waiting and the
part opened (its answers and files); for a member, their own parts returned to them."""

from sqlmodel import Session

from conversations.events import Inbound
from conversations.review_views import PartFile, ReturnView, ReviewedPart, ReviewView, WaitingPart
from conversations.state import State
from conversations.turn_check import WAITING_SHOWN, review_lookup
from storage import evidence, queries, review
from storage.enums import SubmissionStatus


def review_view(session: Session, inbound: Inbound, state: State, period_id: int) -> ReviewView:
    """The parts of the period waiting for a look (the first few, and how many) and the part
    the message is about, if it is this period's."""
    waiting = review.to_review(session, period_id=period_id, limit=WAITING_SHOWN + 1)
    count = review.count_to_review(session, period_id=period_id)
    wanted = review_lookup(inbound, state)
    return ReviewView(
        tuple(WaitingPart(w.submission_id, w.section, w.name, w.sent_at) for w in waiting),
        count,
        _part(session, wanted, period_id) if wanted is not None else None,
    )


def _part(session: Session, submission_id: int, period_id: int) -> ReviewedPart | None:
    found = review.part(session, submission_id=submission_id, period_id=period_id)
    if found is None:
        return None
    files = tuple(
        PartFile(f.entry_no, f.field, f.filename, f.kind, f.size)
        for f in evidence.attached(session, submission_ids=[submission_id])
    )
    return ReviewedPart(submission_id, found.section, found.name, found.status, found.answers,
                        files)  # fmt: skip


def own_returns(
    session: Session, records: dict[str, queries.SubmissionRecord]
) -> dict[str, ReturnView]:
    """The member's parts returned to them: the answers to fix, the note, by whom, when."""
    found: dict[str, ReturnView] = {}
    for key, record in records.items():
        if record.status is not SubmissionStatus.RETURNED:
            continue
        action = review.open_return(session, submission_id=record.id)
        if action is not None:
            found[key] = ReturnView(action.fields, action.note, action.by, action.at)
    return found
