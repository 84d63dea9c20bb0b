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
    OthersView,
    PeriodView,
    PreviousPart,
    SubmissionView,
)
from conversations.forms.registry import BY_KEY, SECTIONS, sections_for
from conversations.needs import Need, needs
from conversations.progress import tallied_progress
from conversations.service.periods import period_label
from conversations.service.review_loading import own_returns, review_view
from conversations.state import State
from conversations.turn_base import OTHERS_SHOWN
from storage import (
    members,
    period_data,
    queries,
)
from storage import register as certificate_register
from storage.carry import last_parts
from storage.enums import DELETED_ENTRY, Role, SubmissionStatus
from storage.names import known_names
from storage.others import others_of_period
from storage.periods import (
    previous_semester,
    semester_end,
    semester_label,
    semester_start,
)
from storage.tally import team_tally

logger = logging.getLogger(__name__)

TEAM_NAMES = 9  # /status names eight, then "and N more"
DRAFT = SubmissionStatus.DRAFT


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
    wanted = needs(inbound, member, state)
    team = None
    others: dict[str, OthersView] = {}
    if Need.TEAM in wanted:  # counted by the database, not read member by member
        names = TEAM_NAMES if Need.TEAM_NAMES in wanted else 0
        tallies = team_tally(session, period_id=period.id, names=names,
                             sections=[(s.key, s.role) for s in SECTIONS])  # fmt: skip
        team = tuple(tallied_progress(s, tallies[s.key]) for s in SECTIONS)
    if Need.OTHERS in wanted:
        others = _others(session, period.id, member.id)
    previous = _previous(session, member, period, records, state) if Need.PREVIOUS in wanted else {}
    known = _names(session, period, member) if Need.NAMES in wanted else {}
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
            key: SubmissionView(record.status, record.answers, frozenset(record.carried))
            for key, record in records.items()
        },
        team=team,
        invite_code=invite_code() if Need.INVITE_CODE in wanted else None,
        others=others,
        certificate=_certificate(session, inbound, state) if member.is_admin else None,
        previous=previous,
        names=known,
        files=inbound.files,
        review=review_view(session, inbound, state, period.id) if Need.REVIEW in wanted else None,
        returns=own_returns(session, records),
    )


# Per kind of name, the questions that give one: their answers are names already known.
_NAMING: dict[str, list[tuple[str, str]]] = {}
for _section in SECTIONS:
    for _question in (*_section.top_questions,
                      *(_section.repeat.questions if _section.repeat else ())):  # fmt: skip
        if _question.names is not None:
            _NAMING.setdefault(_question.names, []).append((_section.key, _question.key))


def _names(
    session: Session, period: queries.PeriodRecord, member: MemberView
) -> dict[str, tuple[str, ...]]:
    """The TUKs' and schemes' names known: the register's, and those answered this semester and
    the one before (only the kinds the member's sections ask for)."""
    mine = {s.key for s in sections_for(member.roles)}
    kinds = {kind: fields for kind, fields in _NAMING.items() if any(k in mine for k, _f in fields)}
    if not kinds:
        return {}
    keys = [previous_semester(period.year, period.semester), (period.year, period.semester)]
    ids = [found.id for found in queries.periods(session, keys=keys).values()]
    return {
        kind: known_names(session, kind=kind, fields=fields, period_ids=ids)
        for kind, fields in kinds.items()
    }


def _previous(
    session: Session, member: MemberView, period: queries.PeriodRecord,
    records: dict[str, queries.SubmissionRecord], state: State,
) -> dict[str, PreviousPart]:  # fmt: skip
    """Last semester's parts of the sections the member may fill and has not begun (and of the
    open one while its entries are being offered)."""
    begun = {key for key, record in records.items() if record.answers or record.status != DRAFT}
    if state.carry and state.section:
        begun.discard(state.section)
    sections = [s.key for s in sections_for(member.roles) if s.key not in begun]
    shared = frozenset(s.key for s in SECTIONS if s.role is Role.ADMIN)
    found = last_parts(session, member_id=member.id, before=(period.year, period.semester),
                       sections=sections, shared=shared)  # fmt: skip
    others = {part.owner_id for part in found.values()} - {member.id}
    names = {m.id: m.name for m in period_data.members(session, ids=others).values()}
    return {
        key: PreviousPart(semester_label(part.year, part.semester), part.answers,
                          part.revisions, names.get(part.owner_id))
        for key, part in found.items()
    }  # fmt: skip


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


def _others(session: Session, period_id: int, member_id: int) -> dict[str, OthersView]:
    """Per section, what members other than this one have stored for the period (the first
    few by name, and how many)."""
    found = others_of_period(session, period_id=period_id, member_id=member_id,
                             fields=_SUMMARY_FIELDS, shown=OTHERS_SHOWN)  # fmt: skip
    ids = {p.member_id for o in found.values() for p in (*o.parts, *o.sent)}
    roles = members.active_roles(session, member_ids=ids)

    def view(part: queries.PartRecord) -> OtherPart:
        section = BY_KEY[part.section]
        held = roles.get(part.member_id, frozenset())
        role = section.role if section.role in held or Role.ADMIN not in held else Role.ADMIN
        return OtherPart(part.name, texts.ROLE_NAMES[role], part.status, part.answers)

    return {
        key: OthersView(tuple(map(view, o.parts)), o.count, tuple(map(view, o.sent)), o.sent_count)
        for key, o in found.items()
        if key in BY_KEY
    }
