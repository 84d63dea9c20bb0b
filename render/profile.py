"""The LSP's profile as the reports print it, and what a final may not be made without."""

from typing import Any

from render import texts
from render.report_data import MissingField
from storage.models import DEFAULT_DISTRIBUTION, LspProfile

# Names lsp-bot gives before anyone sets the profile: printed on a final they would mislead.
PLACEHOLDER_NAMES = frozenset({"", "lsp", "lsp-p1"})
PLACEHOLDER_PREFIXES = frozenset({"", "lsp"})


def lsp_profile(profile: LspProfile | None) -> dict[str, Any]:
    """The profile as plain values (a database without one reads as empty)."""
    return {
        "name": profile.name if profile else "LSP",
        "address": profile.address if profile else "",
        "licence_number": profile.licence_number if profile else "",
        "city": profile.city if profile else "",
        "prefix": profile.document_prefix if profile else "LSP",
        "distribution": list(profile.distribution if profile else DEFAULT_DISTRIBUTION),
        "manager_name": profile.manager_name if profile else "",
        "manager_number": profile.manager_number if profile else "",
        "chair_name": profile.chair_name if profile else "",
        "chair_number": profile.chair_number if profile else "",
    }


def missing_fields(lsp: dict[str, Any]) -> list[MissingField]:
    """What a final needs from the profile and it lacks, each with how to set it."""
    unset = {
        "name": lsp["name"].strip().casefold() in PLACEHOLDER_NAMES,
        "licence_number": not lsp["licence_number"].strip(),
        "prefix": lsp["prefix"].strip().casefold() in PLACEHOLDER_PREFIXES,
        "city": not lsp["city"].strip(),
        "chair_name": not lsp["chair_name"].strip(),
        "manager_name": not lsp["manager_name"].strip(),
    }
    return [
        {"field": label, "chat": chat, "cli": cli}
        for key, (label, chat, cli) in texts.PROFILE_FIELDS.items()
        if unset[key]
    ]
