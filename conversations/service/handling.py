"""The conversation service: the only part of conversations/ that touches the database.

For each message: drop it if its id was applied before, find who sent it, load their state
and data, run the engine, store its effects and the new state, and commit once.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from conversations import engine, texts
from conversations.commands import command_named
from conversations.events import (
    Inbound,
    MemberView,
    Reply,
    reply_from_record,
    reply_record,
)
from conversations.service.effects import apply
from conversations.service.invites import link_code, looks_like_code, new_invite_code, register
from conversations.service.loading import context
from conversations.service.message import Message
from conversations.service.periods import ensure_periods, member_period
from conversations.state import State
from storage import (
    delivery,
    queries,
    reach,
    writes,
)
from storage.db import session_scope
from storage.delivery import Delivered
from storage.periods import (
    DEFAULT_RULE,
    WITA,
    DeadlineRule,
)
from storage.types import utcnow

logger = logging.getLogger(__name__)

START = Inbound("/start")  # what a message that used an invite goes on as


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
        # Called after a commit that left a notice for another member (a returned part): the
        # reminder sender is woken to send it now. Set by whoever runs the sender.
        self.on_notice: Callable[[], None] | None = None

    def handle(self, message: Message) -> list[Reply]:
        """The replies to one message; everything it changed is committed before returning.

        A message with an id is applied once: it is recorded, with its replies, at the end of
        the transaction that applies it; if it was recorded before (a redelivery, or the same
        update applied concurrently by another instance) this copy's work is rolled back and
        the replies kept for it are handed out instead, once, if they were not sent."""
        return self.answer(message)[1]

    def answer(
        self, message: Message, earlier: Delivered | None = None
    ) -> tuple[str | None, list[Reply]]:
        """`handle`, taking the person's live prompt in the same transaction: (the platform's
        id of the message whose buttons answered the question before, or None; the replies).
        The replies replace that question, so its buttons are the channel's to take away, once:
        a redelivery of the message finds no live prompt left. `earlier`: the person's last
        delivery a channel has not yet written (storage/delivery.py), written first in the same
        transaction."""
        now = self.clock()
        today = now.astimezone(WITA).date()
        if self._periods_ensured_on != today:
            ensure_periods(self.db, today=today, rule=self.deadlines)
            self._periods_ensured_on = today
        try:
            with session_scope(self.db) as session:
                delivery.record(session, [earlier] if earlier else [], now=now)
                answered = self._handle(session, message, now)
                if answered is not None:
                    session.commit()
                    if session.info.get("notices") and self.on_notice is not None:
                        self.on_notice()
                    return answered
        except IntegrityError as error:
            if message.message_id is None:
                raise
            logger.info("message %s of %s applied concurrently (%s)", message.message_id,
                        message.identity, type(error.orig).__name__)  # fmt: skip
        assert message.message_id is not None
        return None, self._again(message.identity, message.message_id, now, earlier)

    def _again(
        self, key: str, ident: str, now: datetime, earlier: Delivered | None = None
    ) -> list[Reply]:
        """A message applied before: its kept replies if they were never reported sent."""
        with session_scope(self.db) as session:
            delivery.record(session, [earlier] if earlier else [], now=now)
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

    def record(self, earlier: Delivered) -> None:
        """A person's delivery a channel has not yet written, on its own."""
        with session_scope(self.db) as session:
            delivery.record(session, [earlier], now=self.clock())
            session.commit()

    def leave_waits(self, message: Message, earlier: Delivered | None = None) -> str | None:
        """A command answered outside the conversation (a report, the members...): its reply
        replaces the question on screen, so the live prompt is taken (returned, for the
        channel to take its buttons away) and a Ya/Tidak question the person was asked no
        longer stands (a later "ya" cannot answer it; a revocation under way is dropped)."""
        now = self.clock()
        with session_scope(self.db) as session:
            delivery.record(session, [earlier] if earlier else [], now=now)
            member, state_json, _unreachable, live = queries.sender(session, key=message.identity)
            if member is None:
                session.commit()
                return None
            if live is not None:
                writes.set_open_prompt(
                    session, identity_key=message.identity, message_ref=None, now=now
                )
            left = engine.left_for_another_command(State.from_json(state_json))
            if left is not None:
                writes.save_state(
                    session, identity_key=message.identity, data=left.to_json(), now=now
                )
            session.commit()
        if left is not None:
            logger.info("%s left a wait for another command", message.identity)
        return live

    def _handle(
        self, session: Session, message: Message, now: datetime
    ) -> tuple[str | None, list[Reply]] | None:
        """(the live prompt taken, the replies to a message), recorded with it as applied
        (kept until `replied`); None if it was applied before (the caller rolls this back)."""
        live, replies = self._respond(session, message, now)
        if live is not None:  # read with the sender: replaced by these replies
            writes.set_open_prompt(
                session, identity_key=message.identity, message_ref=None, now=now
            )
        if message.message_id is None:
            return live, replies
        records = [reply_record(reply) for reply in replies]
        if writes.record_processed(
            session, identity_key=message.identity, message_id=message.message_id,
            replies=records, now=now,
        ):  # fmt: skip
            return live, replies
        return None

    def _respond(
        self, session: Session, message: Message, now: datetime
    ) -> tuple[str | None, list[Reply]]:
        inbound, parsed = message.inbound, message.parsed
        replies: list[Reply] = []
        start = command_named(parsed, "start")
        if start is not None and start.argument:
            replies.extend(register(session, message, code=start.argument, now=now))
            inbound = START
        member, state_json, unreachable, live = queries.sender(session, key=message.identity)
        # Someone new sending the bare code (typed from the invite, or the link's text with
        # '/start' removed) registers as with /start CODE.
        text = inbound.text
        bare_code = member is None and not replies and looks_like_code(text)
        if bare_code and queries.invite(session, code=text.upper()) is not None:
            replies = register(session, message, code=text, now=now)
            member, state_json, unreachable, live = queries.sender(session, key=message.identity)
            if member is None:
                return None, replies
            inbound = START
        if member is None:
            return None, replies or [Reply(texts.UNKNOWN_PERSON)]
        if unreachable and reach.clear_unreachable(session, key=message.identity):
            logger.info("%s wrote again: reachable", message.identity)
        if not member.active:
            return None, [Reply(texts.INACTIVE)]
        if command_named(parsed, "tautkan"):
            return live, [link_code(session, member, self.code_factory(), now)]
        state = State.from_json(state_json)
        return live, replies + self._converse(session, message, member, state, inbound, now)

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
        ctx = context(session, inbound, view, period, records, state, late=late,
                      invite_code=self.code_factory)  # fmt: skip
        step = engine.handle(state, inbound, ctx, now)
        notices: list[bool] = []
        for effect in step.effects:
            apply(session, effect, member.id, period.id, message.channel, now, records, notices)
        if any(notices):
            session.info["notices"] = True
        writes.save_state(
            session, identity_key=message.identity, data=step.state.to_json(), now=now
        )
        return list(step.replies)
