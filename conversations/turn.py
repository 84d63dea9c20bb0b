"""One message being handled: the moves of the conversation through menu, questions and review."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from conversations import texts
from conversations.display import display_value, format_date
from conversations.events import (
    Context,
    Effect,
    Option,
    OtherPart,
    Reply,
    SaveAnswer,
    SetStatus,
    Step,
)
from conversations.flow import (
    DELETED,
    Ask,
    AskAnother,
    Prompt,
    entry_answers,
    entry_position,
    live_entries,
    next_entry_number,
    next_prompt,
    review_lines,
)
from conversations.forms.registry import BY_KEY, sections_for
from conversations.parsing import Rejected, match_choice, parse, parse_yes_no
from conversations.schema import Choice, Question, QuestionType, Section
from conversations.state import Mode, State
from storage.enums import SubmissionStatus
from storage.periods import WITA

CLOSED = (SubmissionStatus.SUBMITTED, SubmissionStatus.NIHIL)

YES_NO_OPTIONS = (Option("ya", texts.YES), Option("tidak", texts.NO))
OTHERS_SHOWN = 10  # members listed by name when the admin opens a section


class Turn:
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

    # ----- small helpers -------------------------------------------------------------------
    def say(self, text: str, options: tuple[Option, ...] = (), **extra: Any) -> None:
        """Queue a message (`extra`: the other fields of `Reply`)."""
        self.replies.append(Reply(text, options, **extra))

    def store(self, effect: Effect) -> None:
        """Queue a change and mirror it in this turn's view of the data."""
        self.effects.append(effect)
        if isinstance(effect, SaveAnswer):
            self.answers.setdefault(effect.section, {})[(effect.entry, effect.field)] = effect.value
            self.statuses.setdefault(effect.section, SubmissionStatus.DRAFT)
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

    # ----- the menu ------------------------------------------------------------------------
    def menu(self) -> None:
        """Show the sections this member owns, with their status, and wait for a choice."""
        self.state = State(period=self.ctx.period.id)
        header = texts.MENU_HEADER.format(period=self.ctx.period.label, deadline=self.deadline)
        sections = sections_for(self.ctx.member.roles)
        if not sections:
            self.say(f"{header}\n{texts.MENU_NONE}")
            return
        lines = [header]
        if self.locked:
            lines.append(texts.MENU_LOCKED)
        elif self.ctx.period.late and self.ctx.period.final_deadline is not None:
            lines.append(texts.MENU_LATE.format(final=format_date(self.ctx.period.final_deadline)))
        team = self.team_states()
        if team:
            lines.append(texts.MENU_TEAM_LEGEND)
        lines.append(texts.MENU_PROMPT)
        options = tuple(
            Option(s.key, f"{self.mark(s.key, team)} {s.key} {s.title}") for s in sections
        )
        self.say("\n".join(lines), options)

    def team_states(self) -> dict[str, str]:
        """For an admin, each section's state across the team ('lengkap', 'nihil', 'belum')."""
        if not self.ctx.member.is_admin or self.ctx.team is None:
            return {}
        return {progress.section: progress.state for progress in self.ctx.team}

    def mark(self, key: str, team: dict[str, str]) -> str:
        """The menu mark of a section: the team's state for an admin, else one's own."""
        if key in team:
            return texts.STATE_MARKS[team[key]]
        return texts.STATUS_MARKS[self.statuses.get(key)]

    def choose_from_menu(self, text: str) -> None:
        """Open the section the person picked."""
        sections = sections_for(self.ctx.member.roles)
        options = tuple(Option(s.key, s.title) for s in sections)
        picked = _pick(options, text)
        if picked is None:
            if text in BY_KEY:
                self.say(texts.NOT_YOUR_SECTION.format(key=text))
            else:
                self.say(texts.NOT_IN_MENU.format(given=text))
            self.menu()
            return
        self.open_section(BY_KEY[picked])

    def open_section(self, section: Section) -> None:
        """Enter a section: resume filling, or review what is there."""
        self.state = State(Mode.FILLING, period=self.ctx.period.id, section=section.key)
        status = self.statuses.get(section.key)
        if status is SubmissionStatus.NIHIL:
            self.state = self.state.at(Mode.NIHIL_VIEW)
            title = texts.NIHIL_SECTION.format(key=section.key, title=section.title)
            options = () if self.locked else (Option("isi", texts.OPT_FILL),)
            self.say(title, (*options, Option("menu", texts.OPT_MENU)))
            return
        if self.locked or status is SubmissionStatus.SUBMITTED:
            self.show_others(section)
            self.review()
            return
        if not self.section_answers(section):
            self.say(
                texts.SECTION_START.format(
                    key=section.key, title=section.title, intro=section.intro
                )
            )
        self.show_others(section)
        self.advance()

    def show_others(self, section: Section) -> None:
        """For an admin: what other members already gave for this section."""
        parts = self.ctx.others.get(section.key, ())
        if not parts:
            return
        lines = [texts.OTHERS_HEADER]
        lines += [_other_line(section, part) for part in parts[:OTHERS_SHOWN]]
        if len(parts) > OTHERS_SHOWN:
            lines.append(texts.OTHERS_MORE.format(more=len(parts) - OTHERS_SHOWN))
        lines.append(texts.OTHERS_FOOTER)
        self.say("\n".join(lines))

    # ----- filling -------------------------------------------------------------------------
    def advance(self) -> None:
        """Ask the next open question of the open section, or show the review."""
        section = self.section
        assert section is not None
        prompt = next_prompt(section, self.section_answers(section), closed=self.state.closed)
        if prompt is None:
            self.review()
        else:
            self.ask(prompt)

    def ask(self, prompt: Prompt, *, current: Any = None) -> None:
        """Send one question and remember which it is."""
        section = self.section
        assert section is not None
        if isinstance(prompt, AskAnother):
            self.state = self.state.at(Mode.ADD_ANOTHER, entry=0, field=None)
            self.say(texts.ADD_ANOTHER.format(repeat=prompt.repeat.label), YES_NO_OPTIONS)
            return
        question, entry = prompt.question, prompt.entry
        mode = Mode.EDITING if self.state.mode is Mode.EDITING else Mode.FILLING
        self.state = self.state.at(mode, entry=entry, field=question.key)
        position = entry_position(section, self.section_answers(section), entry) if entry else 0
        text, options = _question_message(section, question, position, current)
        self.say(text, options, multiple=question.type is QuestionType.MULTI_CHOICE)

    def answer(self, text: str) -> None:
        """Validate an answer to the current question; save it or say why not and ask again."""
        section, question = self.section, self.current_question()
        assert section is not None and question is not None
        value = parse(question, text)
        if isinstance(value, Rejected):
            self.say(texts.INVALID_MESSAGES[value.code].format(**value.params))
            self.ask(Ask(question, self.state.entry))
            return
        self.accept(section, question, value)

    def accept(self, section: Section, question: Question, value: Any) -> None:
        """Check a parsed answer against the other answers of its entry (refused with a
        message), and against the period (confirmed with Ya/Tidak); then save it."""
        problem = breached_order(section, self.section_answers(section), self.state.entry,
                                 question, value)  # fmt: skip
        if problem is not None:
            self.say(problem)
            self.ask(Ask(question, self.state.entry))
            return
        period = self.ctx.period
        if question.confirm is not None and period.starts and period.ends:
            starts, ends = period.starts.isoformat(), period.ends.isoformat()
            if question.confirm.breached(value, starts, ends):
                editing = self.state.mode is Mode.EDITING
                self.state = self.state.at(Mode.CONFIRM_VALUE, pending=value, editing=editing)
                self.say(self.out_of_period(question, value), YES_NO_OPTIONS)
                return
        self.save(section, question, value)

    def out_of_period(self, question: Question, value: Any) -> str:
        """'12 Agustus 2025 di luar Semester II Tahun 2026 (...), benar?'."""
        period = self.ctx.period
        assert period.starts is not None and period.ends is not None
        return texts.CONFIRM_OUT_OF_PERIOD.format(
            label=question.report_label,
            value=display_value(question, value),
            period=period.label,
            starts=format_date(period.starts),
            ends=format_date(period.ends),
        )

    def confirm_value(self, text: str) -> None:
        """Ya/Tidak to an answer outside the period."""
        section, question = self.section, self.current_question()
        assert section is not None and question is not None
        pending = self.state.pending
        sure = self.yes_or_no(
            text, lambda: self.say(self.out_of_period(question, pending), YES_NO_OPTIONS)
        )
        if sure is None:
            return
        mode = Mode.EDITING if self.state.editing else Mode.FILLING
        self.state = self.state.at(mode, pending=None, editing=False)
        if sure:
            self.save(section, question, pending)
        else:
            self.ask(Ask(question, self.state.entry))

    def save(self, section: Section, question: Question, value: Any) -> None:
        """Store an answer and move on."""
        if self.refused_as_locked():
            return
        self.store(SaveAnswer(section.key, self.state.entry, question.key, value))
        if self.state.mode is Mode.EDITING:
            self.say(texts.CHANGED)
            self.state = self.state.at(Mode.FILLING, closed=True)
        self.advance()

    def current_question(self) -> Question | None:
        """The question being asked, if the state names one."""
        section = self.section
        if section is None or self.state.field is None:
            return None
        try:
            return section.question(self.state.field, entry=self.state.entry)
        except KeyError:
            return None

    def skip(self) -> None:
        """/lewati: store 'skipped' for an optional question."""
        section, question = self.section, self.current_question()
        if self.state.mode not in (Mode.FILLING, Mode.EDITING) or question is None:
            self.say(texts.CANNOT_SKIP_HERE)
            self.reprompt()
            return
        assert section is not None
        if question.required:
            self.say(texts.INVALID_MESSAGES[texts.Invalid.REQUIRED])
            self.ask(Ask(question, self.state.entry))
            return
        self.say(texts.SAVED_SKIPPED)
        self.save(section, question, None)

    def yes_or_no(self, text: str, ask_again: Callable[[], None]) -> bool | None:
        """A yes/no answer; anything else is refused, the question asked again, and None."""
        answer = parse_yes_no(text)
        if answer is None:
            self.say(texts.INVALID_MESSAGES[texts.Invalid.NOT_YES_NO])
            ask_again()
        return answer

    def add_another(self, text: str) -> None:
        """Answer to 'Tambah ... lain?'."""
        section = self.section
        assert section is not None and section.repeat is not None
        repeat = section.repeat
        wants = self.yes_or_no(text, lambda: self.ask(AskAnother(repeat)))
        if wants is None:
            return
        if wants:
            self.start_entry(section)
        else:
            self.state = self.state.at(Mode.FILLING, closed=True)
            self.advance()

    def start_entry(self, section: Section) -> None:
        """Begin a new repeated entry."""
        assert section.repeat is not None
        if self.refused_as_locked():
            return
        entry = next_entry_number(self.section_answers(section))
        self.state = self.state.at(Mode.FILLING, closed=False)
        self.ask(Ask(section.repeat.questions[0], entry))

    # ----- review --------------------------------------------------------------------------
    def review(self) -> None:
        """Show the numbered summary and what can be done with it."""
        section = self.section
        assert section is not None
        self.state = self.state.at(Mode.REVIEW, entry=0, field=None, closed=True)
        status = self.statuses.get(section.key)
        self.say(_summary(section, self.section_answers(section), status))
        if self.locked:
            self.say(texts.REVIEW_PROMPT_LOCKED.format(deadline=self.deadline))
            self.menu()
            return
        self.say(*self.review_prompt(section, status))

    def review_prompt(
        self, section: Section, status: SubmissionStatus | None
    ) -> tuple[str, tuple[Option, ...]]:
        """The question under the summary and its options."""
        submitted = status is SubmissionStatus.SUBMITTED
        # The same numbers before and after sending: 1 leaves the section (sending it first
        # while it is a draft), then change, add, delete; "back" only while unsent.
        first = Option("menu", texts.OPT_DONE) if submitted else Option("kirim", texts.OPT_SUBMIT)
        options = [first, Option("ubah", texts.OPT_EDIT)]
        if section.repeat is not None:
            options.append(Option("tambah", texts.OPT_ADD.format(repeat=section.repeat.label)))
            if live_entries(section, self.section_answers(section)):
                label = texts.OPT_DELETE.format(repeat=section.repeat.label)
                options.append(Option("hapus", label))
        if not submitted:
            options.append(Option("menu", texts.OPT_MENU))
        prompt = (
            texts.REVIEW_PROMPT_SENT.format(deadline=self.deadline)
            if submitted
            else texts.REVIEW_PROMPT_DRAFT
        )
        return prompt, tuple(options)

    def choose_in_review(self, text: str) -> None:
        """Act on the option picked under the summary."""
        section = self.section
        assert section is not None
        _prompt, options = self.review_prompt(section, self.statuses.get(section.key))
        picked = _pick(options, text)
        if picked == "kirim":
            self.submit(section)
        elif picked == "ubah":
            self.state = self.state.at(Mode.PICK_EDIT)
            self.say(texts.PICK_ANSWER.format(count=len(self.lines(section))))
        elif picked == "tambah":
            self.start_entry(section)
        elif picked == "hapus" and section.repeat is not None:
            self.state = self.state.at(Mode.PICK_DELETE)
            count = len(live_entries(section, self.section_answers(section)))
            self.say(texts.PICK_DELETE.format(repeat=section.repeat.label, count=count))
        elif picked == "menu":
            self.menu()
        else:
            self.say(texts.NOT_IN_MENU.format(given=text))
            self.say(*self.review_prompt(section, self.statuses.get(section.key)))

    def lines(self, section: Section) -> list[Any]:
        """The numbered review lines of a section."""
        return review_lines(section, self.section_answers(section))

    def pick_edit(self, text: str) -> None:
        """The number of the answer to change."""
        section = self.section
        assert section is not None
        lines = self.lines(section)
        number = text.strip().rstrip(".")
        if not number.isdigit() or not 1 <= int(number) <= len(lines):
            self.say(texts.NO_SUCH_ANSWER.format(given=text, count=len(lines)))
            return
        line = lines[int(number) - 1]
        self.state = self.state.at(Mode.EDITING)
        self.ask(Ask(line.question, line.entry), current=line if line.answered else None)

    def pick_delete(self, text: str) -> None:
        """The number of the repeated entry to delete."""
        section = self.section
        assert section is not None and section.repeat is not None
        live = live_entries(section, self.section_answers(section))
        number = text.strip().rstrip(".")
        if not number.isdigit() or not 1 <= int(number) <= len(live):
            repeat, count = section.repeat.label, len(live)
            self.say(texts.NO_SUCH_ENTRY.format(repeat=repeat, given=text, count=count))
            return
        self.state = self.state.at(Mode.CONFIRM_DELETE, entry=live[int(number) - 1])
        self.say(self.delete_question(section), YES_NO_OPTIONS)

    def delete_question(self, section: Section) -> str:
        """'Hapus TUK ke-2 (TUK Boga) dari laporan?'."""
        assert section.repeat is not None
        answers = self.section_answers(section)
        values = entry_answers(answers, self.state.entry)
        first = section.repeat.questions[0]
        return texts.DELETE_CONFIRM.format(
            repeat=section.repeat.label,
            position=entry_position(section, answers, self.state.entry),
            name=display_value(first, values[first.key]) if first.key in values else "-",
        )

    def confirm_delete(self, text: str) -> None:
        """Answer to the deletion question."""
        section = self.section
        assert section is not None and section.repeat is not None
        sure = self.yes_or_no(text, lambda: self.say(self.delete_question(section), YES_NO_OPTIONS))
        if sure is None:
            return
        if not sure:
            self.say(texts.NOT_DELETED)
        elif self.refused_as_locked():
            return
        else:
            position = entry_position(section, self.section_answers(section), self.state.entry)
            self.store(SaveAnswer(section.key, self.state.entry, DELETED, True))
            repeat = capitalised(section.repeat.label)
            self.say(texts.DELETED.format(repeat=repeat, position=position))
        self.state = self.state.at(Mode.FILLING, entry=0, field=None, closed=True)
        self.advance()

    def submit(self, section: Section) -> None:
        """Mark the section submitted."""
        if self.refused_as_locked():
            return
        self.store(SetStatus(section.key, SubmissionStatus.SUBMITTED))
        late = self.today > self.ctx.period.data_deadline and not self.ctx.member.is_admin
        thanks = texts.SUBMITTED_LATE if late else texts.SUBMITTED
        self.say(thanks.format(key=section.key, title=section.title, deadline=self.deadline))
        self.menu()

    # ----- nihil ---------------------------------------------------------------------------
    def ask_nihil(self, argument: str) -> None:
        """/nihil: confirm declaring the open (or named) section nihil."""
        allowed = {s.key for s in sections_for(self.ctx.member.roles)}
        key = argument or self.state.section
        if key not in allowed:
            refusal = texts.NOT_YOUR_SECTION.format(key=argument) if argument else None
            self.say(refusal or texts.NIHIL_NO_SECTION)
            self.menu()
            return
        if self.refused_as_locked(key):
            return
        section = BY_KEY[key]
        sent = [p for p in self.ctx.others.get(key, ()) if p.status is SubmissionStatus.SUBMITTED]
        if self.ctx.member.is_admin and sent:
            lines = [texts.NIHIL_REFUSED_OTHERS.format(key=key, title=section.title)]
            lines += [_other_line(section, part) for part in sent[:OTHERS_SHOWN]]
            if len(sent) > OTHERS_SHOWN:
                lines.append(texts.OTHERS_MORE.format(more=len(sent) - OTHERS_SHOWN))
            self.say("\n".join(lines))
            self.menu()
            return
        self.state = State(Mode.CONFIRM_NIHIL, period=self.ctx.period.id, section=key)
        self.say(
            texts.NIHIL_CONFIRM.format(key=key, title=section.title, period=self.ctx.period.label),
            YES_NO_OPTIONS,
        )

    def confirm_nihil(self, text: str) -> None:
        """Answer to the nihil confirmation."""
        section = self.section
        assert section is not None
        sure = self.yes_or_no(text, lambda: self.ask_nihil(section.key))
        if sure is None:
            return
        if sure:
            self.store(SetStatus(section.key, SubmissionStatus.NIHIL))
            self.say(texts.NIHIL_DONE.format(key=section.key, period=self.ctx.period.label))
            self.menu()
        else:
            self.say(texts.NIHIL_NOT_DONE.format(key=section.key))
            self.open_section(section)

    def nihil_view(self, text: str) -> None:
        """A nihil section is open: fill it after all, or go back."""
        section = self.section
        assert section is not None
        options = (Option("isi", texts.OPT_FILL), Option("menu", texts.OPT_MENU))
        picked = _pick(options, text)
        if picked == "isi" and not self.locked:
            self.store(SetStatus(section.key, SubmissionStatus.DRAFT))
            self.open_section(section)
        else:
            self.menu()

    # ----- repeating the current prompt ----------------------------------------------------
    def reprompt(self) -> None:
        """Say again what the engine is waiting for."""
        section = self.section
        match self.state.mode:
            case Mode.FILLING | Mode.EDITING if self.current_question() is not None:
                question = self.current_question()
                assert question is not None
                self.ask(Ask(question, self.state.entry))
            case Mode.ADD_ANOTHER if section is not None and section.repeat is not None:
                self.ask(AskAnother(section.repeat))
            case Mode.REVIEW | Mode.PICK_EDIT | Mode.PICK_DELETE | Mode.CONFIRM_DELETE if (
                section is not None
            ):
                self.review()
            case Mode.CONFIRM_NIHIL | Mode.NIHIL_VIEW if section is not None:
                self.open_section(section)
            case Mode.CONFIRM_VALUE if self.current_question() is not None:
                question = self.current_question()
                assert question is not None
                self.say(self.out_of_period(question, self.state.pending), YES_NO_OPTIONS)
            case _:
                self.menu()


def _pick(options: tuple[Option, ...], text: str) -> str | None:
    choice = match_choice(tuple(Choice(option.value, option.label) for option in options), text)
    return choice.value if choice else None


def capitalised(label: str) -> str:
    """'cabang LSP' -> 'Cabang LSP' (the rest of the label is left as it is)."""
    return label[:1].upper() + label[1:]


def _question_message(
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
    return "\n".join(lines), _options_for(question)


def _options_for(question: Question) -> tuple[Option, ...]:
    if question.type is QuestionType.YES_NO:
        return YES_NO_OPTIONS
    return tuple(Option(choice.value, choice.label) for choice in question.choices)


def _summary(
    section: Section, answers: dict[tuple[int, str], Any], status: SubmissionStatus | None
) -> str:
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
        lines.append(
            texts.REVIEW_LINE.format(number=number, label=line.question.report_label, value=value)
        )
    return "\n".join(lines)


def _other_line(section: Section, part: OtherPart) -> str:
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
