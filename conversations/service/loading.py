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
from conversations.progress import Person, team_progress
from conversations.service.periods import period_label
from conversations.state import State
from storage import (
    queries,
)
from storage import register as certificate_register
from storage.enums import DELETED_ENTRY, Role, SubmissionStatus
from storage.periods import (
    semester_end,
    semester_start,
)

logger = logging.getLogger(__name__)


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
    if engine.Need.TEAM in wanted:
        active = queries.active_members(session)
        people = [Person(m.id, m.name, m.roles) for m in active]
        statuses = queries.period_statuses(session, period_id=period.id)
        team = team_progress(SECTIONS, people, statuses)
        if engine.Need.OTHERS in wanted:
            roles = {m.id: m.roles for m in active}
            others = _others(session, period.id, member.id, roles)
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


def _others(
    session: Session, period_id: int, member_id: int, roles: dict[int, frozenset[Role]]
) -> dict[str, tuple[OtherPart, ...]]:
    """Per section, what members other than this one have stored for the period."""
    found: dict[str, list[OtherPart]] = {}
    parts = queries.others_parts(
        session, period_id=period_id, member_id=member_id, fields=_SUMMARY_FIELDS
    )
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
