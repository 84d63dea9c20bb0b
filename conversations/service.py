"""The conversation service: the only part of conversations/ that touches the database.

For each message: drop it if its id was applied before, find who sent it, load their state
and data, run the engine, store its effects and the new state, and commit once.
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from conversations import engine, texts
from conversations.commands import Parsed, command_named
from conversations.events import (
    CertificateView,
    Context,
    CreateInvite,
    Effect,
    Inbound,
    MemberView,
    OtherPart,
    PeriodView,
    Reply,
    RevokeCertificate,
    SaveAnswer,
    SetName,
    SetStatus,
    SubmissionView,
    reply_from_record,
    reply_record,
)
from conversations.forms.registry import BY_KEY, SECTIONS
from conversations.progress import BELUM, Person, owed_sections, team_progress
from conversations.state import State
from storage import (
    members,
    outstanding,
    queries,
    reach,
    register_writes,
    reminder_plan,
    writes,
)
from storage import register as certificate_register
from storage.db import session_scope
from storage.enums import DELETED_ENTRY, Role, Semester, SubmissionStatus
from storage.periods import (
    DEFAULT_RULE,
    WITA,
    DeadlineRule,
    default_deadlines,
    previous_semester,
    semester_end,
    semester_of,
    semester_start,
)
from storage.types import utcnow

logger = logging.getLogger(__name__)

START = Inbound("/start")  # what a message that used an invite goes on as
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
INVITE_VALIDITY = timedelta(days=7)
LINK_VALIDITY = timedelta(days=1)


def new_invite_code() -> str:
    """A random code people can read aloud and type (no 0/O, 1/I)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def period_label(period: queries.PeriodRecord) -> str:
    """'Semester II Tahun 2026'."""
    return f"Semester {period.semester} Tahun {period.year}"


@dataclass(frozen=True)
class Message:
    """A message as a channel hands it over."""

    identity: str
    text: str
    message_id: str | None = None
    display_name: str | None = None

    @cached_property
    def inbound(self) -> Inbound:
        """What the engine reads: the text, parsed once (`inbound.parsed`)."""
        return Inbound(self.text.strip())

    @property
    def parsed(self) -> Parsed:
        """The message as text, a command or an unknown command."""
        return self.inbound.parsed

    @property
    def channel(self) -> str:
        """The channel part of the identity ('console', 'telegram', 'whatsapp')."""
        return self.identity.split(":", 1)[0]


class ConversationService:
    """Runs messages through the engine against the database."""

    def __init__(
        self,
        db: Engine,
        *,
        clock: Callable[[], datetime] = utcnow,
        code_factory: Callable[[], str] = new_invite_code,
        deadlines: DeadlineRule = DEFAULT_RULE,
    ) -> None:
        self.db = db
        self.clock = clock
        self.code_factory = code_factory
        self.deadlines = deadlines
        self._periods_ensured_on: date | None = None

    def handle(self, message: Message) -> list[Reply]:
        """The replies to one message; everything it changed is committed before returning.

        A message with an id is applied once: it is recorded, with its replies, at the end of
        the transaction that applies it; if it was recorded before (a redelivery, or the same
        update applied concurrently by another instance) this copy's work is rolled back and
        the replies kept for it are handed out instead, once, if they were not sent."""
        now = self.clock()
        today = now.astimezone(WITA).date()
        if self._periods_ensured_on != today:
            ensure_periods(self.db, today=today, rule=self.deadlines)
            self._periods_ensured_on = today
        try:
            with session_scope(self.db) as session:
                replies = self._handle(session, message, now)
                if replies is not None:
                    session.commit()
                    return replies
        except IntegrityError as error:
            if message.message_id is None:
                raise
            logger.info("message %s of %s applied concurrently (%s)", message.message_id,
                        message.identity, type(error.orig).__name__)  # fmt: skip
        assert message.message_id is not None
        return self._again(message.identity, message.message_id, now)

    def _again(self, key: str, ident: str, now: datetime) -> list[Reply]:
        """A message applied before: its kept replies if they were never reported sent."""
        with session_scope(self.db) as session:
            kept = writes.take_unsent_replies(session, identity_key=key, message_id=ident, now=now)
            session.commit()
        if kept is None:
            logger.info("message %s of %s already answered", ident, key)
            return []
        logger.info("message %s of %s applied before: its replies sent again", ident, key)
        return [reply_from_record(record) for record in kept]

    def replied(self, message: Message) -> None:
        """The replies to `message` were sent: a redelivery of it gets nothing more."""
        if message.message_id is None:
            return
        with session_scope(self.db) as session:
            writes.mark_replied(
                session,
                identity_key=message.identity,
                message_id=message.message_id,
                now=self.clock(),
            )
            session.commit()

    def leave_waits(self, message: Message) -> None:
        """A command answered outside the conversation (a report, the members...): a
        confirmation the person was asked before it no longer stands, so a later "ya" cannot
        answer it; a revocation under way is dropped."""
        now = self.clock()
        with session_scope(self.db) as session:
            member, state_json, _unreachable = queries.sender(session, key=message.identity)
            state = State.from_json(state_json)
            left = engine.left_for_another_command(state)
            if member is None or left is None:
                return
            writes.save_state(session, identity_key=message.identity, data=left.to_json(), now=now)
            session.commit()
        logger.info("%s left a %s wait for another command", message.identity, state.mode)

    def _handle(self, session: Session, message: Message, now: datetime) -> list[Reply] | None:
        """The replies to a message, recorded with it as applied (kept until `replied`); None
        if it was applied before (the caller rolls this back)."""
        replies = self._respond(session, message, now)
        if message.message_id is None:
            return replies
        records = [reply_record(reply) for reply in replies]
        if writes.record_processed(
            session, identity_key=message.identity, message_id=message.message_id,
            replies=records, now=now,
        ):  # fmt: skip
            return replies
        return None

    def _respond(self, session: Session, message: Message, now: datetime) -> list[Reply]:
        inbound, parsed = message.inbound, message.parsed
        replies: list[Reply] = []
        start = command_named(parsed, "start")
        if start is not None and start.argument:
            replies.extend(register(session, message, code=start.argument, now=now))
            inbound = START
        member, state_json, unreachable = queries.sender(session, key=message.identity)
        # Someone new sending the bare code (typed from the invite, or the link's text with
        # '/start' removed) registers as with /start CODE.
        text = inbound.text
        bare_code = member is None and not replies and _looks_like_code(text)
        if bare_code and queries.invite(session, code=text.upper()) is not None:
            replies = register(session, message, code=text, now=now)
            member, state_json, unreachable = queries.sender(session, key=message.identity)
            if member is None:
                return replies
            inbound = START
        if member is None:
            return replies or [Reply(texts.UNKNOWN_PERSON)]
        if unreachable and reach.clear_unreachable(session, key=message.identity):
            logger.info("%s wrote again: reachable", message.identity)
        if not member.active:
            return [Reply(texts.INACTIVE)]
        if command_named(parsed, "tautkan"):
            return [self._link_code(session, member, now)]
        state = State.from_json(state_json)
        return replies + self._converse(session, message, member, state, inbound, now)

    def _link_code(self, session: Session, member: queries.MemberRecord, now: datetime) -> Reply:
        """/tautkan: a one-time code that binds another channel's account to this member."""
        code = self.code_factory()
        writes.create_invite(
            session,
            code=code,
            role=next(iter(sorted(member.roles))) if member.roles else Role.ASESOR,
            name=member.name,
            created_by=member.id,
            now=now,
            expires_at=now + LINK_VALIDITY,
            for_member=member.id,
        )
        return Reply(texts.LINK_CODE.format(code=code))

    def _converse(
        self,
        session: Session,
        message: Message,
        member: queries.MemberRecord,
        state: State,
        inbound: Inbound,
        now: datetime,
    ) -> list[Reply]:
        view = MemberView(member.id, member.name, member.roles)
        period, late = member_period(session, member, today=now.astimezone(WITA).date())
        records = queries.member_submissions(session, member_id=member.id, period_id=period.id)
        ctx = self._context(session, inbound, view, period, records, state, late=late)
        step = engine.handle(state, inbound, ctx, now)
        for effect in step.effects:
            self._apply(session, effect, member.id, period.id, message.channel, now, records)
        writes.save_state(
            session, identity_key=message.identity, data=step.state.to_json(), now=now
        )
        return list(step.replies)

    def _context(
        self,
        session: Session,
        inbound: Inbound,
        member: MemberView,
        period: queries.PeriodRecord,
        records: dict[str, queries.SubmissionRecord],
        state: State,
        *,
        late: bool = False,
    ) -> Context:
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
                key: SubmissionView(record.status, record.answers)
                for key, record in records.items()
            },
            team=team,
            invite_code=self.code_factory() if engine.Need.INVITE_CODE in wanted else None,
            others=others,
            certificate=_certificate(session, inbound, state) if member.is_admin else None,
        )

    def _apply(
        self,
        session: Session,
        effect: Effect,
        member_id: int,
        period_id: int,
        channel: str,
        now: datetime,
        records: dict[str, queries.SubmissionRecord],
    ) -> None:
        if isinstance(effect, SetName):
            old = members.rename(session, member_id=member_id, name=effect.name)
            members.record_change(session, subject="member", key=str(member_id),
                                  action="rename", old=old, new=effect.name, by=member_id,
                                  channel=channel, now=now)  # fmt: skip
            return
        if isinstance(effect, RevokeCertificate):
            _revoke(session, effect, member_id, channel, now)
            return
        if isinstance(effect, CreateInvite):
            writes.create_invite(
                session,
                code=effect.code,
                role=effect.role,
                name=effect.name,
                created_by=member_id,
                now=now,
                expires_at=effect.expires_at,
            )
            return
        record = records.get(effect.section)
        if record is None:
            submission_id = writes.ensure_submission(
                session, period_id=period_id, section=effect.section, member_id=member_id, now=now
            )
            record = queries.SubmissionRecord(
                submission_id, effect.section, SubmissionStatus.DRAFT, {}, {}
            )
            records[effect.section] = record
        submission_id = record.id
        if isinstance(effect, SaveAnswer):
            key = (effect.entry, effect.field)
            current = (
                (record.answers[key], record.revisions[key]) if key in record.answers else None
            )
            revision = writes.save_answer(
                session,
                submission_id=submission_id,
                entry_no=effect.entry,
                field=effect.field,
                value=effect.value,
                member_id=member_id,
                channel=channel,
                now=now,
                current=current,
            )
            if revision is not None:
                record.answers[key], record.revisions[key] = effect.value, revision
        elif isinstance(effect, SetStatus):
            writes.set_status(
                session,
                submission_id=submission_id,
                status=effect.status,
                member_id=member_id,
                channel=channel,
                now=now,
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


def _revoke(
    session: Session, effect: RevokeCertificate, member_id: int, channel: str, now: datetime
) -> None:
    certificate = certificate_register.certificate_id(session, number=effect.number)
    assert certificate is not None  # certificates are never deleted
    done = register_writes.revoke(session, certificate=certificate, on=effect.on,
                                  reason=effect.reason, decision=effect.decision, by=member_id,
                                  channel=channel, now=now)  # fmt: skip
    logger.info("certificate %s revoked by member %s%s", certificate, member_id,
                "" if done else " (it was already)")  # fmt: skip


# What a summary of another member's part reads: entry 0 (counted), and of each entry only the
# first field (its name) and the deletion mark.
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


def _looks_like_code(text: str) -> bool:
    """One word of 6-12 letters and digits, as invite codes are."""
    return 6 <= len(text) <= 12 and text.isascii() and text.isalnum()


def register(session: Session, message: Message, *, code: str, now: datetime) -> list[Reply]:
    """Use an invite: a new member for an unknown identity, or one more role for a known one."""
    invite = queries.invite(session, code=code.strip().upper())
    if (
        invite is None
        or invite.used_at is not None
        or invite.withdrawn_at is not None
        or invite.expires_at <= now
    ):
        return [Reply(texts.INVITE_INVALID)]
    role = Role(invite.role)
    member = queries.member_by_identity(session, key=message.identity)
    if invite.for_member is not None:
        if member is not None:
            return [Reply(texts.LINK_ALREADY)]
        writes.bind_identity(session, key=message.identity, member_id=invite.for_member, now=now)
        writes.use_invite(session, code=invite.code, member_id=invite.for_member, now=now)
        logger.info("member %s linked %s", invite.for_member, message.channel)
        return [Reply(texts.LINKED.format(name=invite.name or ""))]
    if member is None:
        name = invite.name or message.display_name or message.identity.split(":", 1)[-1]
        member_id = writes.create_member(session, name=name, now=now)
        writes.bind_identity(session, key=message.identity, member_id=member_id, now=now)
        writes.add_role(session, member_id=member_id, role=role)
        reply = texts.WELCOME.format(name=name, role=texts.ROLE_NAMES[role])
    elif role in member.roles:
        return [Reply(texts.ALREADY_HAS_ROLE.format(role=texts.ROLE_NAMES[role]))]
    else:
        member_id = member.id
        writes.add_role(session, member_id=member_id, role=role)
        reply = texts.ROLE_ADDED.format(role=texts.ROLE_NAMES[role])
    writes.use_invite(session, code=invite.code, member_id=member_id, now=now)
    logger.info("invite used: member %s got role %s", member_id, role)
    return [Reply(reply)]


def create_invite(
    db: Engine,
    *,
    role: Role,
    name: str | None,
    created_by: int | None = None,
    now: datetime | None = None,
) -> str:
    """Make and store a one-time invite (for the CLI); its code."""
    now = now or utcnow()
    code = new_invite_code()
    with session_scope(db) as session:
        writes.create_invite(
            session,
            code=code,
            role=role,
            name=name,
            created_by=created_by,
            now=now,
            expires_at=now + INVITE_VALIDITY,
        )
        session.commit()
    return code


def _period_keys(today: date) -> list[tuple[int, Semester]]:
    current = semester_of(today)
    return [previous_semester(*current), current]


def ensure_periods(db: Engine, *, today: date, rule: DeadlineRule = DEFAULT_RULE) -> None:
    """Create the previous and the current semester with the default deadlines if missing;
    deadlines nobody set by hand follow the defaults (they may have been reconfigured)."""
    keys = _period_keys(today)
    with session_scope(db) as session:
        found = queries.periods(session, keys=keys)
        for period in found.values():
            data_deadline, final_deadline = default_deadlines(period.year, period.semester, rule)
            if reminder_plan.follow_default_deadlines(
                session,
                period_id=period.id,
                data_deadline=data_deadline,
                final_deadline=final_deadline,
            ):
                logger.info("%s %s follows the configured deadlines", period.year, period.semester)
        session.commit()
    for year, semester in (key for key in keys if key not in found):
        data_deadline, final_deadline = default_deadlines(year, semester, rule)
        try:
            with session_scope(db) as session:
                writes.add_period(
                    session,
                    year=year,
                    semester=semester,
                    data_deadline=data_deadline,
                    final_deadline=final_deadline,
                )
                session.commit()
        except IntegrityError:
            logger.info("period %s %s created by another process", year, semester)


def semester_pair(
    session: Session, *, today: date
) -> tuple[queries.PeriodRecord, queries.PeriodRecord]:
    """The previous and the current semester (made by `ensure_periods`)."""
    keys = _period_keys(today)
    found = queries.periods(session, keys=keys)
    return found[keys[0]], found[keys[1]]


def collecting_period(session: Session, *, today: date) -> queries.PeriodRecord:
    """The period being collected: the previous semester until its data deadline, then the
    current one."""
    previous, current = semester_pair(session, today=today)
    return previous if today <= previous.data_deadline else current


def member_period(
    session: Session, member: queries.MemberRecord, *, today: date
) -> tuple[queries.PeriodRecord, bool]:
    """The period a member is filling in, and whether they are late.

    After the data deadline of the previous semester, people move on to the current one. A
    member who still owes sections of the previous semester stays there ("late") until they
    have sent them, the final deadline passes, or a final report exists: an admin while any
    section of it is still open, anyone else while a section of their own roles is.
    """
    previous, current = semester_pair(session, today=today)
    if today <= previous.data_deadline:
        return previous, False
    if today > previous.final_deadline or reminder_plan.has_final(session, period_id=previous.id):
        return current, False
    if Role.ADMIN in member.roles:
        work = outstanding.open_work(session, period_id=previous.id)
        people = [Person(m, work.names[m], frozenset(r)) for m, r in work.roles.items()]
        progress = team_progress(SECTIONS, people, work.closed)
        return (previous if any(p.state == BELUM for p in progress) else current), False
    work = outstanding.open_work(session, period_id=previous.id, member_ids=[member.id])
    mine = owed_sections(SECTIONS, work.roles, work.closed, work.settled)
    return (previous, True) if mine else (current, False)


def reporting_period(session: Session, *, today: date) -> queries.PeriodRecord:
    """The period whose report is being prepared: the previous semester until its final
    report is due, then the current one."""
    previous, current = semester_pair(session, today=today)
    return previous if today <= previous.final_deadline else current
