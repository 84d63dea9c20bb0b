"""Who still owes what, and the reporting calendar."""

from datetime import date

from conversations.forms.registry import BY_KEY
from conversations.progress import BELUM, LENGKAP, NIHIL, Person, section_progress
from conversations.service import collecting_period, ensure_periods
from storage.db import session_scope
from storage.enums import Role, Semester, SubmissionStatus
from storage.periods import default_deadlines, semester_of

ADMIN = Person(1, "Admin", frozenset({Role.ADMIN}))
SITI = Person(2, "Siti", frozenset({Role.KOORDINATOR_TUK}))
BUDI = Person(3, "Budi", frozenset({Role.KOORDINATOR_TUK}))
TUK = BY_KEY["2.5"]
S, N = SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL


def test_every_holder_of_the_role_owes_the_section() -> None:
    progress = section_progress(TUK, [ADMIN, SITI, BUDI], {("2.5", 2): S})
    assert (progress.state, progress.owed_by, progress.done_by) == (BELUM, ("Budi",), ("Siti",))
    done = section_progress(TUK, [ADMIN, SITI, BUDI], {("2.5", 2): S, ("2.5", 3): N})
    assert (done.state, done.owed_by) == (LENGKAP, ())


def test_a_draft_is_still_owed() -> None:
    progress = section_progress(TUK, [ADMIN, SITI], {("2.5", 2): SubmissionStatus.DRAFT})
    assert (progress.state, progress.owed_by) == (BELUM, ("Siti",))


def test_all_nihil_is_nihil() -> None:
    progress = section_progress(TUK, [ADMIN, SITI, BUDI], {("2.5", 2): N, ("2.5", 3): N})
    assert progress.state == NIHIL


def test_with_nobody_in_the_role_the_admin_owes_it_and_can_settle_it() -> None:
    owed = section_progress(TUK, [ADMIN], {})
    assert (owed.state, owed.owed_by, owed.nobody_holds_role) == (BELUM, ("Admin",), True)
    settled = section_progress(TUK, [ADMIN, SITI], {("2.5", 1): N})
    assert (settled.state, settled.owed_by) == (NIHIL, ())


def test_semesters_and_default_deadlines() -> None:
    assert semester_of(date(2026, 6, 30)) == (2026, Semester.I)
    assert semester_of(date(2026, 7, 1)) == (2026, Semester.II)
    assert default_deadlines(2026, Semester.I) == (date(2026, 7, 7), date(2026, 7, 31))
    assert default_deadlines(2026, Semester.II) == (date(2027, 1, 7), date(2027, 1, 31))


def test_collecting_period_switches_after_the_data_deadline(db) -> None:
    for today, expected in [
        (date(2027, 1, 7), (2026, "II")),
        (date(2027, 1, 8), (2027, "I")),
        (date(2026, 11, 24), (2026, "II")),
        (date(2026, 7, 7), (2026, "I")),
        (date(2026, 7, 8), (2026, "II")),
    ]:
        ensure_periods(db, today=today)
        with session_scope(db) as session:
            period = collecting_period(session, today=today)
        assert (period.year, period.semester) == expected, today
