"""The certificate register as report B prints it: counts by kind, route, scheme and TUK,
issue dates and validity, the list, re-certifications, revocations, the assessors involved,
and a data-trail row for every certificate (issuance, file, row, who brought it in, when)."""

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from render import texts
from render.context import content_hash
from render.filters import long_date, number, short_date, wita_datetime
from storage import period_data, queries, register
from storage.enums import Role
from storage.queries import MemberRecord
from storage.register import IssuanceRecord, StoredCertificate

KINDS = ("unit", "klaster", "kualifikasi", "okupasi", "")
ROUTES = ("reguler", "rcc", "rpl")


def register_part(
    issued: Sequence[StoredCertificate],
    revoked: Sequence[StoredCertificate],
    issuances: dict[int, IssuanceRecord],
    members: dict[int, MemberRecord],
) -> dict[str, Any]:
    """What report B prints from the register (JSON-able, frozen with a final)."""
    kinds = [texts.KIND_NAMES.get(c.kind, c.kind) for c in issued]
    routes = [texts.ROUTE_NAMES.get(c.route, c.route) for c in issued]
    revocations = [
        _row(0, c)
        | {
            "revoked_on": long_date(c.revoked_on) if c.revoked_on else "",
            "reason": c.revocation_reason or "",
        }
        for c in revoked
    ]
    numbers = sorted({c.issuance for c in issued} & set(issuances))
    return {
        "count": len(issued),
        "by_kind": _counted(kinds, order=[texts.KIND_NAMES[k] for k in KINDS]),
        "by_route": _counted(routes, order=[texts.ROUTE_NAMES[r] for r in ROUTES]),
        "by_scheme": _counted([c.scheme for c in issued]),
        "by_tuk": _counted([c.tuk or texts.NO_TUK for c in issued]),
        "by_assessor": _counted([c.assessor or texts.NO_ASSESSOR for c in issued]),
        "issued_span": _span([c.issued_on for c in issued]),
        "valid_span": _span([c.valid_until for c in issued]),
        "rows": [_row(position, c) for position, c in enumerate(issued, start=1)],
        "renewals": [_row(0, c) | {"replaces": c.replaces} for c in issued if c.replaces],
        "revocations": revocations,
        "issuances": [_issuance(issuances[n], members) for n in numbers],
    }


def register_trail(
    issued: Sequence[StoredCertificate],
    issuances: dict[int, IssuanceRecord],
    members: dict[int, MemberRecord],
) -> list[dict[str, Any]]:
    """Jejak data of the certificates: one row per issuance (the file, its SHA-256, who
    brought it in, how and when); each certificate's row in the list names its issuance and
    its row in that file."""
    counts = Counter(c.issuance for c in issued)
    rows = []
    for number_ in sorted(counts):
        issuance = issuances.get(number_)
        if issuance is None:
            continue
        member = members.get(issuance.recorded_by or 0)
        value = texts.TRAIL_ISSUANCE_VALUE.format(
            count=number(counts[number_]), file=issuance.file_name or texts.EMPTY,
            sha=issuance.file_sha256 or texts.EMPTY,
        )  # fmt: skip
        rows.append(
            {
                "ref": texts.TRAIL_ISSUANCE_REF.format(number=number_),
                "item": texts.TRAIL_ISSUANCE_ITEM,
                "value": value,
                "by": member.name if member else texts.CLI_RECORDER,
                "role": texts.ROLE_NAMES[Role.ADMIN],
                "channel": texts.CHANNEL_NAMES.get(issuance.channel, issuance.channel),
                "at": wita_datetime(issuance.recorded_at),
                "revision": "1",
            }
        )
    return rows


def _counted(labels: list[str], order: Sequence[str] = ()) -> list[dict[str, str]]:
    counts = Counter(labels)
    ranked = [label for label in order if label in counts]
    ranked += [label for label, _n in counts.most_common() if label not in ranked]
    return [{"label": label, "count": number(counts[label])} for label in ranked]


def _span(days: list[date]) -> str:
    if not days:
        return texts.EMPTY
    first, last = min(days), max(days)
    return long_date(first) if first == last else f"{long_date(first)} – {long_date(last)}"


def _row(position: int, c: StoredCertificate) -> dict[str, Any]:
    return {
        "no": position,
        "number": c.number,
        "holder": c.holder,
        "scheme": c.scheme,
        "kind": texts.KIND_NAMES.get(c.kind, c.kind),
        "route": texts.ROUTE_NAMES.get(c.route, c.route),
        "tuk": c.tuk or texts.EMPTY,
        "issued_on": short_date(c.issued_on),
        "valid_until": short_date(c.valid_until),
        "source": texts.CERTIFICATE_SOURCE.format(issuance=c.issuance, row=c.source_row or "-"),
    }


def _issuance(issuance: IssuanceRecord, members: dict[int, MemberRecord]) -> dict[str, Any]:
    member = members.get(issuance.recorded_by or 0)
    return {
        "number": issuance.number,
        "file": issuance.file_name or texts.EMPTY,
        "sha": issuance.file_sha256 or texts.EMPTY,
        "by": member.name if member else texts.CLI_RECORDER,
        "at": wita_datetime(issuance.recorded_at),
        "count": number(issuance.certificates),
    }


def add_register(
    session: Session, ctx: dict[str, Any], *, start: date, end: date, issuance: int | None
) -> None:
    """Put the register's part into a report B context built from the 3.2 answers: the
    semester's certificates (or one issuance's), its revocations, and their data trail; the
    fingerprint is taken again over the whole content."""
    if issuance is None:
        issued = register.certificates_issued(session, start=start, end=end)
        revoked = register.revoked_between(session, start=start, end=end)
    else:
        issued = register.certificates_of_issuance(session, number=issuance)
        revoked = [c for c in issued if c.revoked_on is not None]
    numbers = {c.issuance for c in issued}
    records = register.issuances(session, numbers=numbers)
    ids = {r.recorded_by for r in records.values() if r.recorded_by is not None}
    members = period_data.members(session, ids=ids)
    content = ctx["content"]
    content["register"] = register_part(issued, revoked, records, members)
    trail = [*content["trail"], *register_trail(issued, records, members)]
    for position, row in enumerate(trail, start=1):
        row["no"] = position
    content["trail"] = trail
    content["issuance"] = None
    if issuance is not None:
        record = records.get(issuance)
        content["issuance"] = {
            "number": issuance,
            "title": texts.ISSUANCE_TITLE.format(number=issuance),
            "file": record.file_name if record and record.file_name else texts.EMPTY,
        }
        if ctx["document"]["kind"] == "final":
            profile = queries.profile(session)
            prefix = profile.document_prefix if profile else "LSP"
            period = content["period"]
            ctx["document"]["number"] = texts.ISSUANCE_NUMBER.format(
                prefix=prefix, number=issuance, semester=period["semester"], year=period["year"]
            )
    ctx["document"]["content_sha256"] = content_hash(content)


def count_from_register(session: Session, ctx: dict[str, Any], *, start: date, end: date) -> None:
    """Report A's certificates per scheme (2.2) from the register when it holds any of the
    semester's certificates; otherwise the typed numbers stay. The tally says which."""
    tallies = [
        chapter["table"]["tally"]
        for chapter in ctx["content"]["chapters"]
        if (chapter.get("table") or {}).get("tally") is not None
    ]
    if not tallies:
        return
    counts = register.counts_by_scheme(session, start=start, end=end)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    for tally in tallies:
        if not counts:
            tally["source"] = texts.TALLY_SOURCE_TYPED
            continue
        tally["rows"] = [{"label": name, "count": number(n)} for name, n in ranked]
        tally["total"] = number(sum(counts.values()))
        tally["source"] = texts.TALLY_SOURCE_REGISTER
    ctx["document"]["content_sha256"] = content_hash(ctx["content"])
