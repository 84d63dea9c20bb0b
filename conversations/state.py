"""Where a person is in their conversation; survives a JSON round trip."""

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

STATE_VERSION = 1


class Mode(StrEnum):
    """What the engine is waiting for."""

    MENU = "menu"
    FILLING = "filling"
    ADD_ANOTHER = "add_another"
    REVIEW = "review"
    PICK_EDIT = "pick_edit"
    PICK_DELETE = "pick_delete"
    CONFIRM_DELETE = "confirm_delete"
    EDITING = "editing"
    CONFIRM_NIHIL = "confirm_nihil"
    NIHIL_VIEW = "nihil_view"
    CONFIRM_VALUE = "confirm_value"
    REVOKE_NUMBER = "revoke_number"
    REVOKE_DATE = "revoke_date"
    REVOKE_REASON = "revoke_reason"
    REVOKE_DECISION = "revoke_decision"
    REVOKE_CONFIRM = "revoke_confirm"
    CARRY_TOP = "carry_top"  # last semester's section-level data: still the same?
    CARRY_ENTRY = "carry_entry"  # one of last semester's entries: same, changed or gone?
    EVIDENCE = "evidence"  # files for the answer just given (`pending`: how many so far)
    CHECK_LIST = "check_list"  # /periksa: which sent part to open (`pending`: their ids)
    CHECK_PART = "check_part"  # a part opened: Terima or Kembalikan (`pending`: its id)
    CHECK_FIELDS = "check_fields"  # which of its answers to return (`pending`: its id)
    CHECK_NOTE = "check_note"  # the note to its owner (`pending`: {"id", "fields"})


@dataclass(frozen=True)
class State:
    """The conversation position: mode, open section and the question being asked."""

    mode: Mode = Mode.MENU
    period: int = 0
    section: str | None = None
    entry: int = 0
    field: str | None = None
    closed: bool = False
    pending: Any = None  # an answer waiting for Ya/Tidak (CONFIRM_VALUE); a revocation
    editing: bool = False  # the pending answer replaces an earlier one
    # Last semester's data being offered (conversations/turn_carry.py): the entries still to
    # decide ("left"), and for an entry (or the section, 0) being changed, the stable answers
    # offered as "tetap: ..." ("entry", "offers": field -> [value, revision id]).
    carry: Any = None
    # A returned part being fixed: the flagged answers still to ask, [[entry, field], ...].
    fixing: Any = None

    def to_json(self) -> str:
        """Compact JSON for storage."""
        data = {key: value for key, value in asdict(self).items() if value not in (None, 0, False)}
        data["v"] = STATE_VERSION
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> "State":
        """Read stored JSON; anything unreadable or from another version starts at the menu."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
            if data.pop("v", None) != STATE_VERSION:
                return cls()
            return cls(**{**data, "mode": Mode(data.get("mode", Mode.MENU))})
        except (ValueError, TypeError):
            return cls()

    def at(self, mode: Mode, **changes: Any) -> "State":
        """A copy in another mode."""
        return replace(self, mode=mode, **changes)
