"""Whatever people type: every question of every section either stores the value exactly as the
parser gave it or refuses it with a message (and asks again); no command, argument or file
makes the bot fail. Property-based (hypothesis) beside a list of hostile strings."""

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from conversations.commands import BY_NAME
from conversations.forms.registry import SECTIONS
from conversations.parsing import Rejected, parse
from conversations.schema import Question, QuestionType
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer
from tests.helpers import Chat, Clock
from tests.test_hostile import APOLOGY, HOSTILE

QUESTIONS: list[Question] = [
    *(q for section in SECTIONS for q in section.top_questions),
    *(q for section in SECTIONS if section.repeat for q in section.repeat.questions),
]
MORE_HOSTILE = [
    "01-01-0001", "31-12-9999", "00-00-0000", "29-02-2027", "9" * 400, "-" + "9" * 40,
    "1e309", "NaN", "inf", "-0", "0x1F", "   ", "\t\n\r", "\u200b", "\ufeff", "\ud7ff",
    "1,2,3,4,5,6,7,8,9,10,11,12,99,-1,0", "ya tidak", "/", "//", "/isi ../../etc/passwd",
    "<style>@import url(http://127.0.0.1:9/x.css)</style>", "<img src='file:///etc/shadow'>",
    "%s%s%s%n", "{0} {name}", "\\x00\\u0000",
]  # fmt: skip
EVERYTHING = HOSTILE + MORE_HOSTILE
TYPED = st.one_of(
    st.text(max_size=300),
    st.sampled_from(EVERYTHING),
    st.from_regex(r"[0-9]{1,40}([-/. ][0-9]{1,12}){0,2}", fullmatch=True),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)


def _json_safe(value: Any) -> bool:
    """Whether a parsed value survives a round trip through JSON (both databases store it so;
    PostgreSQL's JSON refuses Infinity and NaN)."""
    try:
        return json.loads(json.dumps(value, default=str, allow_nan=False)) is not None
    except ValueError:
        return False


@settings(max_examples=300, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(QUESTIONS) - 1), typed=TYPED)
def test_every_parser_returns_a_storable_value_or_a_refusal(index: int, typed: str) -> None:
    question = QUESTIONS[index]
    outcome = parse(question, typed)
    if isinstance(outcome, Rejected):
        assert outcome.code, (question.key, typed)
        return
    assert _json_safe(outcome), (question.key, typed, outcome)
    if question.type is QuestionType.INTEGER and outcome is not None:
        assert isinstance(outcome, int) and abs(outcome) < 10**15, outcome
    if question.type is QuestionType.DATE and outcome is not None:
        assert isinstance(outcome, date | str)


@pytest.mark.parametrize("typed", EVERYTHING)
def test_every_question_type_stores_exactly_or_asks_again(typed: str) -> None:
    for question in QUESTIONS:
        outcome = parse(question, typed)
        assert isinstance(outcome, Rejected) or _json_safe(outcome), (question.key, typed)


def _stored_values(db: Engine) -> list[Any]:
    with session_scope(db) as session:
        return list(session.execute(select(Answer.value)).scalars())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(TYPED, min_size=1, max_size=12))
def test_a_coordinator_typing_anything_never_meets_an_apology(chat: Chat, lines: list[str]) -> None:
    if not any("siti" in line for line in chat.transcript):  # once per database
        chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.say("siti", "/isi 2.5")
    for line in lines:
        reply = chat.say("siti", line)
        assert reply.strip() and APOLOGY not in reply, (line[:60], reply[:300])
    for value in _stored_values(chat.db):
        assert _json_safe(value)


WORDS = sorted(BY_NAME)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    word=st.sampled_from(WORDS),
    argument=st.one_of(st.sampled_from(EVERYTHING), st.text(max_size=80)),
    who=st.sampled_from(["admin", "stranger"]),
)
def test_every_command_with_any_argument_answers_plainly(
    chat: Chat, clock: Clock, word: str, argument: str, who: str
) -> None:
    if word in ("final",):  # makes a real final; its refusals are tested elsewhere
        argument = argument[:4]
    reply = chat.say(who, f"/{word} {argument}")
    assert reply.strip() and APOLOGY not in reply, (word, argument[:60], reply[:300])
    assert "Traceback" not in reply
