"""A person's rows (the live prompt, the conversation state) are written with one upsert, so
two instances writing the same person's row at the same moment never collide: the second waits
for the first and overwrites it, where an UPDATE-then-INSERT raised a UniqueViolation."""

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, text

from storage import writes
from storage.db import session_scope
from storage.models import ConversationState, OpenPrompt
from tests.helpers import NOW

Write = Callable[..., None]


def _prompt(session, value: str) -> None:  # type: ignore[no-untyped-def]
    writes.set_open_prompt(session, identity_key="telegram:1", message_ref=value, now=NOW)


def _state(session, value: str) -> None:  # type: ignore[no-untyped-def]
    writes.save_state(session, identity_key="telegram:1", data=value, now=NOW)


def _until_a_writer_waits_for_a_lock(db: Engine, timeout: float = 10) -> None:
    """Until PostgreSQL shows another backend waiting for a lock (the second writer, held by
    the first's uncommitted row)."""
    deadline = time.monotonic() + timeout
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND pid <> pg_backend_pid() AND datname = current_database()"
    )
    with db.connect() as connection:
        while connection.execute(query).scalar_one() == 0:
            assert time.monotonic() < deadline, "the second writer never reached the row"
            connection.rollback()


def _stored(db: Engine) -> tuple[str | None, str | None]:
    with session_scope(db) as session:
        prompt = session.execute(select(OpenPrompt.message_ref)).scalar_one_or_none()
        state = session.execute(select(ConversationState.data)).scalar_one_or_none()
    return prompt, state


@pytest.mark.parametrize("write", [_prompt, _state], ids=["open prompt", "state"])
def test_two_writers_of_one_persons_new_row_both_succeed(
    db: Engine, backend: str, write: Write
) -> None:
    if backend == "sqlite":  # one SQLite file has one writer at a time: in turn
        for value in ("first", "second"):
            with session_scope(db) as session:
                write(session, value)
                session.commit()
    else:
        failures: list[BaseException] = []
        first_wrote, second_started = threading.Event(), threading.Event()

        def second() -> None:
            try:
                first_wrote.wait(10)
                with session_scope(db) as session:
                    second_started.set()
                    write(session, "second")  # waits for the first transaction's row
                    session.commit()
            except BaseException as error:
                failures.append(error)

        thread = threading.Thread(target=second)
        thread.start()
        with session_scope(db) as session:
            write(session, "first")
            first_wrote.set()
            second_started.wait(10)
            _until_a_writer_waits_for_a_lock(db)  # the second is at the row: both race
            session.commit()
        thread.join(10)
        assert not failures, failures
    prompt, state = _stored(db)
    assert (prompt if write is _prompt else state) == "second"
