"""Revoking a certificate (/cabut) as a conversation like any other: the number as printed,
the certificate shown, the date, the reason, the decision it rests on, then Ya/Tidak. The wait
lives in the state, so only the question on screen can take an answer, and any other command
or section leaves it."""

from datetime import date
from typing import Any

from conversations import texts
from conversations.commands import Command, Parsed, Text
from conversations.display import format_date
from conversations.effects import RevokeCertificate
from conversations.events import CertificateView, Option
from conversations.parsing import Rejected, parse, parse_date
from conversations.schema import Question, QuestionType
from conversations.state import Mode, State
from conversations.turn_base import TurnBase, pick

REVOKE_MODES = frozenset(
    {Mode.REVOKE_NUMBER, Mode.REVOKE_DATE, Mode.REVOKE_REASON, Mode.REVOKE_DECISION,
     Mode.REVOKE_CONFIRM}
)  # fmt: skip
_REASON = Question("alasan", texts.REVOKE_ASK_REASON, QuestionType.LONG_TEXT)
_DECISION = Question("keputusan", texts.REVOKE_ASK_DECISION, QuestionType.TEXT)
_CONFIRM_OPTIONS = (Option("ya", texts.REVOKE_YES), Option("tidak", texts.REVOKE_NO))


def looked_up(state: State, parsed: Parsed) -> str | None:
    """The text whose certificate the service must look up for this message, if any: the
    argument of /cabut, or what is typed while the number is asked."""
    if isinstance(parsed, Command):
        return parsed.argument if parsed.name == "cabut" and parsed.argument else None
    if isinstance(parsed, Text):
        return parsed.text if state.mode is Mode.REVOKE_NUMBER and parsed.text else None
    return None


class RevokeMoves(TurnBase):
    """The moves of a revocation."""

    @property
    def revocation(self) -> dict[str, Any]:
        """What has been given so far (number, holder, scheme, dates, reason, decision)."""
        return dict(self.state.pending or {})

    def start_revocation(self, argument: str) -> None:
        """/cabut [NOMOR ...]: admins only; the number asked, or taken from the argument."""
        if not self.ctx.member.is_admin:
            self.say(texts.ADMIN_ONLY)
            self.menu()
            return
        self.state = State(Mode.REVOKE_NUMBER, period=self.ctx.period.id, pending={})
        if argument:
            self.revoke_number(argument)
        else:
            self.ask_revocation()

    def revoke_number(self, text: str) -> None:
        """The typed number: the certificate it names (and a date and reason after it)."""
        found = self.ctx.certificate
        if found is None:
            self.say(texts.REVOKE_UNKNOWN.format(number=" ".join(text.split())))
            self.ask_revocation()
            return
        if found.revoked_on is not None:
            self.say(texts.REVOKE_ALREADY.format(number=found.number,
                                                 on=format_date(found.revoked_on)))  # fmt: skip
            self.state = State(period=self.ctx.period.id)
            return
        self.say(_shown(found))
        pending = _certificate(found)
        rest = text.split()[found.words :]
        on, reason = _date_and_reason(rest)
        problem = self._date_problem(on, found.issued_on) if on is not None else None
        if problem is not None:
            self.say(problem)
        elif on is not None:
            pending["on"] = on.isoformat()
            if reason:
                pending["reason"] = reason
        self.state = self.state.at(Mode.REVOKE_DATE, pending=pending)
        self.ask_revocation()

    def revoke_date(self, text: str) -> None:
        """The date the revocation takes effect: not before the issue, not after today."""
        parsed = parse_date(" ".join(text.split()))
        pending = self.revocation
        problem = (
            texts.INVALID_MESSAGES[parsed.code].format(**parsed.params)
            if isinstance(parsed, Rejected)
            else self._date_problem(parsed, date.fromisoformat(pending["issued_on"]))
        )
        if problem is not None or isinstance(parsed, Rejected):
            self.say(problem or "")
            self.ask_revocation()
            return
        pending["on"] = parsed.isoformat()
        self.state = self.state.at(Mode.REVOKE_REASON, pending=pending)
        self.ask_revocation()

    def revoke_text(self, text: str) -> None:
        """The reason, or the decision's reference."""
        reason = self.state.mode is Mode.REVOKE_REASON
        value = parse(_REASON if reason else _DECISION, text)
        if isinstance(value, Rejected):
            self.say(texts.INVALID_MESSAGES[value.code].format(**value.params))
        else:
            key = "reason" if reason else "decision"
            self.state = self.state.at(self.state.mode, pending={**self.revocation, key: value})
        self.ask_revocation()

    def skip_decision(self) -> None:
        """/lewati while the decision is asked: none is named."""
        self.state = self.state.at(self.state.mode, pending={**self.revocation, "decision": ""})
        self.ask_revocation()

    def confirm_revocation(self, text: str) -> None:
        """Ya/Tidak to the revocation on screen."""
        picked = pick(_CONFIRM_OPTIONS, text)  # a button, its number or its label
        sure = picked == "ya" if picked else self.yes_or_no(text, self.ask_revocation)
        if sure is None:
            return
        pending = self.revocation
        self.state = State(period=self.ctx.period.id)
        if not sure:
            self.say(texts.REVOKE_NOT_DONE.format(number=pending["number"]))
            return
        on = date.fromisoformat(pending["on"])
        self.store(RevokeCertificate(pending["number"], on, pending["reason"],
                                     pending.get("decision", "")))  # fmt: skip
        self.say(texts.REVOKE_DONE.format(number=pending["number"], on=format_date(on)))

    def leave_revocation(self) -> None:
        """Another command came: the revocation is dropped, nothing recorded."""
        number = self.revocation.get("number")
        self.state = State(period=self.ctx.period.id)
        if number:
            self.say(texts.REVOKE_LEFT.format(number=number))

    def ask_revocation(self) -> None:
        """Ask the first thing the revocation still lacks (or the confirmation)."""
        pending = self.revocation
        if "number" not in pending:
            self.state = self.state.at(Mode.REVOKE_NUMBER)
            self.say(texts.REVOKE_ASK_NUMBER)
        elif "on" not in pending:
            self.state = self.state.at(Mode.REVOKE_DATE)
            self.say(texts.REVOKE_ASK_DATE)
        elif "reason" not in pending:
            self.state = self.state.at(Mode.REVOKE_REASON)
            self.say(texts.REVOKE_ASK_REASON)
        elif "decision" not in pending:
            self.state = self.state.at(Mode.REVOKE_DECISION)
            self.say(texts.REVOKE_ASK_DECISION)
        else:
            self.state = self.state.at(Mode.REVOKE_CONFIRM)
            decision = pending["decision"] or texts.REVOKE_NO_DECISION
            question = texts.REVOKE_CONFIRM.format(
                number=pending["number"], holder=pending["holder"], scheme=pending["scheme"],
                on=format_date(date.fromisoformat(pending["on"])), reason=pending["reason"],
                decision=decision,
            )  # fmt: skip
            self.say(question, _CONFIRM_OPTIONS)

    def _date_problem(self, on: date, issued_on: date) -> str | None:
        if on < issued_on:
            return texts.REVOKE_BEFORE_ISSUE.format(issued=format_date(issued_on))
        if on > self.today:
            return texts.REVOKE_AFTER_TODAY.format(today=format_date(self.today))
        return None


def _certificate(found: CertificateView) -> dict[str, Any]:
    return {
        "number": found.number, "holder": found.holder, "scheme": found.scheme,
        "issued_on": found.issued_on.isoformat(),
    }  # fmt: skip


def _shown(found: CertificateView) -> str:
    return texts.REVOKE_FOUND.format(
        number=found.number, holder=found.holder, scheme=found.scheme,
        issued=format_date(found.issued_on), until=format_date(found.valid_until),
    )  # fmt: skip


def _date_and_reason(words: list[str]) -> tuple[date | None, str]:
    """'24-11-2026 alasan ...' or '24 November 2026 alasan ...': the date and the rest."""
    for length in (3, 1):
        if len(words) >= length:
            parsed = parse_date(" ".join(words[:length]))
            if not isinstance(parsed, Rejected):
                return parsed, " ".join(words[length:])
    return None, ""
