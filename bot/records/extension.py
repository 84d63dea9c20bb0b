"""`lsp-bot report extend`: a new document timestamp for every stored final whose last
timestamp's authority certificate expires within the window, so its signature stays
checkable. The earlier file stays a valid copy of the final (storage/records.py)."""

import hashlib
import logging
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.records import texts
from bot.records.desk import edition_of
from bot.reports.editions import final_filename
from render.filters import wita_long
from render.long_term import extend, is_signed, timestamps
from render.signing import Pkcs12Signer, SigningError
from storage import finals, period_data, records
from storage.db import session_scope

logger = logging.getLogger(__name__)


def extend_finals(db: Engine, signer: Pkcs12Signer, *, within_days: int,
                  now: datetime) -> tuple[list[str], int]:  # fmt: skip
    """Extend what is due; the lines that say what was done to each final, and how many."""
    if not signer.timestamp_url:
        return [texts.EXTEND_NO_TSA], 0
    with session_scope(db) as session:
        stored = finals.all_finals(session)
    if not stored:
        return [texts.EXTEND_NONE], 0
    roots = signer.roots()
    with session_scope(db) as session:
        periods = {pid: period_data.period_by_id(session, period_id=pid)
                   for pid in {info.period_id for info in stored}}  # fmt: skip
    lines: list[str] = []
    done = 0
    for info in stored:
        with session_scope(db) as session:  # one final's bytes at a time
            pdf = finals.final_pdf(session, final_id=info.id)
        period = periods[info.period_id]
        assert period is not None
        name = final_filename(period, info.version, edition_of(info.report))
        found = timestamps(pdf)
        until = "-"
        if not found and not is_signed(pdf):  # read, not validated: a cheap question
            state = texts.EXTEND_UNSIGNED
        elif not found:
            state = texts.EXTEND_NO_STAMP
        else:
            last = found[-1][1]  # the newest timestamp is the one that must outlive the others
            until = wita_long(last)
            if last - now > timedelta(days=within_days):
                state = texts.EXTEND_NOT_YET
            else:
                try:
                    state = _extend_one(db, info.id, pdf, signer.timestamp_url, roots, now)
                    done += 1
                except SigningError as error:
                    state = texts.EXTEND_FAILED.format(problem=error)
        lines.append(texts.EXTEND_LINE.format(name=name, until=until, state=state))
    lines.append(texts.EXTEND_SUMMARY.format(done=done, checked=len(stored)))
    return lines, done


def _extend_one(db: Engine, final_id: int, pdf: bytes, url: str, roots: list,
                now: datetime) -> str:  # fmt: skip
    extended = extend(pdf, timestamp_url=url, roots=roots)
    assert extended[: len(pdf)] == pdf  # an incremental update: the earlier file is its start
    sha = hashlib.sha256(extended).hexdigest()
    with session_scope(db) as session:
        records.replace_final_file(
            session, final_id=final_id, pdf=extended, sha256=sha,
            previous_sha256=hashlib.sha256(pdf).hexdigest(), previous_length=len(pdf), now=now,
        )  # fmt: skip
        session.commit()
    logger.info("final %s: signature extended", final_id)
    until = timestamps(extended)[-1][1]
    return texts.EXTEND_DONE.format(until=wita_long(until), sha=sha)
