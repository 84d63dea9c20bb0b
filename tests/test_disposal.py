"""Disposing of a period's records past their keeping (`lsp-bot records remove`): refused
before it is due, asked to be confirmed by naming the period, never done when the backup fails;
done, it removes the period's answers, revisions, evidence (and bytes no other answer keeps)
and reviews, keeps its finals, leaves the next semester's carried answers and files whole, and
is logged. Both databases: the foreign keys are the point."""

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.records.disposal import BackupFailed, dispose_period
from storage import evidence
from storage.db import session_scope
from storage.enums import Semester
from storage.evidence import Evidence, EvidenceFile
from storage.models import Answer, AnswerRevision, Change, Period, Submission
from tests.helpers import Chat
from tests.test_carry import NEXT, TUKS, answers_now, first_semester

TODAY = date(2027, 3, 10)


def _count(chat: Chat, model: type, *where: object) -> int:
    with session_scope(chat.db) as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return int(session.execute(query).scalar_one())


def _attach(chat: Chat, year: int, semester: str, data: bytes, name: str,
            field: str = "tanggal_verifikasi") -> None:  # fmt: skip
    """A file attached to an answer of Siti's first TUK in that semester."""
    with session_scope(chat.db) as session:
        sid, member = session.execute(
            select(Submission.id, Submission.member_id).join(Period)
            .where(Period.year == year, Period.semester == semester, Submission.section == "2.5")
        ).one()  # fmt: skip
        evidence.attach(session, submission_id=sid, entry_no=1, field=field,
                        data=data, filename=name, kind="pdf", pages=1, member_id=member,
                        channel="console", now=NEXT)  # fmt: skip
        session.commit()


def _remove(chat: Chat, confirmed: str | None, keep: int = 0,
            backup: Path | None = None) -> tuple[int, list[str]]:  # fmt: skip
    def make_backup() -> Path:
        if backup is None:
            raise BackupFailed("disk penuh")
        backup.write_bytes(b"cadangan")
        return backup

    return dispose_period(chat.db, year=2026, semester=Semester.II, confirmed=confirmed,
                          keep_years=keep, today=TODAY, now=datetime.now().astimezone(),
                          make_backup=make_backup)  # fmt: skip


def test_disposal_is_due_confirmed_backed_up_and_leaves_the_next_semester_whole(
    chat: Chat, tmp_path: Path
) -> None:
    first_semester(chat)
    _attach(chat, 2026, "II", b"%PDF-1.7 berita acara lama", "lama.pdf")
    _attach(chat, 2026, "II", b"%PDF-1.7 dipakai lagi", "sama.pdf")
    # on a semester question: not carried, so its bytes are the old period's alone
    _attach(chat, 2026, "II", b"%PDF-1.7 daftar hadir", "hadir.pdf", field="jumlah_asesi")
    chat.clock.now = NEXT
    chat.say("siti", "/menu")
    chat.say("siti", "2.5")
    chat.say("siti", "semua masih sama")
    for line in [
        "60",
        "Bengkel menambah dua lift.",
        "45",
        "Dapur baru dipakai.",
        "30",
        "Dua ruang praktik baru.",
        "tidak",
        "/lewati",
        "kirim",
    ]:
        chat.say("siti", line)
    _attach(chat, 2027, "I", b"%PDF-1.7 dipakai lagi", "sama.pdf")  # the same bytes
    before = answers_now(chat.db, "Siti Aminah", "2.5")
    assert before[(1, "nama")] == TUKS[0][0]
    old = (Period.year == 2026, Period.semester == "II")
    in_old = Submission.period_id.in_(select(Period.id).where(*old))
    answers_old = _count(chat, Answer, Answer.submission_id.in_(select(Submission.id)
                                                                .where(in_old)))  # fmt: skip
    assert answers_old > 0 and _count(chat, EvidenceFile) == 3

    code, lines = _remove(chat, "2026-II", keep=1)  # kept until 31 December 2027
    assert code == 1 and "belum lewat masa simpannya" in lines[0]
    code, lines = _remove(chat, None)
    assert code == 2 and "--confirm 2026-II" in lines[0] and f"{answers_old} jawaban" in lines[0]
    assert _remove(chat, "2027-I")[0] == 2  # another period's name confirms nothing
    code, lines = _remove(chat, "2026-II", backup=None)
    assert code == 1 and "disk penuh" in lines[0]
    assert _count(chat, Submission, in_old) > 0  # nothing was removed on any of these

    backup = tmp_path / "cadangan.db"
    code, lines = _remove(chat, "2026-II", backup=backup)
    assert code == 0 and "dimusnahkan" in lines[0] and str(backup) in lines[0], lines
    assert _count(chat, Submission, in_old) == 0
    assert _count(chat, AnswerRevision, AnswerRevision.submission_id.not_in(
        select(Submission.id))) == 0  # fmt: skip
    # The next semester is whole: its answers, its file; only the link back is gone.
    assert answers_now(chat.db, "Siti Aminah", "2.5") == before
    assert _count(chat, Answer, Answer.carried_from.is_not(None)) == 0
    # 2027-I: the two files carried with the TUK, and one attached then (the same bytes as one
    # carried); their links back are gone, their bytes kept.
    assert _count(chat, Evidence) == 3 and _count(chat, Evidence, Evidence.carried_from.is_not(
        None)) == 0  # fmt: skip
    with session_scope(chat.db) as session:
        kept = set(session.execute(select(EvidenceFile.data)).scalars().all())
        logged = session.execute(select(Change).where(Change.subject == "period")).scalar_one()
    # the bytes only the old period had are gone
    assert kept == {b"%PDF-1.7 dipakai lagi", b"%PDF-1.7 berita acara lama"}
    assert logged.subject_key == "2026-II" and logged.action == "records_disposed"
    assert logged.old_value["answers"] == answers_old and logged.new_value == {
        "backup": "cadangan.db"}  # fmt: skip
    assert _count(chat, Period, *old) == 1  # the period itself stays, with its finals


@pytest.mark.sqlite_only
def test_an_unknown_period_is_said(chat: Chat) -> None:
    code, lines = dispose_period(chat.db, year=2019, semester=Semester.I, confirmed="2019-I",
                                 keep_years=0, today=TODAY, now=NEXT,
                                 make_backup=lambda: Path("x"))  # fmt: skip
    assert code == 2 and "tidak ada" in lines[0]
