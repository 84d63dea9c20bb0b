"""One message being handled: the moves of the conversation through menu, questions and review."""

from collections.abc import Callable
from typing import Any

from conversations import texts
from conversations.display import format_date
from conversations.events import (
    Option,
)
from conversations.flow import (
    Ask,
    AskAnother,
    Prompt,
    entry_position,
    next_entry_number,
    next_prompt,
)
from conversations.forms.registry import BY_KEY, sections_for
from conversations.parsing import parse_yes_no
from conversations.schema import QuestionType, Section
from conversations.state import Mode, State
from conversations.turn_base import (
    OTHERS_SHOWN,
    YES_NO_OPTIONS,
    other_line,
    pick,
    question_message,
)
from conversations.turn_check import CHECK_MODES
from conversations.turn_fill import FillingMoves
from conversations.turn_review import ReviewMoves
from conversations.turn_revoke import REVOKE_MODES, RevokeMoves
from storage.enums import SubmissionStatus


class Turn(FillingMoves, ReviewMoves, RevokeMoves):
    """One message being handled: the state so far, what to say and what to store."""

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
        offered = [s.key for s in sections if self.can_offer(s)]
        if offered and not self.locked:
            lines.append(texts.MENU_CARRY.format(sections=", ".join(offered)))
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
        picked = pick(options, text)
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
        if status is SubmissionStatus.RETURNED and section.key in self.ctx.returns:
            self.start_fix(section.key)
            return
        if self.locked or status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED):
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
        if not self.offer_previous(section):
            self.advance()

    def show_others(self, section: Section) -> None:
        """For an admin: what other members already gave for this section."""
        others = self.ctx.others.get(section.key)
        if others is None or not others.count:
            return
        lines = [texts.OTHERS_HEADER]
        lines += [other_line(section, part) for part in others.parts[:OTHERS_SHOWN]]
        if others.count > OTHERS_SHOWN:
            lines.append(texts.OTHERS_MORE.format(more=others.count - OTHERS_SHOWN))
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
        if self.offer_next_entry(prompt):
            return
        if isinstance(prompt, AskAnother):
            self.state = self.state.at(Mode.ADD_ANOTHER, entry=0, field=None)
            self.say(texts.ADD_ANOTHER.format(repeat=prompt.repeat.label), YES_NO_OPTIONS)
            return
        question, entry = prompt.question, prompt.entry
        mode = Mode.EDITING if self.state.mode is Mode.EDITING else Mode.FILLING
        self.state = self.state.at(mode, entry=entry, field=question.key)
        position = entry_position(section, self.section_answers(section), entry) if entry else 0
        text, options = question_message(section, question, position, current)
        lines, options = self.offer_lines(question, entry, options)
        text = "\n".join([text, *lines])
        self.say(text, options, multiple=question.type is QuestionType.MULTI_CHOICE)

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

    # ----- repeating the current prompt ----------------------------------------------------
    def reprompt(self) -> None:
        """Say again what the engine is waiting for."""
        section = self.section
        if self.state.mode in REVOKE_MODES:
            self.ask_revocation()
            return
        if self.state.mode in CHECK_MODES:
            self.reprompt_check()
            return
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
            case Mode.CARRY_TOP | Mode.CARRY_ENTRY if section is not None:
                self.ask_carry()
            case Mode.EVIDENCE if self.current_question() is not None:
                question = self.current_question()
                assert question is not None
                self.ask_evidence(question, self.state.entry, int(self.state.pending or 0))
            case Mode.CONFIRM_VALUE if self.current_question() is not None:
                question = self.current_question()
                assert question is not None
                self.say(self.out_of_period(question, self.state.pending), YES_NO_OPTIONS)
            case _:
                self.menu()
