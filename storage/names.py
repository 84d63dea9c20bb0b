"""The names lsp-bot already knows, offered when a question names a TUK or a scheme: the
certificate register's (as certificates spell them) and what members answered to such questions
in recent semesters, one spelling per name (the register's first)."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session

from storage.models import Answer, Submission
from storage.register import fold
from storage.register_models import Scheme, Tuk

KNOWN_KEPT = 200  # names read of each kind: far more than any LSP has


def known_names(
    session: Session, *, kind: str, fields: Sequence[tuple[str, str]], period_ids: Sequence[int]
) -> tuple[str, ...]:
    """Names of a kind ('tuk', 'scheme'), sorted: the register's, then those answered to the
    `fields` ((section, field) pairs) in the periods given that the register does not hold."""
    table = {"tuk": Tuk, "scheme": Scheme}[kind]
    found: dict[str, str] = {}
    for (name,) in session.execute(select(table.name).order_by(table.id).limit(KNOWN_KEPT)):
        found.setdefault(fold(name), name)
    for section, field in fields:
        # The first KNOWN_KEPT found, in no order: the database stops there, however many
        # members answered (a handful of names are shown).
        rows = session.execute(
            select(Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .where(Submission.section == section, Answer.field == field,
                   Submission.period_id.in_(list(period_ids)))
            .limit(KNOWN_KEPT)
        ).all()  # fmt: skip
        for (value,) in rows:
            if isinstance(value, str) and value.strip():
                found.setdefault(fold(value), value.strip())
    return tuple(sorted(found.values(), key=str.casefold))
