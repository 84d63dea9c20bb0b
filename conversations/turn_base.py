"""A turn's state and small helpers: what the message found (state, context, today), what
it will say and store; and the moves the other parts of a turn call on (defined by Turn)."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from conversations import texts
from conversations.display import display_value, format_date
from conversations.effects import Effect, SaveAnswer, SetStatus
from conversations.events import Context, Option, OtherPart, Reply, Step
from conversations.flow import (
    Prompt,
    entry_answers,
    live_entries,
    review_lines,
)
from conversations.forms.registry import BY_KEY
from conversations.parsing import match_choice
from conversations.schema import Choice, Question, QuestionType, Section
from conversations.state import State
from storage.enums import CLOSED, SubmissionStatus
from storage.periods import WITA

YES_NO_OPTIONS = (Option("ya", texts.YES), Option("tidak", texts.NO))
OTHERS_SHOWN = 10  # members listed by name when the admin opens a section


class TurnBase:
    """One message being handled: the state so far, what to say and what to store."""

    def __init__(self, state: State, ctx: Context, now: datetime) -> None:
        self.state = state
        self.ctx = ctx
        self.today: date = now.astimezone(WITA).date()
        self.now = now
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self.answers = {key: dict(view.answers) for key, view in ctx.submissions.items()}
        self.statuses = {key: view.status for key, view in ctx.submissions.items()}
        self.carried = {key: set(view.carried) for key, view in ctx.submissions.items()}

    # ----- small helpers -------------------------------------------------------------------
    def say(self, text: str, options: tuple[Option, ...] = (), **extra: Any) -> None:
        """Queue a message (`extra`: the other fields of `Reply`)."""
        self.replies.append(Reply(text, options, **extra))

    def store(self, effect: Effect) -> None:
        """Queue a change and mirror it in this turn's view of the data."""
        self.effects.append(effect)
        if isinstance(effect, SaveAnswer):
            key = (effect.entry, effect.field)
            self.answers.setdefault(effect.section, {})[key] = effect.value
            self.statuses.setdefault(effect.section, SubmissionStatus.DRAFT)
            carried = self.carried.setdefault(effect.section, set())
            if effect.carried_from is not None:
                carried.add(key)
            else:
                carried.discard(key)
        elif isinstance(effect, SetStatus):
            self.statuses[effect.section] = effect.status

    def step(self) -> Step:
        """The outcome of this turn."""
        return Step(self.state, tuple(self.replies), tuple(self.effects))

    @property
    def section(self) -> Section | None:
        """The section the person has open, if any."""
        return BY_KEY.get(self.state.section or "")

    def section_answers(self, section: Section) -> dict[tuple[int, str], Any]:
        """This member's saved answers for a section."""
        return self.answers.get(section.key, {})

    @property
    def deadline(self) -> str:
        """The data deadline as an Indonesian date."""
        return format_date(self.ctx.period.data_deadline)

    @property
    def locked(self) -> bool:
        """Whether the open section (or the menu) may only be looked at."""
        return self.locked_for(self.state.section)

    def locked_for(self, key: str | None) -> bool:
        """Past the data deadline, members may only look; the admin may still correct. A late
        member may still fill the sections they have not sent."""
        if self.ctx.member.is_admin or self.today <= self.ctx.period.data_deadline:
            return False
        if not self.ctx.period.late:
            return True
        return key is not None and self.statuses.get(key) in CLOSED

    def refused_as_locked(self, key: str | None = None) -> bool:
        """Past the data deadline: say so, go back to the menu, and tell the caller to stop."""
        if not self.locked_for(key or self.state.section):
            return False
        self.say(texts.LOCKED.format(deadline=self.deadline))
        self.menu()
        return True

    def current_question(self) -> Question | None:
        """The question being asked, if the state names one."""
        section = self.section
        if section is None or self.state.field is None:
            return None
        try:
            return section.question(self.state.field, entry=self.state.entry)
        except KeyError:
            return None

    # ----- moves the parts of a turn call on one another for (defined by Turn) -----------
    def menu(self) -> None:
        raise NotImplementedError

    def open_section(self, section: Section) -> None:
        raise NotImplementedError

    def advance(self) -> None:
        raise NotImplementedError

    def ask(self, prompt: Prompt, *, current: Any = None) -> None:
        raise NotImplementedError

    def start_entry(self, section: Section) -> None:
        raise NotImplementedError

    def yes_or_no(self, text: str, ask_again: Callable[[], None]) -> bool | None:
        raise NotImplementedError

    def review(self) -> None:
        raise NotImplementedError

    def reprompt(self) -> None:
        raise NotImplementedError


def pick(options: tuple[Option, ...], text: str) -> str | None:
    choice = match_choice(tuple(Choice(option.value, option.label) for option in options), text)
    return choice.value if choice else None


def capitalised(label: str) -> str:
    """'cabang LSP' -> 'Cabang LSP' (the rest of the label is left as it is)."""
    return label[:1].upper() + label[1:]


def question_message(
    section: Section, question: Question, position: int, current: Any
) -> tuple[str, tuple[Option, ...]]:
    repeat = section.repeat
    if position and repeat is not None:
        label = texts.QUESTION_ENTRY.format(
            repeat=capitalised(repeat.label), entry=position, label=question.label
        )
    else:
        label = texts.QUESTION.format(label=question.label)
    lines = [label]
    if question.hint:
        lines.append(question.hint)
    if not question.required:
        lines.append(texts.QUESTION_OPTIONAL)
    if current is not None:
        lines.append(texts.CURRENT_VALUE.format(value=display_value(question, current.value)))
    return "\n".join(lines), options_for(question)


def options_for(question: Question) -> tuple[Option, ...]:
    if question.type is QuestionType.YES_NO:
        return YES_NO_OPTIONS
    return tuple(Option(choice.value, choice.label) for choice in question.choices)


def section_summary(
    section: Section, answers: dict[tuple[int, str], Any], status: SubmissionStatus | None,
    carried: set[tuple[int, str]] | None = None,
) -> str:  # fmt: skip
    lines = [
        texts.REVIEW_HEADER.format(
            key=section.key, title=section.title, status=texts.STATUS_NAMES[status]
        )
    ]
    last_entry = 0
    for number, line in enumerate(review_lines(section, answers), start=1):
        if line.entry and line.entry != last_entry and section.repeat is not None:
            lines.append(
                texts.REVIEW_ENTRY.format(
                    repeat=capitalised(section.repeat.label), entry=line.position
                )
            )
        last_entry = line.entry
        value = display_value(line.question, line.value) if line.answered else "-"
        if carried and (line.entry, line.question.key) in carried:
            value += texts.REVIEW_CARRIED_MARK
        lines.append(
            texts.REVIEW_LINE.format(number=number, label=line.question.report_label, value=value)
        )
    if carried:
        lines.append(texts.REVIEW_CARRIED_LEGEND)
    return "\n".join(lines)


def other_line(section: Section, part: OtherPart) -> str:
    """'- Siti Aminah (Koordinator TUK), terkirim: 2 TUK (TUK Boga; TUK Otomotif)'."""
    status = texts.STATUS_NAMES[part.status]
    repeat = section.repeat
    if repeat is None:
        count = sum(1 for value in part.answers.values() if value is not None)
        what = texts.OTHERS_ANSWERS.format(count=count)
    else:
        entries = live_entries(section, part.answers)
        first = repeat.questions[0]
        names = [
            display_value(first, part.answers[(entry, first.key)])
            for entry in entries
            if (entry, first.key) in part.answers
        ]
        what = texts.OTHERS_ENTRIES.format(
            count=len(entries), repeat=repeat.label, names="; ".join(names) or "-"
        )
    return texts.OTHERS_LINE.format(name=part.name, role=part.role, status=status, what=what)


def breached_order(
    section: Section, answers: dict[tuple[int, str], Any], entry: int, question: Question,
    value: Any,
) -> str | None:  # fmt: skip
    """Why `value` for `question` breaks a date order of its entry (its own, or one a later
    field holds against it), or None."""
    group = section.repeat.questions if entry and section.repeat else section.top_questions
    values = {**entry_answers(answers, entry), question.key: value}
    for other in group:
        rule = other.constraint
        if rule is None or question.key not in (other.key, rule.field):
            continue
        if other.key in values and rule.breached(values[other.key], values):
            earlier = section.question(rule.field, entry=entry)
            return texts.DATE_ORDER.format(
                later=other.label,
                later_value=display_value(other, values[other.key]),
                earlier=earlier.label.lower(),
                earlier_value=display_value(earlier, values[rule.field]),
            )
    return None
