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


def test_the_database_counts_the_team_as_the_rule_does(db) -> None:  # type: ignore[no-untyped-def]
    """The admin's menu and /status count the team in the database (storage/tally.py); for a
    team of every shape (several roles, admins, inactive members, drafts, nihil, nobody in a
    role) they say what section_progress says of the same members."""
    import random

    from sqlalchemy import insert

    from conversations.forms.registry import SECTIONS
    from conversations.progress import tallied_progress
    from storage import queries
    from storage.models import Member, MemberRole, Period, Submission
    from storage.tally import team_tally
    from tests.helpers import NOW

    pick = random.Random(20261204)
    statuses = [None, SubmissionStatus.DRAFT, S, N]
    roles = [r for r in Role if r is not Role.SURVEILAN]  # nobody holds surveilan: admins owe 2.6
    with session_scope(db) as session:
        session.execute(insert(Period).values(id=1, year=2026, semester="II", created_at=NOW,
                                              data_deadline=date(2027, 1, 7),
                                              final_deadline=date(2027, 1, 31)))  # fmt: skip
        for n in range(1, 41):
            session.execute(insert(Member).values(id=n, name=f"Anggota {pick.randint(1, 30):02d}",
                                                  active=n % 7 != 0, created_at=NOW))  # fmt: skip
            for role in pick.sample(roles, pick.choice([0, 1, 1, 2])):
                session.execute(insert(MemberRole).values(member_id=n, role=role))
            for section in SECTIONS:
                status = pick.choice(statuses)
                if status is not None:
                    session.execute(insert(Submission).values(
                        period_id=1, section=section.key, member_id=n, status=status,
                        created_at=NOW, updated_at=NOW))  # fmt: skip
        session.commit()
        people = [Person(m.id, m.name, m.roles) for m in queries.active_members(session)]
        stored = queries.period_statuses(session, period_id=1)
        tallies = team_tally(session, period_id=1, names=9,
                             sections=[(s.key, s.role) for s in SECTIONS])  # fmt: skip
    for section in SECTIONS:
        expected = section_progress(section, people, stored)
        counted = tallied_progress(section, tallies[section.key])
        assert (counted.state, counted.nobody_holds_role) == (
            expected.state, expected.nobody_holds_role), section.key  # fmt: skip
        assert (counted.owing, counted.done) == (len(expected.owed_by), len(expected.done_by))
        assert counted.owed_by == expected.owed_by[:9], section.key
        assert counted.done_by == expected.done_by[:9], section.key
