"""The conversation service: the only part of conversations/ that touches the database.

For each message (handling.py): drop it if its id was applied before, find who sent it, load
what the engine may read (loading.py), run the engine, store its effects (effects.py) and the
new state, and commit once. Invites (invites.py) and which period applies (periods.py) are its
own too.
"""

from conversations.service.handling import ConversationService
from conversations.service.invites import create_invite, new_invite_code
from conversations.service.message import Message
from conversations.service.periods import (
    Purpose,
    applicable,
    collecting_period,
    ensure_periods,
    member_period,
    period_label,
    reporting_period,
    semester_pair,
)

__all__ = [
    "ConversationService",
    "Message",
    "Purpose",
    "applicable",
    "collecting_period",
    "create_invite",
    "ensure_periods",
    "member_period",
    "new_invite_code",
    "period_label",
    "reporting_period",
    "semester_pair",
]
