"""Closed vocabularies stored in the database."""

from enum import StrEnum


class Role(StrEnum):
    """What a member does in the LSP; a member may hold several."""

    ADMIN = "admin"
    KOMITE_SKEMA = "komite_skema"
    KOORDINATOR_TUK = "koordinator_tuk"
    ASESOR = "asesor"
    SURVEILAN = "surveilan"


class Semester(StrEnum):
    """Half of a year: I is January-June, II is July-December."""

    I = "I"  # noqa: E741
    II = "II"


class SubmissionStatus(StrEnum):
    """Where one member's part of a section stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    NIHIL = "nihil"
    RETURNED = "returned"  # sent, then returned by an admin with a note: owed again
    ACCEPTED = "accepted"  # sent and accepted by an admin


# Sent, whatever an admin has made of it since: its answers are the report's.
SENT = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED)
# Closed for reminders and progress: sent and not returned, or declared to have nothing.
CLOSED = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED, SubmissionStatus.NIHIL)


# The reserved answer field that marks a repeated entry as deleted (value True); the entry's
# other answers stay stored for the trail, and reports skip the entry.
DELETED_ENTRY = "_dihapus"


class ReminderKind(StrEnum):
    """Why people are reminded at an occasion."""

    BEFORE = "before"  # days before the data deadline
    AFTER = "after"  # days after the data deadline, to those still missing
    DIGEST = "digest"  # the admin's daily digest before the final report is due
    MANUAL = "manual"  # an admin's /ingatkan
    EXPIRING = "expiring"  # the admin's monthly list of certificates about to expire
    RETURNED = "returned"  # a part an admin returned: its owner is told, with the note


class ReminderState(StrEnum):
    """Where one reminder stands; only PENDING (when due) and an expired CLAIMED are picked up."""

    PENDING = "pending"
    CLAIMED = "claimed"  # taken by one sender, not yet attempted
    SENDING = "sending"  # handed to the channel; if its sender died, nobody knows: never resent
    SENT = "sent"
    NOT_NEEDED = "not_needed"  # everything was sent or declared nihil before it went out
    EXPIRED = "expired"  # no longer useful (the deadline it warned about passed)
    UNREACHABLE = "unreachable"  # the person blocked the bot, or has no channel to push to
    UNCERTAIN = "uncertain"  # its sender stopped mid-send: perhaps delivered, never repeated
