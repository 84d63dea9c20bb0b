"""The conversation engine: (state, message, context, now) -> Step(state, replies, effects).

No I/O, no clock, no randomness: the service passes in everything the engine may read
(`Context`), the instant (`now`) and a fresh invite code when one may be needed.
"""

from datetime import datetime

from conversations import texts
from conversations.asides import help_text, invite, remind, rename_self, status
from conversations.commands import (
    Text,
)
from conversations.events import (
    Context,
    Inbound,
    Step,
)
from conversations.state import Mode, State
from conversations.turn import Turn
from conversations.turn_carry import CARRY_MODES
from conversations.turn_check import CHECK_MODES
from conversations.turn_revoke import REVOKE_MODES, looked_up

# Every Ya/Tidak wait: a command answered outside the engine (a report, the members) leaves
# it, since a later "ya" must not answer a question that is no longer the last one on screen.
LEFT_BY_OTHER_COMMANDS = (
    REVOKE_MODES
    | CARRY_MODES
    | CHECK_MODES
    | {
        Mode.CONFIRM_NIHIL,
        Mode.CONFIRM_DELETE,
        Mode.CONFIRM_VALUE,
        Mode.ADD_ANOTHER,
    }
)


def left_for_another_command(state: State) -> State | None:
    """Where a person goes when a command answered outside the engine replaced the Ya/Tidak
    question they were asked (None: they were asked none): back to the question whose answer
    awaited "benar?" (the answer is not stored), else to the menu."""
    if state.mode not in LEFT_BY_OTHER_COMMANDS:
        return None
    if state.mode is Mode.CONFIRM_VALUE:
        mode = Mode.EDITING if state.editing else Mode.FILLING
        return state.at(mode, pending=None, editing=False)
    return State(period=state.period)


def certificate_lookup(inbound: Inbound, state: State) -> str | None:
    """The typed text whose certificate the context must carry (a revocation asks for it)."""
    return looked_up(state, inbound.parsed)


def handle(state: State, inbound: Inbound, ctx: Context, now: datetime) -> Step:
    """Run one message through the conversation."""
    turn = Turn(state, ctx, now)
    parsed = inbound.parsed
    if state.mode is not Mode.MENU and state.period != ctx.period.id:
        turn.say(texts.PERIOD_CHANGED.format(period=ctx.period.label))
        turn.menu()
    elif inbound.file is not None:
        turn.take_file(inbound.file)
    elif isinstance(parsed, Text):
        _on_text(turn, parsed.text)
    else:  # a command, known or not (an unknown one gets the default answer)
        _on_command(turn, parsed.name, parsed.argument)
    return turn.step()


def _on_text(turn: Turn, text: str) -> None:
    if turn.state.mode in REVOKE_MODES:
        _on_revocation(turn, text)
        return
    if turn.state.mode in CHECK_MODES:
        _on_check(turn, text)
        return
    if turn.section is None and turn.state.mode is not Mode.MENU:
        turn.menu()
        return
    match turn.state.mode:
        case Mode.MENU:
            turn.choose_from_menu(text)
        case Mode.FILLING | Mode.EDITING if turn.current_question() is not None:
            turn.answer(text)
        case Mode.ADD_ANOTHER:
            turn.add_another(text)
        case Mode.REVIEW:
            turn.choose_in_review(text)
        case Mode.PICK_EDIT:
            turn.pick_edit(text)
        case Mode.PICK_DELETE if turn.section and turn.section.repeat:
            turn.pick_delete(text)
        case Mode.CONFIRM_DELETE if turn.section and turn.section.repeat:
            turn.confirm_delete(text)
        case Mode.CONFIRM_NIHIL:
            turn.confirm_nihil(text)
        case Mode.NIHIL_VIEW:
            turn.nihil_view(text)
        case Mode.CONFIRM_VALUE if turn.current_question() is not None:
            turn.confirm_value(text)
        case Mode.CARRY_TOP | Mode.CARRY_ENTRY:
            turn.decide_carry(text)
        case Mode.EVIDENCE:
            turn.evidence_text(text)
        case _:
            turn.menu()


def _on_revocation(turn: Turn, text: str) -> None:
    match turn.state.mode:
        case Mode.REVOKE_NUMBER:
            turn.revoke_number(text)
        case Mode.REVOKE_DATE:
            turn.revoke_date(text)
        case Mode.REVOKE_REASON | Mode.REVOKE_DECISION:
            turn.revoke_text(text)
        case _:
            turn.confirm_revocation(text)


def _on_check(turn: Turn, text: str) -> None:
    match turn.state.mode:
        case Mode.CHECK_LIST:
            turn.check_pick(text)
        case Mode.CHECK_PART:
            turn.check_part(text)
        case Mode.CHECK_FIELDS:
            turn.check_fields(text)
        case _:
            turn.check_note(text)


def _on_command(turn: Turn, name: str, argument: str) -> None:
    if name == "lewati" and turn.state.mode is Mode.REVOKE_DECISION:
        turn.skip_decision()
        return
    if turn.state.mode in REVOKE_MODES:  # any other command leaves the revocation
        turn.leave_revocation()
    match name:
        case "start" | "menu":
            turn.menu()
        case "batal":
            turn.say(texts.CANCELLED)
            turn.menu()
        case "lewati" if turn.state.mode is Mode.EVIDENCE:
            turn.evidence_done(skipped=True)
        case "lewati":
            turn.skip()
        case "nihil":
            turn.ask_nihil(argument)
        case "status":
            turn.say(status(turn))
            remind(turn)
        case "bantuan":
            turn.say(help_text(admin=turn.ctx.member.is_admin))
            remind(turn)
        case "undang":
            invite(turn, argument)
        case "nama":
            rename_self(turn, argument)
        case "cabut":
            turn.start_revocation(argument)
        case "periksa":
            turn.start_check()
        case "perbaiki" if argument:
            turn.start_fix(argument.split()[0])
        case "isi":
            if argument:
                turn.choose_from_menu(argument)
            else:
                turn.menu()
        case _:  # unknown, or another desk's reaching the engine (a stranger's)
            turn.say(texts.UNKNOWN_COMMAND.format(name=name))
            remind(turn)
