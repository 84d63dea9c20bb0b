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


# The reserved answer field that marks a repeated entry as deleted (value True); the entry's
# other answers stay stored for the trail, and reports skip the entry.
DELETED_ENTRY = "_dihapus"
