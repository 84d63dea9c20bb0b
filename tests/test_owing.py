"""Who still owes a section, worked out by the database (`storage.reminders.owing`), is exactly
what the progress rules say (`conversations.progress.owed_sections` over everyone read into
Python), for many combinations of roles, statuses and settled sections, on both databases."""

import random
from datetime import UTC, datetime

from sqlalchemy import Engine, insert

from conversations.forms.registry import SECTIONS
from conversations.progress import owed_sections
from storage import outstanding
from storage.db import session_scope
from storage.enums import Role, SubmissionStatus
from storage.models import Member, MemberRole, Period, Submission

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def populate(db: Engine, seed: int) -> None:
    chance = random.Random(seed)
    roles = list(Role)
    statuses = list(SubmissionStatus)
    with db.begin() as connection:
        connection.execute(insert(Period).values(
            id=1, year=2026, semester="II", data_deadline=datetime(2027, 1, 7).date(),
            final_deadline=datetime(2027, 1, 31).date(), created_at=NOW,
        ))  # fmt: skip
        for member in range(1, 121):
            connection.execute(insert(Member).values(
                id=member, name=f"Anggota {member}", active=chance.random() > 0.1, created_at=NOW
            ))  # fmt: skip
            held = chance.sample(roles, chance.choice((0, 1, 1, 1, 2, 3)))
            for role in held:
                connection.execute(insert(MemberRole).values(member_id=member, role=str(role)))
            # Admins settle a section for everyone: only 2.7 here, so the rest stay owed.
            sections = [s for s in SECTIONS if Role.ADMIN not in held or s.key == "2.7"]
            for section in chance.sample(sections, min(len(sections), chance.randint(0, 4))):
                connection.execute(insert(Submission).values(
                    period_id=1, section=section.key, member_id=member,
                    status=str(chance.choice(statuses)), created_at=NOW, updated_at=NOW,
                ))  # fmt: skip


def test_the_database_finds_who_owes_as_the_rules_say(db: Engine) -> None:
    populate(db, 20261202)
    with session_scope(db) as session:
        work = outstanding.open_work(session, period_id=1)
        owed = owed_sections(SECTIONS, work.roles, work.closed, work.settled)
        assert len(owed) > 20 and len(work.closed) > 20  # both kinds are there to tell apart
        settled = outstanding.settled_sections(session, period_id=1)
        assert settled == work.settled
        for only in (None, *(s.key for s in SECTIONS)):
            pairs = [(s.role, s.key) for s in SECTIONS
                     if s.key not in settled and only in (None, s.key)]  # fmt: skip
            expected = sorted(m for m, sections in owed.items()
                              if only is None or any(s.key == only for s in sections))  # fmt: skip
            assert outstanding.members_owing(session, period_id=1, pairs=pairs) == expected, only
        assert outstanding.active_holders(session, role=Role.ADMIN) == sorted(
            m for m, held in work.roles.items() if Role.ADMIN in held
        )
