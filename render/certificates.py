"""The certificate register as the reports print it: report B's counts by kind, route, scheme
and TUK, dates and validity per scheme, the list with each certificate's status and assessor,
re-certifications with the certificate they replace, revocations with their decision, the
issuances; report A's certificates per scheme; and the data trail of every register change."""

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from render import texts
from render.assessors import HAS_DATA, REGISTRATION, SCOPE, TiedAssessor
from render.crosscheck import Figure, cited
from render.filters import long_date, number, short_date, wita_datetime
from render.register_data import RegisterData
from render.report_data import RegisterPart, Tally, TallyRow, TrailRow
from storage.enums import Role
from storage.queries import MemberRecord
from storage.register import StoredCertificate, fold
from storage.register_history import CORRECTION, RegisterChange

KINDS = ("kualifikasi", "okupasi", "klaster", "unit", "")
ROUTES = ("reguler", "rcc", "rpl")


def register_part(data: RegisterData, tied: Sequence[TiedAssessor], today: date) -> RegisterPart:
    """What report B prints from the register (JSON-able, frozen with a final)."""
    issued = data.certificates
    revisions = {c.number for c in data.changes if c.kind == CORRECTION}
    kinds = [texts.kind_name(c.kind) for c in issued]
    routes = [texts.route_name(c.route) for c in issued]
    per_issuance = Counter(c.issuance for c in issued)
    return {
        "count": len(issued),
        "as_of": long_date(today),
        "by_kind": _counted(kinds, order=[texts.kind_name(k) for k in KINDS]),
        "by_route": _counted(routes, order=[texts.route_name(r) for r in ROUTES]),
        "by_scheme": _schemes(issued, data),
        "by_tuk": _counted([c.tuk or texts.NO_TUK for c in issued]),
        "issue_dates": [short_date(d) for d in sorted({c.issued_on for c in issued})],
        "rows": [_row(n, c, today, c.number in revisions) for n, c in enumerate(issued, 1)],
        "renewals": [_renewal(c, data.renewed.get(c.replaces)) for c in issued if c.replaces],
        "revocations": [_revocation(c) for c in data.revoked],
        "issuances": [
            _issuance(data.issuances[n], data.recorders, per_issuance[n]) for n in _numbers(data)
        ],
        "assessors": [_assessor(a, issued, data) for a in tied],
    }


def _numbers(data: RegisterData) -> list[int]:
    return sorted({c.issuance for c in data.certificates} & set(data.issuances))


def _counted(labels: list[str], order: Sequence[str] = ()) -> list[dict[str, str]]:
    counts = Counter(labels)
    ranked = [label for label in order if label in counts]
    ranked += [label for label, _n in counts.most_common() if label not in ranked]
    return [{"label": label, "count": number(counts[label])} for label in ranked]


def _span(days: list[date]) -> str:
    if not days:
        return texts.EMPTY
    first, last = min(days), max(days)
    return short_date(first) if first == last else f"{short_date(first)} s.d. {short_date(last)}"


def _schemes(issued: Sequence[StoredCertificate], data: RegisterData) -> list[dict[str, str]]:
    """Per scheme: its number, kind, count, validity and the range of issue and end dates."""
    grouped: dict[str, list[StoredCertificate]] = {}
    for c in issued:
        grouped.setdefault(c.scheme, []).append(c)
    rows = []
    for name, certificates in sorted(grouped.items(), key=lambda g: (-len(g[1]), g[0])):
        scheme = data.schemes.get(fold(name))
        rows.append({
            "label": name, "number": scheme.number if scheme and scheme.number else texts.EMPTY,
            "count": number(len(certificates)),
            "validity": texts.VALIDITY_YEARS.format(years=scheme.validity_years if scheme else 3),
            "issued": _span([c.issued_on for c in certificates]),
            "valid_until": _span([c.valid_until for c in certificates]),
        })  # fmt: skip
    return rows


def status_text(c: StoredCertificate, today: date) -> str:
    """'aktif', 'dicabut 15-12-2026', 'digantikan oleh ...' or 'kedaluwarsa'."""
    status = c.status(today)
    if status == "dicabut" and c.revoked_on is not None:
        return texts.STATUS_REVOKED.format(on=short_date(c.revoked_on))
    if status == "digantikan":
        return texts.STATUS_REPLACED.format(number=c.replaced_by)
    return status


def _row(position: int, c: StoredCertificate, today: date, corrected: bool) -> dict[str, Any]:
    source = texts.CERTIFICATE_SOURCE.format(issuance=c.issuance, row=c.source_row or "-")
    if corrected:
        source = texts.CERTIFICATE_SOURCE_REVISION.format(source=source, revision=c.revision)
    return {
        "no": position, "number": c.number, "holder": c.holder, "scheme": c.scheme,
        "kind": texts.kind_name(c.kind), "route": texts.route_name(c.route),
        "tuk": c.tuk or texts.EMPTY, "assessor": c.assessor or texts.EMPTY,
        "issued_on": short_date(c.issued_on), "valid_until": short_date(c.valid_until),
        "status": status_text(c, today), "revoked": c.revoked_on is not None, "source": source,
    }  # fmt: skip


def _renewal(c: StoredCertificate, old: StoredCertificate | None) -> dict[str, Any]:
    return {
        "number": c.number, "holder": c.holder, "issued_on": short_date(c.issued_on),
        "replaces": c.replaces,
        "old_scheme": old.scheme if old else texts.NOT_IN_REGISTER,
        "old_route": texts.route_name(old.route) if old else texts.EMPTY,
        "old_valid_until": short_date(old.valid_until) if old else texts.EMPTY,
    }  # fmt: skip


def _revocation(c: StoredCertificate) -> dict[str, Any]:
    return {
        "number": c.number, "holder": c.holder, "scheme": c.scheme,
        "revoked_on": short_date(c.revoked_on) if c.revoked_on else texts.EMPTY,
        "reason": c.revocation_reason or texts.EMPTY,
        "decision": c.revocation_decision or texts.NO_DECISION,
    }  # fmt: skip


def recorder(by: int | None, by_name: str | None, members: dict[int, MemberRecord]) -> str:
    """Who recorded a register change: the member, else the name typed at the server."""
    member = members.get(by or 0)
    if member is not None:
        return member.name
    return texts.SERVER_PERSON.format(name=by_name) if by_name else texts.CLI_RECORDER


def _issuance(issuance: Any, members: dict[int, MemberRecord], count: int) -> dict[str, Any]:
    return {
        "number": issuance.number, "file": issuance.file_name or texts.EMPTY,
        "sha": issuance.file_sha256 or texts.EMPTY,
        "by": recorder(issuance.recorded_by, issuance.recorded_by_name, members),
        "at": wita_datetime(issuance.recorded_at), "count": number(count),
        "recorded": number(issuance.certificates),
    }  # fmt: skip


def _assessor(
    tied: TiedAssessor, issued: Sequence[StoredCertificate], data: RegisterData
) -> dict[str, Any]:
    """An assessor on the certificates with the 3.2 data known: the period's (semester), or
    their latest sent (an issuance's edition), else what the register knows."""
    registration, scope, assessed = tied.answer(REGISTRATION), tied.answer(SCOPE), None
    note = texts.ASSESSOR_STATES.get(tied.state, tied.state)
    if tied.state == HAS_DATA:
        assessed = tied.answer("jumlah_asesi")
    elif data.issuance is not None:
        latest = data.latest_32.get(tied.member.id) if tied.member else None
        if latest is not None:
            registration = latest.answers.get(REGISTRATION)
            scope = latest.answers.get(SCOPE)
            note = texts.ASSESSOR_LATEST.format(semester=latest.semester, year=latest.year)
        else:
            note = texts.ASSESSOR_IN_SEMESTER_REPORT
    if scope is None:
        schemes = sorted({c.scheme for c in issued if c.assessor and fold(c.assessor) ==
                          fold(tied.name)})  # fmt: skip
        scope = texts.ASSESSOR_SCOPE_FROM_REGISTER.format(schemes=", ".join(schemes))
    return {
        "name": tied.name, "registration": registration or texts.EMPTY, "scope": scope,
        "certificates": number(tied.certificates),
        "assessed": number(assessed) if isinstance(assessed, int) else texts.EMPTY,
        "note": note,
    }  # fmt: skip


def scheme_tally(typed: dict[str, Figure], counted: dict[str, Figure], data: RegisterData) -> Tally:
    """Report A's certificates per scheme: every scheme 2.2 names or the register counts, the
    register's figure beside the typed one (a final prints one: they agree)."""
    rows: list[TallyRow] = []
    for key in sorted(typed.keys() | counted.keys(),
                      key=lambda k: (-(counted[k].value if k in counted else 0), k)):  # fmt: skip
        mine, theirs = typed.get(key), counted.get(key)
        scheme = data.schemes.get(key)
        register_count = theirs.value if theirs else 0
        typed_count = mine.value if mine and mine.given else None
        rows.append({
            "label": (theirs or mine).label,  # type: ignore[union-attr]
            "number": scheme.number if scheme and scheme.number else texts.EMPTY,
            "count": number(register_count),
            "typed": number(typed_count) if typed_count is not None else texts.EMPTY,
            "agree": typed_count == register_count,
        })  # fmt: skip
    issuances = {c.issuance for c in data.certificates}
    return {
        "title": texts.TALLY_TITLE,
        "rows": rows,
        "total": number(sum(f.value for f in counted.values())),
        "agree": all(row["agree"] for row in rows),
        "source": texts.TALLY_SOURCE.format(cited=cited(issuances)) if issuances
        else texts.TALLY_SOURCE_EMPTY,
    }  # fmt: skip


def issuance_trail(data: RegisterData, ref: str) -> list[TrailRow]:
    """One row per issuance the edition's certificates come from: the file, its SHA-256, who
    brought it in, how and when (`ref`: where the report uses them)."""
    rows = []
    for n in _numbers(data):
        issuance = data.issuances[n]
        count = sum(1 for c in data.certificates if c.issuance == n)
        value = texts.TRAIL_ISSUANCE_VALUE.format(
            count=number(count), file=issuance.file_name or texts.EMPTY,
            sha=issuance.file_sha256 or texts.EMPTY,
        )  # fmt: skip
        rows.append(_trail(ref.format(number=n), texts.TRAIL_ISSUANCE_ITEM, value,
                           issuance.recorded_by, issuance.recorded_by_name, data,
                           issuance.channel, issuance.recorded_at, "1"))  # fmt: skip
    return rows


def change_trail(data: RegisterData) -> list[TrailRow]:
    """One row per correction (old and new values) and per revocation (date, reason,
    decision) of the edition's certificates."""
    return [_change(change, data) for change in data.changes]


def _change(change: RegisterChange, data: RegisterData) -> TrailRow:
    ref = texts.TRAIL_CERTIFICATE_REF.format(number=change.number)
    if change.kind == CORRECTION:
        value = "; ".join(
            texts.TRAIL_CORRECTION_VALUE.format(field=texts.FIELD_NAMES.get(k, k),
                                                old=_shown(change.old.get(k)), new=_shown(v))
            for k, v in change.new.items()
        )  # fmt: skip
        return _trail(ref, texts.TRAIL_CORRECTION_ITEM, value, change.by, change.by_name, data,
                      change.channel, change.at, str(change.revision))  # fmt: skip
    new = change.new
    value = texts.TRAIL_REVOCATION_VALUE.format(
        on=short_date(new["revoked_on"]), reason=new["reason"],
        decision=new["decision"] or texts.NO_DECISION,
    )  # fmt: skip
    return _trail(ref, texts.TRAIL_REVOCATION_ITEM, value, change.by, change.by_name, data,
                  change.channel, change.at, texts.EMPTY)  # fmt: skip


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return short_date(value)
    if value is None or value == "":
        return texts.EMPTY
    return str(value)


def _trail(
    ref: str, item: str, value: str, by: int | None, by_name: str | None, data: RegisterData,
    channel: str, at: Any, revision: str,
) -> TrailRow:  # fmt: skip
    member = data.recorders.get(by or 0)
    role = texts.ROLE_NAMES[Role.ADMIN] if member and Role.ADMIN in member.roles else (
        texts.SERVER_ROLE if member is None else texts.EMPTY)  # fmt: skip
    return {
        "no": 0, "ref": ref, "item": item, "value": value,
        "by": recorder(by, by_name, data.recorders), "role": role,
        "channel": texts.CHANNEL_NAMES.get(channel, channel), "at": wita_datetime(at),
        "revision": revision,
    }  # fmt: skip


def long_dates(days: Sequence[date]) -> str:
    """'1 September 2026, 5 Oktober 2026' (an issuance edition's issue dates, in prose)."""
    return ", ".join(long_date(d) for d in sorted(set(days)))
