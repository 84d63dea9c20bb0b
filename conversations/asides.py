"""What the engine answers beside the sections: /status (one's own or, for an admin, the
team's), /bantuan, /nama and /undang, and asking the question on screen again after them."""

from datetime import timedelta

from conversations import texts
from conversations.commands import Audience, listed
from conversations.display import format_date
from conversations.effects import CreateInvite, SetName
from conversations.events import SectionProgress
from conversations.forms.registry import BY_KEY, sections_for
from conversations.parsing import match_choice
from conversations.schema import Choice
from conversations.state import Mode
from conversations.turn import Turn
from storage.enums import Role
from storage.periods import WITA

INVITE_VALIDITY = timedelta(days=7)
TEAM_NAMES_SHOWN = 8


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


def remind(turn: Turn) -> None:
    """After an aside (/status, /bantuan) in the middle of a section, ask the question again."""
    if turn.state.mode is not Mode.MENU:
        turn.reprompt()


def status(turn: Turn) -> str:
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


def rename_self(turn: Turn, argument: str) -> None:
    """/nama Nama Lengkap: the member's own full name, as reports print it."""
    name = " ".join(argument.split())
    if not name:
        turn.say(texts.NAME_USAGE.format(name=turn.ctx.member.name))
    elif not NAME_LENGTH[0] <= len(name) <= NAME_LENGTH[1] or not name.isprintable():
        turn.say(texts.NAME_INVALID.format(low=NAME_LENGTH[0], high=NAME_LENGTH[1]))
    else:
        turn.store(SetName(name))
        turn.say(texts.NAME_SET.format(name=name))
    remind(turn)


def invite(turn: Turn, argument: str) -> None:
    if not turn.ctx.member.is_admin:
        turn.say(texts.ADMIN_ONLY)
        remind(turn)
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
