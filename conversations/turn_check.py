"""The review of sent parts, as moves of a turn: the Manajer Administrasi's /periksa (a part
opened, accepted, or returned with the answers to fix and a note) and its owner's fix (only the
flagged answers asked again, then the review and "Kirim" as always).

What is waited for lives in the state: the parts listed (`pending`: their submission ids), the
part opened (`pending`: its id), the answers picked to return (`pending`: {"id", "fields"});
for the owner, the flagged answers still to ask (`fixing`). What the part holds is read again
from the context at each message (`Context.review`), so a part another admin dealt with in the
meantime is not reviewed twice.
"""

import re
from typing import Any

from conversations import texts
from conversations.commands import Command, Parsed, Text
from conversations.events import Inbound, Option
from conversations.files import size_text
from conversations.flow import Ask, entry_position, live_entries, review_lines
from conversations.forms.registry import BY_KEY, sections_for
from conversations.review_views import ACCEPT, RETURN, ReviewedPart, ReviewPart
from conversations.schema import Section
from conversations.state import Mode, State
from conversations.turn_base import TurnBase, capitalised, pick, section_summary
from storage.enums import SubmissionStatus
from storage.periods import WITA

CHECK_MODES = frozenset({Mode.CHECK_LIST, Mode.CHECK_PART, Mode.CHECK_FIELDS, Mode.CHECK_NOTE})
WAITING_SHOWN = 10  # parts listed at once (WhatsApp lists ten rows at most)
NOTE_MOST = 500
PART_OPTIONS = (
    Option(ACCEPT, texts.OPT_ACCEPT),
    Option(RETURN, texts.OPT_RETURN),
    Option("daftar", texts.OPT_LIST),
)


def review_lookup(inbound: Inbound, state: State) -> int | None:
    """The submission whose part the context must carry for this message: the one picked from
    the list, or the one opened (None: no part is being reviewed)."""
    if state.mode is Mode.CHECK_LIST and isinstance(inbound.parsed, Text):
        number = inbound.parsed.text.strip().rstrip(".")
        listed = state.pending or []
        if number.isdigit() and 1 <= int(number) <= len(listed):
            return int(listed[int(number) - 1])
        return None
    if state.mode in (Mode.CHECK_PART, Mode.CHECK_FIELDS):
        return int(state.pending)
    if state.mode is Mode.CHECK_NOTE:
        return int(state.pending["id"])
    return None


def wants_review(parsed: Parsed, state: State | None) -> bool:
    """Whether the context must carry the parts waiting for review."""
    if isinstance(parsed, Command):
        return parsed.name == "periksa"
    return state is not None and state.mode in CHECK_MODES


def answer_label(section: Section, answers: dict[tuple[int, str], Any], entry: int,
                 key: str) -> str:  # fmt: skip
    """'TUK ke-1: Tanggal verifikasi' (a section-level answer: its label alone)."""
    question = section.question(key, entry=entry)
    if not entry or section.repeat is None:
        return question.report_label
    position = entry_position(section, answers, entry)
    return texts.QUESTION_ENTRY.format(
        repeat=capitalised(section.repeat.label), entry=position, label=question.report_label
    )


class CheckMoves(TurnBase):
    """/periksa for an admin; the fix of a returned part for its owner."""

    # ----- the admin's side ----------------------------------------------------------------
    def start_check(self, done: int | None = None) -> None:
        """/periksa: the parts sent and not looked at (`done`: one just dealt with)."""
        if not self.ctx.member.is_admin:
            self.say(texts.ADMIN_ONLY)
            self.menu()
            return
        view = self.ctx.review
        waiting = [w for w in (view.waiting if view else ()) if w.submission_id != done]
        count = (view.count if view else 0) - (1 if done is not None and view else 0)
        if not waiting:  # the menu's marks were read before this message's change: not shown
            self.say(texts.CHECK_NONE.format(period=self.ctx.period.label))
            self.state = State(period=self.ctx.period.id)
            return
        shown = waiting[:WAITING_SHOWN]
        lines = [
            texts.CHECK_LIST_LINE.format(
                number=n, key=w.section, title=BY_KEY[w.section].title, name=w.name,
                at=w.sent_at.astimezone(WITA).strftime("%d-%m-%Y %H.%M WITA"),
            )
            for n, w in enumerate(shown, 1)
        ]  # fmt: skip
        if count > len(shown):
            lines.append(texts.CHECK_LIST_MORE.format(more=count - len(shown)))
        self.state = State(Mode.CHECK_LIST, period=self.ctx.period.id,
                           pending=[w.submission_id for w in shown])  # fmt: skip
        options = tuple(Option(str(n), f"{w.section} {w.name}") for n, w in enumerate(shown, 1))
        self.say(texts.CHECK_LIST.format(count=count, lines="\n".join(lines)), options)

    def _part(self) -> ReviewedPart | None:
        """The part the message is about, still waiting for a look (else: said, and listed)."""
        view = self.ctx.review
        part = view.part if view else None
        if part is None:
            self.start_check()
            return None
        if part.status is not SubmissionStatus.SUBMITTED:
            self.say(texts.CHECK_GONE.format(status=texts.STATUS_NAMES[part.status]))
            self.start_check(done=part.submission_id)
            return None
        return part

    def check_pick(self, text: str) -> None:
        """A number from the list: open that part."""
        listed = self.state.pending or []
        number = text.strip().rstrip(".")
        if not (number.isdigit() and 1 <= int(number) <= len(listed)):
            self.say(texts.CHECK_PICK.format(count=len(listed)))
            return
        part = self._part()
        if part is not None:
            self.show_part(part)

    def show_part(self, part: ReviewedPart) -> None:
        """A part's answers and files, then Terima / Kembalikan / Daftar."""
        section = BY_KEY[part.section]
        head = texts.CHECK_PART_HEAD.format(key=section.key, title=section.title, name=part.name,
                                            status=texts.STATUS_NAMES[part.status])  # fmt: skip
        summary = section_summary(section, part.answers, part.status).split("\n", 1)
        self.say("\n".join([head, *summary[1:]]))
        if part.files:
            lines = [
                texts.CHECK_FILE_LINE.format(
                    label=answer_label(section, part.answers, f.entry, f.field), name=f.name,
                    kind=f.kind.upper(), size=size_text(f.size),
                )
                for f in part.files
            ]  # fmt: skip
            self.say(texts.CHECK_FILES.format(lines="\n".join(lines)))
        else:
            self.say(texts.CHECK_NO_FILES)
        self.state = State(Mode.CHECK_PART, period=self.ctx.period.id, pending=part.submission_id)
        self.say(texts.CHECK_ASK.format(name=part.name), PART_OPTIONS)

    def check_part(self, text: str) -> None:
        """Terima, Kembalikan, or back to the list."""
        choice = pick(PART_OPTIONS, text)
        if choice is None:
            self.say(texts.CHECK_CHOOSE)
            self.reprompt_check()
            return
        if choice == "daftar":
            self.start_check()
            return
        part = self._part()
        if part is None:
            return
        if choice == ACCEPT:
            self.store(ReviewPart(part.submission_id, ACCEPT))
            self.say(texts.CHECK_ACCEPTED.format(key=part.section, name=part.name))
            self.start_check(done=part.submission_id)
            return
        self.state = self.state.at(Mode.CHECK_FIELDS)
        count = len(review_lines(BY_KEY[part.section], part.answers))
        self.say(texts.CHECK_FIELDS.format(count=count))

    def check_fields(self, text: str) -> None:
        """The numbers of the answers to return."""
        part = self._part()
        if part is None:
            return
        lines = review_lines(BY_KEY[part.section], part.answers)
        numbers = re.findall(r"\d+", text)
        wrong = [n for n in numbers if not 1 <= int(n) <= len(lines)]
        if not numbers or wrong or re.sub(r"[\d\s,;.&]|dan", "", text.casefold()):
            given = wrong[0] if wrong else text.strip()
            self.say(texts.CHECK_FIELDS_BAD.format(given=given, count=len(lines)))
            return
        picked = sorted({int(n) for n in numbers})
        fields = [[lines[n - 1].entry, lines[n - 1].question.key] for n in picked]
        pending = {"id": part.submission_id, "fields": fields}
        self.state = self.state.at(Mode.CHECK_NOTE, pending=pending)
        self.say(texts.CHECK_NOTE.format(name=part.name))

    def check_note(self, text: str) -> None:
        """The note: the part goes back to its owner, who is told at once."""
        part = self._part()
        if part is None:
            return
        note = " ".join(text.split())
        if not note or len(note) > NOTE_MOST or not note.isprintable():
            self.say(texts.CHECK_NOTE_BAD.format(most=NOTE_MOST))
            self.say(texts.CHECK_NOTE.format(name=part.name))
            return
        fields = tuple((int(e), str(k)) for e, k in self.state.pending["fields"])
        self.store(ReviewPart(part.submission_id, RETURN, fields, note))
        section = BY_KEY[part.section]
        named = ", ".join(answer_label(section, part.answers, e, k) for e, k in fields)
        self.say(texts.CHECK_RETURNED.format(key=section.key, name=part.name, note=note,
                                             fields=named))  # fmt: skip
        self.start_check(done=part.submission_id)

    def reprompt_check(self) -> None:
        """Say again what the review waits for."""
        match self.state.mode:
            case Mode.CHECK_PART | Mode.CHECK_FIELDS | Mode.CHECK_NOTE:
                part = self._part()
                if part is not None:
                    self.show_part(part)
            case _:
                self.start_check()

    # ----- the owner's side ----------------------------------------------------------------
    def start_fix(self, key: str) -> None:
        """/perbaiki KEY (the Perbaiki button) or opening a returned section: the note, then
        the flagged answers one by one."""
        if key not in {s.key for s in sections_for(self.ctx.member.roles)}:
            self.say(texts.NOT_YOUR_SECTION.format(key=key))
            self.menu()
            return
        section = BY_KEY[key]
        returned = self.ctx.returns.get(key)
        if returned is None or self.statuses.get(key) is not SubmissionStatus.RETURNED:
            self.say(texts.FIX_NONE.format(key=key))
            self.open_section(section)
            return
        answers = self.section_answers(section)
        live = set(live_entries(section, answers))
        fields = [[e, k] for e, k in returned.fields if not e or e in live]
        self.say(texts.FIX_START.format(key=key, title=section.title, by=returned.by,
                                        at=returned.at.astimezone(WITA)
                                        .strftime("%d-%m-%Y %H.%M WITA"),
                                        note=returned.note, count=len(fields)))  # fmt: skip
        self.state = State(Mode.EDITING, period=self.ctx.period.id, section=key, closed=True,
                           fixing=fields)  # fmt: skip
        if not self.fix_next(None):
            self.state = self.state.at(Mode.FILLING)
            self.review()

    def fix_next(self, answered: tuple[int, str] | None) -> bool:
        """After a flagged answer (None: before the first), ask the next; False when none is
        left (the review follows)."""
        section = self.section
        left = [f for f in (self.state.fixing or []) if answered is None or tuple(f) != answered]
        if not left or section is None:
            self.state = self.state.at(self.state.mode, fixing=None)
            return False
        self.state = self.state.at(Mode.EDITING, fixing=left)
        entry, key = int(left[0][0]), str(left[0][1])
        line = next((x for x in review_lines(section, self.section_answers(section))
                     if (x.entry, x.question.key) == (entry, key)), None)  # fmt: skip
        question = line.question if line else section.question(key, entry=entry)
        self.ask(Ask(question, entry), current=line if line and line.answered else None)
        return True
