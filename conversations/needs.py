"""What the service must load for a message beyond the member's own data, decided before the
engine runs: the team (an admin's menu and /status), what others gave (where a section may be
opened), last semester's parts (opening a section, deciding on them), the names known (where a
question may name a TUK or a scheme), a fresh invite code."""

from enum import StrEnum

from conversations.commands import Text, command_named
from conversations.events import Inbound, MemberView
from conversations.forms.registry import BY_KEY
from conversations.state import Mode, State
from conversations.turn_carry import CARRY_MODES
from conversations.turn_check import wants_review


class Need(StrEnum):
    """Extra data the service must load before calling `handle` for a message."""

    TEAM = "team"
    TEAM_NAMES = "team_names"  # who owes and who sent each section (the first few)
    OTHERS = "others"
    INVITE_CODE = "invite_code"
    PREVIOUS = "previous"  # last semester's parts of the sections the member has not begun
    NAMES = "names"  # the TUKs' and schemes' names known, offered where a question names one
    REVIEW = "review"  # an admin's /periksa: the parts waiting, the part opened


# Where a plain message may open a section (or declare one nihil): what others gave is shown.
_OPENING_MODES = (Mode.MENU, Mode.NIHIL_VIEW, Mode.CONFIRM_NIHIL)


def needs(inbound: Inbound, member: MemberView, state: State | None = None) -> frozenset[Need]:
    """What the context for this message must carry beyond the member's own data: for an
    admin, the team (the menu shows each section's team state) and, when the message may open
    a section or declare one nihil, what others gave; for anyone opening a section (or deciding
    on last semester's data), what they sent last semester."""
    parsed = inbound.parsed
    opening = command_named(parsed, "isi") or (
        isinstance(parsed, Text) and (state is None or state.mode in _OPENING_MODES)
    )
    showing_menu = command_named(parsed, "menu", "start", "batal") is not None
    carrying = state is not None and (
        state.mode in CARRY_MODES or bool(state.carry and state.carry.get("left"))
    )
    previous = {Need.PREVIOUS} if opening or carrying or showing_menu else set()
    if opening or carrying or _may_ask_a_name(state):
        previous.add(Need.NAMES)
    if not member.is_admin:
        return frozenset(previous)
    wanted = {Need.TEAM, *previous}
    if wants_review(parsed, state):
        wanted.add(Need.REVIEW)
    if command_named(parsed, "undang"):
        wanted.add(Need.INVITE_CODE)
    if command_named(parsed, "status"):
        wanted.add(Need.TEAM_NAMES)
    if command_named(parsed, "isi", "nihil") or (
        isinstance(parsed, Text) and (state is None or state.mode in _OPENING_MODES)
    ):
        wanted.add(Need.OTHERS)
    return frozenset(wanted)


def _may_ask_a_name(state: State | None) -> bool:
    """Whether the question this message answers, or the next one, may name a TUK or a scheme
    (a new entry begins after "Tambah ... lain?" or from the review)."""
    if state is None:
        return False
    if state.mode in (Mode.ADD_ANOTHER, Mode.REVIEW):
        return True
    section = BY_KEY.get(state.section or "")
    if section is None or state.field is None or state.mode not in (Mode.FILLING, Mode.EDITING):
        return False
    try:
        return section.question(state.field, entry=state.entry).names is not None
    except KeyError:
        return False
