"""What render needs to know about a form and about progress, as protocols.

The forms live in `conversations`; render may not import it, so it reads them through these
shapes (the conversations dataclasses match them).
"""

from collections.abc import Sequence
from typing import Any, Protocol

from storage.enums import Role


class ConditionLike(Protocol):
    """When a question applies."""

    def holds(self, answers: dict[str, Any]) -> bool:
        """Whether the condition holds for these answers."""
        ...


class ChoiceLike(Protocol):
    """One option of a choice question."""

    @property
    def value(self) -> str: ...
    @property
    def label(self) -> str: ...


class QuestionLike(Protocol):
    """One question: its key, label, type and choices."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def report_label(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def relevant(self) -> ConditionLike | None: ...

    def choice_label(self, value: str) -> str:
        """The label people read for a stored choice value."""
        ...


class TallyLike(Protocol):
    """A count summed per label under a repeated group."""

    @property
    def title(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def count(self) -> str: ...


class RepeatLike(Protocol):
    """A repeated group of questions."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def questions(self) -> Sequence[QuestionLike]: ...
    @property
    def tally(self) -> TallyLike | None: ...


class RegisterCountLike(Protocol):
    """How a section's answers are checked against the certificate register."""

    @property
    def kind(self) -> str: ...
    @property
    def count(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def equal(self) -> bool: ...


class SectionLike(Protocol):
    """One section of a report."""

    @property
    def key(self) -> str: ...
    @property
    def clause(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def short_title(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def repeat(self) -> RepeatLike | None: ...
    @property
    def top_questions(self) -> Sequence[QuestionLike]: ...
    @property
    def register(self) -> RegisterCountLike | None: ...


class ProgressLike(Protocol):
    """A section across the team: its state and who still owes it."""

    @property
    def section(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def owed_by(self) -> Sequence[str]: ...
    @property
    def done_by(self) -> Sequence[str]: ...
    @property
    def nobody_holds_role(self) -> bool: ...


def question_at(section: SectionLike, entry: int, key: str) -> QuestionLike | None:
    """The question with this key at section level (entry 0) or inside the repeat (None: the
    form no longer has it)."""
    pool = section.repeat.questions if entry and section.repeat else section.top_questions
    return next((q for q in pool if q.key == key), None)
