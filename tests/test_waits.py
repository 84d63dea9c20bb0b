"""Everything the bot waits for from a person is in the engine's state, and only the question
on screen takes an answer. For every kind of wait, a Ya/Tidak meant for an earlier question
(a revocation, a nihil, a deletion, a date "benar?") that was left unanswered changes only what
the question on screen says it changes."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from conversations.service import create_invite
from storage.db import session_scope
from storage.enums import DELETED_ENTRY, Role
from storage.models import Member, Submission
from storage.register_models import Certificate, Revocation
from tests.helpers import Chat, stored_answers
from tests.test_certificates_import import row, xlsx

CERTIFICATES = 12


def number(n: int) -> str:
    return f"LSP-P1/SMKN3/2026/{n:04d}"


# Questions left unanswered before another is put on screen: each asks Ya/Tidak.
LEFT: dict[str, Callable[[int], list[str]]] = {
    "revocation": lambda n: [f"/cabut {number(n)} 24-11-2026 Salah cetak", "/lewati"],
    "nihil": lambda n: ["/nihil 2.4"],
    "deletion": lambda n: ["/isi 2.5", "4", "1"],
    "date": lambda n: ["/isi 2.6", "5", "1", "3", "02-02-2020"],
}
ENTRY = ["TUK Baru", "Jl. Baru", "1", "2", "Skema Baru", "5", "Baik"]
# The question on screen: how it is opened (n: a certificate of its own), and what it asks.
ON_SCREEN: dict[str, tuple[Callable[[int], list[str]], str]] = {
    "a text question": (lambda n: ["/isi 2.5", "3"], "Nama TUK"),
    "a date's benar?": (
        lambda n: ["/isi 2.5", "3", "TUK Baru", "Jl. Baru", "1", "1", "01-01-2020"],
        "Benar?",
    ),
    "add another": (lambda n: ["/isi 2.5", "3", *ENTRY], "Tambah TUK lain?"),
    "a deletion": (lambda n: ["/isi 2.5", "4", "1"], "Hapus"),
    "a nihil": (lambda n: ["/nihil 2.4"], "nihil"),
    "a revocation's confirmation": (
        lambda n: [f"/cabut {number(n)} 24-11-2026 Salah cetak", "/lewati"],
        "Cabut sertifikat",
    ),
    "a revocation's reason": (lambda n: [f"/cabut {number(n)} 24-11-2026"], "Alasan"),
    "a summary": (lambda n: ["/isi 2.5"], "Ringkasan"),
    "the menu": (lambda n: ["/menu"], "Pilih bagian"),
}


def snapshot(chat: Chat, admin: str) -> dict[str, object]:
    """What a Ya/Tidak could change: revocations, the admin's 2.4 status, 2.5 entries and
    dates, 2.6 answers."""
    answers = stored_answers(chat.db, user_name=admin, section="2.5")
    deleted = {
        entry for (entry, field), value in answers.items() if field == DELETED_ENTRY and value
    }
    with session_scope(chat.db) as session:
        revoked = set(
            session.execute(
                select(Certificate.number).join(
                    Revocation, Revocation.certificate_id == Certificate.id
                )
            ).scalars()
        )
        statuses = {
            section: status
            for section, status in session.execute(
                select(Submission.section, Submission.status)
                .join(Member, Member.id == Submission.member_id)
                .where(Member.name == admin)
            )
        }
    return {
        "revoked": revoked,
        "2.4": statuses.get("2.4"),
        "entries": {e: v for (e, f), v in answers.items() if f == "nama" and e not in deleted},
        "dates": {e: v for (e, f), v in answers.items() if f == "tanggal_verifikasi"},
        "2.6": stored_answers(chat.db, user_name=admin, section="2.6"),
    }


def changes(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    return {key: after[key] for key in before if before[key] != after[key]}


@pytest.fixture
def admin(chat: Chat) -> Chat:
    """A register of certificates and, for each question left over, an admin of its own
    (admin-revocation, ...) with a sent 2.5 of two TUKs."""
    rows = [row(n) for n in range(1, CERTIFICATES + 1)]
    assert chat.certificates.import_file("d.xlsx", xlsx(rows), by=None, channel="cli").accepted
    for left in LEFT:
        code = create_invite(chat.db, role=Role.ADMIN, name=f"Admin {left}", now=chat.clock.now)
        chat.say(f"admin-{left}", f"/start {code}")
        script = ["/isi 2.5", "TUK Satu", *ENTRY[1:], "ya", "TUK Dua", *ENTRY[1:], "tidak"]
        chat.script(f"admin-{left}", [*script, "/lewati", "1"])
        assert len(snapshot(chat, f"Admin {left}")["entries"]) == 2  # type: ignore[arg-type]
    return chat


def expected(screen: str, answer: str, before: dict, n: int) -> dict[str, object]:  # type: ignore[type-arg]
    """What the answer changes when `screen` is the question on screen."""
    entries = dict(before["entries"])
    yes = answer == "ya"
    if screen == "a text question":
        return {"entries": {**entries, max(entries) + 1 if entries else 1: answer}}
    if screen == "a date's benar?" and yes:
        return {"dates": {**before["dates"], max(entries): date(2020, 1, 1).isoformat()}}
    if screen == "a deletion" and yes:
        return {"entries": {e: v for e, v in entries.items() if e != min(entries)}}
    if screen == "a nihil" and yes:
        return {"2.4": "nihil"}
    if screen == "a revocation's confirmation" and yes:
        return {"revoked": {*before["revoked"], number(n)}}
    return {}


@pytest.mark.parametrize("answer", ["ya", "tidak"])
@pytest.mark.parametrize("screen", list(ON_SCREEN))
def test_only_the_question_on_screen_takes_a_yes_or_no(
    admin: Chat, screen: str, answer: str
) -> None:
    opener, asks = ON_SCREEN[screen]
    for k, (left, leave) in enumerate(LEFT.items()):
        n = 2 * k + 1  # the left revocation's certificate; n + 1 is the one on screen
        user, name = f"admin-{left}", f"Admin {left}"
        admin.script(user, leave(n))
        shown = admin.script(user, opener(n + 1))
        assert asks.casefold() in shown.casefold(), (left, screen, shown)
        before = snapshot(admin, name)
        reply = admin.say(user, answer)
        assert changes(before, snapshot(admin, name)) == expected(screen, answer, before, n + 1), (
            f"{answer!r} with {screen} on screen after a {left} was left: {reply}"
        )


@pytest.mark.parametrize("left", list(LEFT))
def test_a_command_answered_outside_the_conversation_leaves_the_question(
    admin: Chat, left: str
) -> None:
    user, name = f"admin-{left}", f"Admin {left}"
    for k, command in enumerate(["/sertifikat", "/draft", "/anggota", "/profil"]):
        admin.script(user, LEFT[left](k + 1))
        admin.say(user, command)
        before = snapshot(admin, name)
        admin.say(user, "ya")
        assert changes(before, snapshot(admin, name)) == {}, (left, command)
        admin.say(user, "/batal")
