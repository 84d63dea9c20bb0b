"""Test helpers: a settable clock, predictable invite codes, and a chat that reads like a user."""

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select

from bot.certificates.commands import CertificateCommands
from bot.certificates.desk import CertificateDesk
from bot.channels.console import format_reply
from bot.dispatcher import Dispatcher
from bot.members.commands import MemberCommands
from bot.members.desk import MemberDesk
from bot.reports.commands import ReportCommands
from bot.reports.desk import ReportDesk
from conversations.events import Document
from conversations.files import IncomingFile
from conversations.service import ConversationService, Message, create_invite
from render.renderer import Renderer
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, AnswerRevision, Member, Submission


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += timedelta(**delta)


def codes() -> Iterator[str]:
    """INVITE01, INVITE02, ... (predictable codes for transcripts)."""
    return (f"INVITE{n:02d}" for n in itertools.count(1))


# 24 November 2026, 10:00 WITA: inside semester II 2026, data deadline 7 January 2027.
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
# 2 January 2027, 10:00 WITA: semester II 2026 is over (a final may be made), and its data
# may still be changed until 7 January.
SEMESTER_OVER = datetime(2027, 1, 2, 2, 0, tzinfo=UTC)
FAKETIME_LIBRARIES = (
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
)


def semester_over(env: dict[str, str]) -> dict[str, str]:
    """An environment in which a process lives on 2 January 2027 (libfaketime, Debian's
    `faketime`); the calling test is skipped, saying why, where it is not installed."""
    import os

    import pytest

    library = next((path for path in FAKETIME_LIBRARIES if os.path.exists(path)), None)
    if library is None:
        pytest.skip("libfaketime is not installed (Debian package faketime): needed to run "
                    "lsp-bot as a process after the semester has ended")  # fmt: skip
    return {**env, "LD_PRELOAD": library, "FAKETIME": "@2027-01-02 02:00:00",
            "DONT_FAKE_MONOTONIC": "1", "TZ": "UTC"}  # fmt: skip


class Chat:
    """People talking to one service, as the console shows it."""

    def __init__(self, db: Engine, clock: Clock, renderer: Renderer | None = None) -> None:
        self.db = db
        self.clock = clock
        self._codes = codes()
        self.service = ConversationService(db, clock=clock, code_factory=lambda: next(self._codes))
        self.desk = ReportDesk(db, renderer or Renderer(1), clock=clock)
        members = MemberCommands(db, MemberDesk(db, clock=clock))
        self.certificates = CertificateDesk(db, clock=clock)
        certificates = CertificateCommands(db, self.certificates, self.desk.period)
        self.dispatcher = Dispatcher(
            self.service, ReportCommands(db, self.desk), members=members, certificates=certificates
        )
        self.transcript: list[str] = []
        self.documents: list[Document] = []
        self.files = True  # the console sends files (@berkas): evidence is asked for

    def say(
        self, user: str, text: str, *, message_id: str | None = None,
        file: IncomingFile | None = None,
    ) -> str:  # fmt: skip
        """Send one message from console:USER; the replies as the console prints them."""
        message = Message(f"console:{user}", text, message_id=message_id, display_name=user,
                          file=file, files=self.files)  # fmt: skip
        replies = self.dispatcher.handle(message)
        self.dispatcher.replied(message)  # shown at once, as the console does
        self.documents.extend(reply.document for reply in replies if reply.document)
        out = "\n\n".join(format_reply(reply) for reply in replies)
        self.transcript.append(f">>> {user}: {text}\n{out}")
        return out

    def send_file(self, user: str, name: str, data: bytes) -> str:
        """Send a file from console:USER, as a phone would."""
        return self.say(user, "", file=IncomingFile(name, data))

    def script(self, user: str, lines: list[str]) -> str:
        """Send several messages; the last reply."""
        out = ""
        for line in lines:
            out = self.say(user, line)
        return out

    def join(self, user: str, role: Role, name: str | None = None) -> None:
        """Register a member through a real invite code and /start."""
        code = create_invite(self.db, role=role, name=name, now=self.clock.now)
        reply = self.say(user, f"/start {code}")
        assert "Selamat datang" in reply or "ditambahkan" in reply, reply


def stored_answers(db: Engine, *, user_name: str, section: str) -> dict[tuple[int, str], Any]:
    """Current answers of a member's submission for a section."""
    with session_scope(db) as session:
        rows = session.execute(
            select(Answer.entry_no, Answer.field, Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Member, Member.id == Submission.member_id)
            .where(Member.name == user_name, Submission.section == section)
        ).all()
    return {(row.entry_no, row.field): row.value for row in rows}


def submission_status(db: Engine, *, user_name: str, section: str) -> str | None:
    """The stored status of a member's submission, or None if there is none."""
    with session_scope(db) as session:
        return session.execute(
            select(Submission.status)
            .join(Member, Member.id == Submission.member_id)
            .where(Member.name == user_name, Submission.section == section)
        ).scalar_one_or_none()


def revisions(db: Engine, *, field: str, entry: int = 0) -> list[tuple[int, Any, Any]]:
    """(revision, old, new) of a field, oldest first."""
    with session_scope(db) as session:
        rows = session.execute(
            select(AnswerRevision.revision, AnswerRevision.old_value, AnswerRevision.new_value)
            .where(AnswerRevision.field == field, AnswerRevision.entry_no == entry)
            .order_by(AnswerRevision.id)
        ).all()
    return [(row.revision, row.old_value, row.new_value) for row in rows]


PROFILE = {
    "name": "LSP-P1 SMK Negeri 3 Kota Bima", "licence_number": "BNSP-LSP-1234-ID",
    "document_prefix": "LSP-SMKN3", "city": "Kota Bima", "manager_name": "Bu Admin",
    "chair_name": "Drs. H. Ahmad Yani, M.Pd.",
}  # fmt: skip


def complete_profile(db: Engine, **changes: str) -> None:
    """Set what a final needs from the LSP's profile (with `changes` over the defaults)."""
    from storage import writes

    with session_scope(db) as session:
        writes.update_profile(session, now=NOW, **{**PROFILE, **changes})
        session.commit()
