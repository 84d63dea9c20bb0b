"""Last semester's answers offered again, as moves of a turn.

When a member opens a section they have not begun this semester and sent it in an earlier one
(not as nihil), what they gave there that is stable (conversations/schema.py, Carry) is offered:
the section's own stable answers ("Masih sama?"), then its entries: several at once first
("Semuanya masih sama, atau periksa satu per satu?"), then one by one ("masih sama, ada
perubahan, atau tidak lagi?"). A kept one is copied, each answer naming the revision it came
from, and only the semester's questions are asked; a changed one is walked with last semester's
value offered as "tetap: ..." (conversations/turn_offers.py); a gone one is left out. Nothing is
copied without the member saying so.

The state keeps what is being offered (`State.carry`): the entries still to decide ("left",
"whole" while they are offered all at once) and,
per entry being changed, the stable answers offered ("offers": entry -> field -> [value,
revision id]). The values offered are read again from the context at each decision.
"""

from typing import Any

from conversations import texts
from conversations.display import display_value
from conversations.effects import SaveAnswer
from conversations.events import Option, PreviousPart
from conversations.flow import Ask, Prompt, entry_answers, live_entries, next_entry_number
from conversations.parsing import parse_yes_no
from conversations.schema import Question, Section
from conversations.state import Mode
from conversations.turn_base import capitalised, pick
from conversations.turn_offers import OfferMoves

CARRY_MODES = frozenset({Mode.CARRY_TOP, Mode.CARRY_ENTRY})
SAME, CHANGED, GONE = "sama", "ubah", "tidak"
ENTRY_OPTIONS = (
    Option(SAME, texts.OPT_SAME),
    Option(CHANGED, texts.OPT_CHANGED),
    Option(GONE, texts.OPT_GONE),
)
TOP_OPTIONS = ENTRY_OPTIONS[:2]
ALL, ONE_BY_ONE = "semua", "satu"
WHOLE_OPTIONS = (Option(ALL, texts.OPT_ALL_SAME), Option(ONE_BY_ONE, texts.OPT_ONE_BY_ONE))


Offers = dict[str, list[Any]]  # field -> [value, revision id]


def stable_answers(questions: tuple[Question, ...], previous: PreviousPart, entry: int) -> Offers:
    """An entry's (0: the section's) stable answers last semester, in form order."""
    found: Offers = {}
    for question in questions:
        key = (entry, question.key)
        if question.stable and key in previous.answers and previous.answers[key] is not None:
            found[question.key] = [previous.answers[key], previous.revisions[key]]
    return found


class CarryMoves(OfferMoves):
    """Offering last semester's data when a section is opened, and its "tetap" buttons."""

    # ----- the offer -----------------------------------------------------------------------
    def can_offer(self, section: Section) -> bool:
        """Whether opening the section would offer last semester's data (the menu says so)."""
        previous = self.ctx.previous.get(section.key)
        if previous is None or self.section_answers(section):
            return False
        if stable_answers(section.top_questions, previous, 0):
            return True
        return bool(self._entries(section, previous))

    def offer_previous(self, section: Section) -> bool:
        """Offer last semester's data of a section not yet begun; False if there is none."""
        previous = self.ctx.previous.get(section.key)
        if previous is None or not self.can_offer(section) or self.locked:
            return False
        top = stable_answers(section.top_questions, previous, 0)
        carry = {"left": self._entries(section, previous), "offers": {}}
        if top:
            self.state = self.state.at(Mode.CARRY_TOP, carry=carry)
            self.ask_carry()
        else:  # the entries are offered where the form comes to them
            self.state = self.state.at(Mode.FILLING, carry=carry, closed=False)
            self.advance()
        return True

    def _entries(self, section: Section, previous: PreviousPart) -> list[int]:
        if section.repeat is None:
            return []
        questions = section.repeat.questions
        return [
            entry
            for entry in live_entries(section, previous.answers)
            if stable_answers(questions, previous, entry)
        ]

    def _name(self, section: Section, previous: PreviousPart, entry: int) -> str:
        assert section.repeat is not None
        first = section.repeat.questions[0]
        value = entry_answers(previous.answers, entry).get(first.key)
        return display_value(first, value) if value is not None else f"#{entry}"

    def ask_carry(self) -> None:
        """Ask about the section's stable answers, or the next entry still to decide."""
        section, previous = self.section, self._previous()
        assert section is not None
        if previous is None:
            return
        if self.state.mode is Mode.CARRY_TOP:
            lines = self._lines(section.top_questions, stable_answers(section.top_questions,
                                                                      previous, 0))  # fmt: skip
            text = texts.CARRY_TOP.format(period=previous.label, lines=lines,
                                          whose=texts.CARRY_OF.format(name=previous.by)
                                          if previous.by else texts.CARRY_YOURS)  # fmt: skip
            self.say(text, TOP_OPTIONS)
            return
        assert section.repeat is not None
        if self.state.carry.get("whole"):
            self._ask_whole(section, previous)
            return
        entry = self.state.carry["left"][0]
        position = self._entries(section, previous).index(entry) + 1
        self.say(texts.CARRY_ENTRY.format(repeat=capitalised(section.repeat.label),
                                          position=position,
                                          name=self._name(section, previous, entry),
                                          lines=self._entry_lines(section, previous, entry)),
                 ENTRY_OPTIONS)  # fmt: skip

    def _entry_lines(self, section: Section, previous: PreviousPart, entry: int) -> str:
        """An entry's stable answers last semester but its name, a line each."""
        assert section.repeat is not None
        questions = section.repeat.questions
        offers = stable_answers(questions, previous, entry)
        name_key = questions[0].key
        return self._lines(questions, {k: v for k, v in offers.items() if k != name_key})

    def _ask_whole(self, section: Section, previous: PreviousPart) -> None:
        """All of last semester's entries at once: all still the same, or one by one?"""
        assert section.repeat is not None
        entries = self.state.carry["left"]
        shown = [
            texts.CARRY_WHOLE_ENTRY.format(position=n, name=self._name(section, previous, e),
                                           lines=self._entry_lines(section, previous, e))
            for n, e in enumerate(entries, 1)
        ]  # fmt: skip
        self.say(texts.CARRY_WHOLE.format(period=previous.label, count=len(entries),
                                          repeat=section.repeat.label,
                                          who=previous.by or texts.CARRY_YOU,
                                          entries="\n".join(shown)), WHOLE_OPTIONS)  # fmt: skip

    def _lines(self, questions: tuple[Question, ...], offers: Offers) -> str:
        by_key = {question.key: question for question in questions}
        return "\n".join(
            texts.CARRY_LINE.format(label=by_key[key].report_label,
                                    value=display_value(by_key[key], value))
            for key, (value, _revision) in offers.items()
        )  # fmt: skip

    def _previous(self) -> PreviousPart | None:
        """Last semester's part of the open section (None: gone; back to filling)."""
        previous = self.ctx.previous.get(self.state.section or "")
        if previous is None:
            self.state = self.state.at(Mode.FILLING, carry=None)
            self.advance()
        return previous

    # ----- the decision --------------------------------------------------------------------
    def decide_carry(self, text: str) -> None:
        """Masih sama, ada perubahan, or (an entry) tidak lagi."""
        section, previous = self.section, self._previous()
        if section is None or previous is None:
            return
        if self.state.mode is Mode.CARRY_ENTRY and self.state.carry.get("whole"):
            self._decide_whole(section, previous, text)
            return
        top = self.state.mode is Mode.CARRY_TOP
        choice = pick(TOP_OPTIONS if top else ENTRY_OPTIONS, text)
        sure = parse_yes_no(text) if top and choice is None else None
        if sure is not None:  # "Masih sama?" answered with ya or tidak
            choice = SAME if sure else CHANGED
        if choice is None:
            self.say(texts.CARRY_CHOOSE_TOP if top else texts.CARRY_CHOOSE)
            self.ask_carry()
            return
        if self.refused_as_locked():
            return
        carry = dict(self.state.carry)
        if top:
            offers = stable_answers(section.top_questions, previous, 0)
            kept = texts.CARRY_TOP_KEPT.format(period=previous.label)
            self._decided(section, 0, offers, choice, kept, carry)
            return
        assert section.repeat is not None
        old = carry["left"][0]
        carry["left"] = carry["left"][1:]
        offers = stable_answers(section.repeat.questions, previous, old)
        name = self._name(section, previous, old)
        if choice == GONE:
            self.say(texts.CARRY_GONE.format(name=name))
            self._go_on(carry)
            return
        entry = next_entry_number(self.section_answers(section))
        kept = texts.CARRY_KEPT.format(name=name, period=previous.label)
        self._decided(section, entry, offers, choice, kept, carry)

    def _decide_whole(self, section: Section, previous: PreviousPart, text: str) -> None:
        """Semua masih sama (every entry copied, then only the semester's questions), or one by
        one ("ya" and "tidak", "masih sama" and "ada perubahan" also answer it)."""
        assert section.repeat is not None
        choice = pick(WHOLE_OPTIONS, text)
        if choice is None:  # "masih sama" and "ada perubahan" as for one entry
            choice = {SAME: ALL, CHANGED: ONE_BY_ONE}.get(pick(TOP_OPTIONS, text) or "")
        sure = parse_yes_no(text) if choice is None else None
        if sure is not None:
            choice = ALL if sure else ONE_BY_ONE
        if choice is None:
            self.say(texts.CARRY_CHOOSE_WHOLE)
            self.ask_carry()
            return
        if self.refused_as_locked():
            return
        carry = {**self.state.carry, "whole": False}
        if choice == ONE_BY_ONE:
            self.state = self.state.at(Mode.CARRY_ENTRY, carry=carry)
            self.ask_carry()
            return
        entries, carry["left"] = carry["left"], []
        entry = next_entry_number(self.section_answers(section))
        for number, old in enumerate(entries, entry):
            for key, (value, revision) in stable_answers(
                section.repeat.questions, previous, old
            ).items():
                self.store(SaveAnswer(section.key, number, key, value, carried_from=revision))
        self.say(texts.CARRY_ALL_KEPT.format(count=len(entries), repeat=section.repeat.label,
                                             period=previous.label))  # fmt: skip
        self._go_on(carry)

    def _decided(
        self, section: Section, entry: int, offers: Offers, choice: str, kept: str,
        carry: dict[str, Any],
    ) -> None:  # fmt: skip
        if choice == SAME:
            for key, (value, revision) in offers.items():
                self.store(SaveAnswer(section.key, entry, key, value, carried_from=revision))
            self.say(kept)
            self._go_on(carry)
            return
        carry["offers"] = {**carry["offers"], str(entry): offers}
        self.say(texts.CARRY_CHANGE)
        self.state = self.state.at(Mode.FILLING, carry=carry, closed=False)
        if entry and section.repeat is not None:
            self.ask(Ask(section.repeat.questions[0], entry))
        else:
            self.advance()

    def _go_on(self, carry: dict[str, Any]) -> None:
        self.state = self.state.at(Mode.FILLING, carry=carry, closed=False)
        self.advance()

    def offer_next_entry(self, prompt: Prompt) -> bool:
        """Instead of a new entry's first question or "Tambah ... lain?": the next of last
        semester's entries, if any is left (the first time, with the list of them all)."""
        carry, section = self.state.carry, self.section
        if not carry or not carry.get("left") or section is None or section.repeat is None:
            return False
        if isinstance(prompt, Ask) and (
            prompt.entry == 0
            or prompt.entry in live_entries(section, self.section_answers(section))
            or str(prompt.entry) in carry.get("offers", {})
        ):
            return False
        previous = self.ctx.previous.get(section.key)
        if previous is None:
            return False
        if not carry.get("listed") and len(carry["left"]) > 1:
            carry = {**carry, "listed": True, "whole": True}
        elif not carry.get("listed"):
            entries = self._entries(section, previous)
            lines = [f"{n}. {self._name(section, previous, e)}" for n, e in enumerate(entries, 1)]
            self.say(texts.CARRY_ENTRIES.format(period=previous.label, count=len(entries),
                                                repeat=section.repeat.label,
                                                who=previous.by or texts.CARRY_YOU,
                                                lines="\n".join(lines)))  # fmt: skip
            carry = {**carry, "listed": True}
        self.state = self.state.at(Mode.CARRY_ENTRY, carry=carry)
        self.ask_carry()
        return True
