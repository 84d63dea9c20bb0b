"""The LSP profile as reports print it (name, licence, address, city, document prefix,
distribution and the two signatories), shown and changed from the chat or the CLI; every
change is written to the change log."""

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from bot import texts as common
from bot.members import texts
from storage import members, queries, writes
from storage.db import session_scope
from storage.types import utcnow

# What the admin types after /profil, and the profile field it sets.
PROFILE_WORDS = {
    "nama": "name", "alamat": "address", "lisensi": "licence_number", "kota": "city",
    "awalan": "document_prefix", "distribusi": "distribution", "manajer": "manager_name",
    "nip-manajer": "manager_number", "ketua": "chair_name", "nip-ketua": "chair_number",
}  # fmt: skip
LIMIT = 300


def show_profile(db: Engine) -> str:
    """The profile as the reports use it."""
    with session_scope(db) as session:
        profile = queries.profile(session)
        if profile is None:
            profile = writes.ensure_profile(session, name="LSP", now=utcnow())
        return texts.PROFILE_SHOWN.format(
            name=profile.name,
            address=profile.address or "-",
            licence_number=profile.licence_number or "-",
            city=profile.city or "-",
            document_prefix=profile.document_prefix,
            distribution="; ".join(profile.distribution),
            manager=_person(profile.manager_name, profile.manager_number),
            chair=_person(profile.chair_name, profile.chair_number),
        )


def _person(name: str, number: str) -> str:
    if not name:
        return texts.PROFILE_NOBODY
    return f"{name} ({number})" if number else name


def change_profile(
    db: Engine, changes: dict[str, Any], *, by: int | None, channel: str, now: datetime
) -> str:
    """Apply the given (non-None) changes, log each, and show the profile again."""
    cleaned: dict[str, Any] = {}
    for field, value in changes.items():
        if value is None:
            continue
        if field == "distribution":
            parts = value if isinstance(value, list) else str(value).split(";")
            value = [" ".join(p.split()) for p in parts if p.strip()]
            if not value:
                return common.PROFILE_BAD_VALUE
        else:
            value = " ".join(str(value).split())
            if len(value) > LIMIT or not value.isprintable() or (field == "name" and not value):
                return common.PROFILE_BAD_VALUE
        cleaned[field] = value
    with session_scope(db) as session:
        before = writes.ensure_profile(session, name="LSP", now=now)
        old = {field: getattr(before, field) for field in cleaned}
        writes.update_profile(session, now=now, **cleaned)
        for field, value in cleaned.items():
            if old[field] != value:
                members.record_change(session, subject="profile", key=field, action="set",
                                      old=old[field], new=value, by=by, channel=channel,
                                      now=now)  # fmt: skip
        session.commit()
    return show_profile(db)
