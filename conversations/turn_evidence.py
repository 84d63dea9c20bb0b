"""Evidence (bukti) for an answer, as moves of a turn: once an answer that takes evidence is
given (conversations/schema.py, EvidenceRequest) and the person's channel can send files, the
bot asks for photos or scans; each file is judged by its bytes (conversations/files.py), kept
or refused with the reason, until the person says "selesai", skips, or reaches the limit."""

from conversations import texts
from conversations.effects import AttachEvidence, ReplaceEvidence
from conversations.files import MAX_BYTES, MAX_PAGES, IncomingFile, judge, size_text
from conversations.schema import EvidenceRequest, Question
from conversations.state import Mode
from conversations.turn_base import TurnBase


class EvidenceMoves(TurnBase):
    """Asking for, taking and refusing files."""

    def wants_evidence(self, question: Question) -> bool:
        """Whether files are asked for after this answer (the channel can send them)."""
        return question.evidence is not None and self.ctx.files

    def ask_evidence(
        self, question: Question, entry: int, count: int = 0, *, replace: bool = False
    ) -> None:
        """Wait for files for an answer (`count`: how many were kept in this wait; `replace`:
        the answer was changed, and new files replace the ones it has)."""
        request = question.evidence
        assert request is not None
        replace = replace or (self.state.mode is Mode.EVIDENCE and self.state.editing)
        self.state = self.state.at(Mode.EVIDENCE, entry=entry, field=question.key, pending=count,
                                   editing=replace)  # fmt: skip
        template = texts.EVIDENCE_ASK_REQUIRED if request.required else texts.EVIDENCE_ASK
        if replace:
            template = texts.EVIDENCE_ASK_REPLACE
        self.say(template.format(what=request.what, most=request.most))

    def _request(self) -> tuple[Question, EvidenceRequest] | None:
        question = self.current_question()
        if question is None or question.evidence is None:
            return None
        return question, question.evidence

    def take_file(self, file: IncomingFile) -> None:
        """A file sent: kept as evidence of the answer asked about, or refused."""
        found = self._request() if self.state.mode is Mode.EVIDENCE else None
        section = self.section
        if found is None or section is None:
            self.say(texts.EVIDENCE_NOT_ASKED)
            self.reprompt()
            return
        question, request = found
        count = int(self.state.pending or 0)
        verdict = judge(file.data)
        if verdict.refusal is not None or verdict.kind is None:
            reason = texts.EVIDENCE_REFUSED[verdict.refusal or "not_accepted"]
            self.say(reason.format(limit=size_text(MAX_BYTES), pages=MAX_PAGES))
            self.ask_evidence(question, self.state.entry, count)
            return
        if self.refused_as_locked():
            return
        if self.state.editing and count == 0:  # the first new file replaces the old ones
            self.store(ReplaceEvidence(section.key, self.state.entry, question.key))
        self.store(AttachEvidence(section.key, self.state.entry, question.key,
                                  file.filename or f"bukti.{verdict.kind}", file.data,
                                  verdict.kind, verdict.pages))  # fmt: skip
        pages = texts.EVIDENCE_PAGES.format(pages=verdict.pages) if verdict.pages else ""
        name = file.filename or f"bukti.{verdict.kind}"
        self.say(texts.EVIDENCE_STORED.format(name=name, size=size_text(len(file.data)),
                                              pages=pages))  # fmt: skip
        count += 1
        if count >= request.most:
            self.say(texts.EVIDENCE_FULL.format(most=request.most))
            self.evidence_done()
            return
        self.state = self.state.at(Mode.EVIDENCE, pending=count)
        self.say(texts.EVIDENCE_MORE)

    def evidence_text(self, text: str) -> None:
        """Text while files are awaited: "selesai" goes on; anything else asks for a file."""
        if text.strip().casefold() in texts.EVIDENCE_DONE_WORDS:
            self.evidence_done()
            return
        self.say(texts.EVIDENCE_SEND_FILE)

    def evidence_done(self, *, skipped: bool = False) -> None:
        """No more files for this answer (refused while a required one is missing)."""
        found = self._request()
        if found is not None and found[1].required and not self.state.pending:
            self.say(texts.EVIDENCE_REQUIRED)
            return
        if skipped:
            self.say(texts.SAVED_SKIPPED)
        self.state = self.state.at(Mode.FILLING, pending=None, editing=False)
        self.advance()
