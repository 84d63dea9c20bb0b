"""What the engine reads for one message, loaded in the message's transaction: the member, the
period, their submissions, and for an admin the team, what others gave and a typed certificate."""

import logging
from collections.abc import Callable

from sqlmodel import Session

from conversations import engine, texts
from conversations.events import (
    CertificateView,
    Context,
    Inbound,
    MemberView,
    OtherPart,
    PeriodView,
    SubmissionView,
)
from conversations.forms.registry import BY_KEY, SECTIONS
from conversations.progress import tallied_progress
from conversations.service.periods import period_label
from conversations.state import State
from storage import (
    members,
    queries,
)
from storage import register as certificate_register
from storage.enums import DELETED_ENTRY, Role, SubmissionStatus
from storage.periods import (
    semester_end,
    semester_start,
)
from storage.tally import team_tally

logger = logging.getLogger(__name__)

TEAM_NAMES = 9  # /status names eight, then "and N more"


def context(
    session: Session,
    inbound: Inbound,
    member: MemberView,
    period: queries.PeriodRecord,
    records: dict[str, queries.SubmissionRecord],
    state: State,
    *,
    late: bool = False,
    invite_code: Callable[[], str],
) -> Context:
    """Everything the engine may read for this message (conversations/events.py, Context)."""
    wanted = engine.needs(inbound, member, state)
    team = None
    others: dict[str, tuple[OtherPart, ...]] = {}
    if engine.Need.TEAM in wanted:  # counted by the database, not read member by member
        names = TEAM_NAMES if engine.Need.TEAM_NAMES in wanted else 0
        tallies = team_tally(session, period_id=period.id, names=names,
                             sections=[(s.key, s.role) for s in SECTIONS])  # fmt: skip
        team = tuple(tallied_progress(s, tallies[s.key]) for s in SECTIONS)
    if engine.Need.OTHERS in wanted:
        others = _others(session, period.id, member.id)
    return Context(
        member=member,
        period=PeriodView(
            period.id,
            period_label(period),
            period.data_deadline,
            period.final_deadline,
            late,
            starts=semester_start(period.year, period.semester),
            ends=semester_end(period.year, period.semester),
        ),
        submissions={
            key: SubmissionView(record.status, record.answers) for key, record in records.items()
        },
        team=team,
        invite_code=invite_code() if engine.Need.INVITE_CODE in wanted else None,
        others=others,
        certificate=_certificate(session, inbound, state) if member.is_admin else None,
    )


def _certificate(session: Session, inbound: Inbound, state: State) -> CertificateView | None:
    """The certificate a typed number names, when the engine is asking for one."""
    text = engine.certificate_lookup(inbound, state)
    found = certificate_register.find_typed(session, text=text) if text else None
    if found is None:
        return None
    c, words = found
    return CertificateView(c.number, c.holder, c.scheme, c.issued_on, c.valid_until,
                           c.revoked_on, words)  # fmt: skip


_SUMMARY_FIELDS = frozenset(
    {DELETED_ENTRY} | {s.repeat.questions[0].key for s in SECTIONS if s.repeat is not None}
)


def _others(session: Session, period_id: int, member_id: int) -> dict[str, tuple[OtherPart, ...]]:
    """Per section, what members other than this one have stored for the period."""
    found: dict[str, list[OtherPart]] = {}
    parts = queries.others_parts(
        session, period_id=period_id, member_id=member_id, fields=_SUMMARY_FIELDS
    )
    roles = members.active_roles(session, member_ids={part.member_id for part in parts})
    for part in parts:
        section = BY_KEY.get(part.section)
        if section is None or (not part.answers and part.status is SubmissionStatus.DRAFT):
            continue
        held = roles.get(part.member_id, frozenset())
        role = section.role if section.role in held or Role.ADMIN not in held else Role.ADMIN
        found.setdefault(part.section, []).append(
            OtherPart(part.name, texts.ROLE_NAMES[role], part.status, part.answers)
        )
    return {key: tuple(parts) for key, parts in found.items()}
