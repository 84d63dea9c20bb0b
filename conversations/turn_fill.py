"""Answering the question on screen, as moves of a turn: an answer checked, confirmed when it
falls outside the period, saved (or last semester's value kept), or an optional one skipped."""

from typing import Any

from conversations import texts
from conversations.display import display_value, format_date
from conversations.effects import SaveAnswer
from conversations.flow import Ask
from conversations.parsing import Rejected, parse
from conversations.schema import Question, Section
from conversations.state import Mode
from conversations.turn_base import YES_NO_OPTIONS, breached_order
from conversations.turn_carry import CarryMoves
from conversations.turn_check import CheckMoves
from conversations.turn_evidence import EvidenceMoves


class FillingMoves(CarryMoves, EvidenceMoves, CheckMoves):
    """The question on screen: its answer, a confirmation, a skip."""

    def answer(self, text: str) -> None:
        """Validate an answer to the current question; save it or say why not and ask again."""
        section, question = self.section, self.current_question()
        assert section is not None and question is not None
        kept = self.keeps(question, self.state.entry, text)
        if kept is not None:  # last semester's value, as it was
            self.save(section, question, kept[0], carried_from=kept[1])
            return
        known = self.named(question, self.state.entry, text)
        value = parse(question, known if known is not None else text)
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

    def save(
        self, section: Section, question: Question, value: Any, *, carried_from: int | None = None
    ) -> None:
        """Store an answer and move on."""
        if self.refused_as_locked():
            return
        self.store(SaveAnswer(section.key, self.state.entry, question.key, value, carried_from))
        if (
            self.state.mode is not Mode.EDITING
            and value is not None
            and carried_from is None  # a value kept from last semester had its evidence then
            and self.wants_evidence(question)
        ):
            self.ask_evidence(question, self.state.entry)
            return
        if self.state.mode is Mode.EDITING:
            self.say(texts.CHANGED)
            fixing = bool(self.state.fixing)  # a returned part: only the flagged answers
            if self.fix_next((self.state.entry, question.key)):
                return
            self.state = self.state.at(Mode.FILLING, closed=True)
            replaceable = value is not None and carried_from is None and not fixing
            if replaceable and self.wants_evidence(question):
                self.ask_evidence(question, self.state.entry, replace=True)
                return
        self.advance()

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
