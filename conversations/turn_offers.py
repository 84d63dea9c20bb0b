"""What the question on screen offers, as moves of a turn: last semester's value as a "tetap:
..." button while a changed entry is walked (conversations/turn_carry.py), and the names lsp-bot
knows where a question names a TUK or a scheme (the certificate register's and recent answers');
a new name may still be typed, and a known one typed in other capitals or spacing is stored as
it is known, so the reports count one name."""

from typing import Any

from conversations import texts
from conversations.display import display_value
from conversations.events import Option
from conversations.schema import Question, QuestionType
from conversations.turn_base import TurnBase

KEEP = "tetap"
# A typed "tetap" keeps last semester's value of any question; these also get a button for it
# (a choice already has last semester's among its buttons, and keeps its numbers).
BUTTONED = (QuestionType.TEXT, QuestionType.LONG_TEXT, QuestionType.INTEGER, QuestionType.DATE)
SHOWN_CHARS = 40  # of a value on a button
NAMES_SHOWN = 8  # known names offered as buttons (WhatsApp lists ten rows at most)


def fold(name: str) -> str:
    """A name as names are matched: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


class OfferMoves(TurnBase):
    """The "tetap: ..." buttons and the names already known, offered with a question."""

    def kept_offer(self, question: Question, entry: int) -> list[Any] | None:
        """[value, revision id] last semester's answer offered for this question, if any."""
        carry = self.state.carry
        if not carry:
            return None
        offer = carry.get("offers", {}).get(str(entry), {}).get(question.key)
        return list(offer) if offer else None

    def offer_lines(
        self, question: Question, entry: int, options: tuple[Option, ...]
    ) -> tuple[list[str], tuple[Option, ...]]:
        """The line naming last semester's value, and its "tetap" button where it fits; for a
        question that names a TUK or a scheme, the names already known."""
        offer = self.kept_offer(question, entry)
        if offer is None:
            named = self.known_names(question, entry)
            if named:
                return [texts.NAMES_OFFERED], tuple(Option(name, name) for name in named)
            return [], options
        shown = display_value(question, offer[0])
        line = texts.CARRY_LAST_VALUE.format(value=shown)
        if question.type not in BUTTONED:
            return [line + texts.CARRY_TYPE_KEEP], options
        if len(shown) > SHOWN_CHARS:
            shown = shown[: SHOWN_CHARS - 1].rstrip() + "…"
        return [line], (Option(KEEP, texts.OPT_KEEP.format(value=shown)), *options)

    # ----- names already known ------------------------------------------------------------
    def known_names(self, question: Question, entry: int) -> tuple[str, ...]:
        """The names of its kind lsp-bot knows (the register's, recent answers') that none of
        the member's other entries of this section uses, the first NAMES_SHOWN."""
        section = self.section
        if question.names is None or section is None:
            return ()
        used = {
            fold(str(value))
            for (number, key), value in self.section_answers(section).items()
            if key == question.key and number != entry and value
        }
        known = [n for n in self.ctx.names.get(question.names, ()) if fold(n) not in used]
        return tuple(known[:NAMES_SHOWN])

    def named(self, question: Question, entry: int, text: str) -> str | None:
        """The known name an answer means: its number in the list, or the name itself however
        it is capitalised or spaced (None: a name of its own, typed)."""
        known = self.known_names(question, entry)
        wanted = text.strip().rstrip(".")
        if wanted.isdigit():
            index = int(wanted) - 1
            return known[index] if 0 <= index < len(known) else None
        return next((name for name in known if fold(name) == fold(wanted)), None)

    def keeps(self, question: Question, entry: int, text: str) -> list[Any] | None:
        """The offer a "tetap" answer takes (None: the text is an answer of its own)."""
        offer = self.kept_offer(question, entry)
        if offer is None:
            return None
        typed = text.strip().casefold()
        return offer if typed == KEEP or typed.startswith(KEEP + ":") else None
