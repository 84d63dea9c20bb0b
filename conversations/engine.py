"""The conversation engine: (state, message, context, now) -> Step(state, replies, effects).

No I/O, no clock, no randomness: the service passes in everything the engine may read
(`Context`), the instant (`now`) and a fresh invite code when one may be needed.
"""

from datetime import datetime, timedelta

from conversations import texts
from conversations.commands import (
    Audience,
    Text,
    listed,
)
from conversations.display import format_date
from conversations.events import (
    Context,
    CreateInvite,
    Inbound,
    SectionProgress,
    SetName,
    Step,
)
from conversations.forms.registry import BY_KEY, sections_for
from conversations.parsing import match_choice
from conversations.schema import Choice
from conversations.state import Mode, State
from conversations.turn import Turn
from conversations.turn_carry import CARRY_MODES
from conversations.turn_check import CHECK_MODES
from conversations.turn_revoke import REVOKE_MODES, looked_up
from storage.enums import Role
from storage.periods import WITA

INVITE_VALIDITY = timedelta(days=7)
TEAM_NAMES_SHOWN = 8


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
            turn.say(_status(turn))
            _remind(turn)
        case "bantuan":
            turn.say(help_text(admin=turn.ctx.member.is_admin))
            _remind(turn)
        case "undang":
            _invite(turn, argument)
        case "nama":
            _rename_self(turn, argument)
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
            _remind(turn)


def help_text(*, admin: bool) -> str:
    """/bantuan: what the bot is for, then every command the person may use (the registry's)."""
    lines = [texts.HELP]
    for audience in (Audience.MEMBERS, Audience.ADMINS) if admin else (Audience.MEMBERS,):
        if audience is Audience.ADMINS:
            lines += ["", texts.HELP_ADMIN]
        lines += [
            texts.HELP_LINE.format(usage=spec.shown, description=spec.description)
            for spec in listed(admin=admin)
            if spec.who is audience
        ]
    if admin:
        lines.append(texts.HELP_PERIOD)
    return "\n".join(lines)


def _remind(turn: Turn) -> None:
    """After an aside (/status, /bantuan) in the middle of a section, ask the question again."""
    if turn.state.mode is not Mode.MENU:
        turn.reprompt()


def _status(turn: Turn) -> str:
    period = turn.ctx.period.label
    if turn.ctx.member.is_admin and turn.ctx.team is not None:
        lines = [texts.STATUS_TEAM.format(period=period)]
        for progress in turn.ctx.team:
            section = BY_KEY[progress.section]
            lines.append(
                texts.STATUS_SECTION.format(
                    mark=texts.STATE_MARKS[progress.state],
                    key=section.key,
                    title=section.title,
                    status=texts.STATE_NAMES[progress.state],
                )
            )
            lines.append(_owes_line(section.role, progress))
            if progress.done:
                lines.append(
                    texts.STATUS_DONE.format(names=_names(progress.done_by, progress.done))
                )
        return "\n".join(lines)
    lines = [texts.STATUS_MINE.format(period=period)]
    for section in sections_for(turn.ctx.member.roles):
        status = turn.statuses.get(section.key)
        lines.append(
            texts.STATUS_SECTION.format(
                mark=texts.STATUS_MARKS[status],
                key=section.key,
                title=section.title,
                status=texts.STATUS_NAMES[status],
            )
        )
    return "\n".join(lines)


def _owes_line(role: Role, progress: SectionProgress) -> str:
    if progress.nobody_holds_role and progress.owing:
        return texts.STATUS_NOBODY.format(role=texts.ROLE_NAMES[role])
    if not progress.owing:
        return texts.STATUS_OWES_NONE
    return texts.STATUS_OWES.format(names=_names(progress.owed_by, progress.owing))


def _names(names: tuple[str, ...], count: int) -> str:
    """The first names, and how many more there are."""
    shown = ", ".join(names[:TEAM_NAMES_SHOWN])
    if count > TEAM_NAMES_SHOWN:
        shown = texts.STATUS_MORE.format(names=shown, more=count - TEAM_NAMES_SHOWN)
    return shown


NAME_LENGTH = (2, 100)


def _rename_self(turn: Turn, argument: str) -> None:
    """/nama Nama Lengkap: the member's own full name, as reports print it."""
    name = " ".join(argument.split())
    if not name:
        turn.say(texts.NAME_USAGE.format(name=turn.ctx.member.name))
    elif not NAME_LENGTH[0] <= len(name) <= NAME_LENGTH[1] or not name.isprintable():
        turn.say(texts.NAME_INVALID.format(low=NAME_LENGTH[0], high=NAME_LENGTH[1]))
    else:
        turn.store(SetName(name))
        turn.say(texts.NAME_SET.format(name=name))
    _remind(turn)


def _invite(turn: Turn, argument: str) -> None:
    if not turn.ctx.member.is_admin:
        turn.say(texts.ADMIN_ONLY)
        _remind(turn)
        return
    role_text, _, name = argument.partition(" ")
    role = parse_role(role_text)
    if role is None or turn.ctx.invite_code is None:
        turn.say(texts.INVITE_USAGE)
        return
    expires_at = turn.now + INVITE_VALIDITY
    turn.store(CreateInvite(turn.ctx.invite_code, role, name.strip() or None, expires_at))
    turn.say(
        texts.INVITE_MADE.format(
            role=texts.ROLE_NAMES[role],
            name=f" ({name.strip()})" if name.strip() else "",
            code=turn.ctx.invite_code,
            expires=format_date(expires_at.astimezone(WITA).date()),
        ),
        invite_code=turn.ctx.invite_code,
    )


def parse_role(text: str) -> Role | None:
    """A role from its code (koordinator_tuk) or its Indonesian name (Koordinator TUK)."""
    choices = tuple(Choice(role.value, texts.ROLE_NAMES[role]) for role in Role)
    choice = match_choice(choices, text.replace("-", "_")) if text.strip() else None
    return Role(choice.value) if choice else None
