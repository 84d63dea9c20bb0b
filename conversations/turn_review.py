"""The review of a section (edit, delete, submit) and nihil, as moves of a turn."""

from typing import Any

from conversations import texts
from conversations.display import display_value
from conversations.effects import SaveAnswer, SetStatus
from conversations.events import Option, OthersView
from conversations.flow import (
    DELETED,
    Ask,
    entry_answers,
    entry_position,
    live_entries,
    review_lines,
)
from conversations.forms.registry import BY_KEY, sections_for
from conversations.schema import Section
from conversations.state import Mode, State
from conversations.turn_base import (
    OTHERS_SHOWN,
    YES_NO_OPTIONS,
    TurnBase,
    capitalised,
    other_line,
    pick,
    section_summary,
)
from storage.enums import SubmissionStatus


class ReviewMoves(TurnBase):
    """Reviewing, editing, deleting, submitting, and declaring a section nihil."""

    # ----- review --------------------------------------------------------------------------
    def review(self) -> None:
        """Show the numbered summary and what can be done with it."""
        section = self.section
        assert section is not None
        self.state = self.state.at(Mode.REVIEW, entry=0, field=None, closed=True)
        status = self.statuses.get(section.key)
        carried = self.carried.get(section.key)
        self.say(section_summary(section, self.section_answers(section), status, carried))
        if self.locked:
            self.say(texts.REVIEW_PROMPT_LOCKED.format(deadline=self.deadline))
            self.menu()
            return
        self.say(*self.review_prompt(section, status))

    def review_prompt(
        self, section: Section, status: SubmissionStatus | None
    ) -> tuple[str, tuple[Option, ...]]:
        """The question under the summary and its options."""
        submitted = status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
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
        picked = pick(options, text)
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
        others = self.ctx.others.get(key, OthersView())
        if self.ctx.member.is_admin and others.sent_count:
            lines = [texts.NIHIL_REFUSED_OTHERS.format(key=key, title=section.title)]
            lines += [other_line(section, part) for part in others.sent[:OTHERS_SHOWN]]
            if others.sent_count > OTHERS_SHOWN:
                lines.append(texts.OTHERS_MORE.format(more=others.sent_count - OTHERS_SHOWN))
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
        picked = pick(options, text)
        if picked == "isi" and not self.locked:
            self.store(SetStatus(section.key, SubmissionStatus.DRAFT))
            self.open_section(section)
        else:
            self.menu()
