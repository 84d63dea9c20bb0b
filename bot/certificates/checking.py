"""A certificate list checked row by row against itself and the register: every problem as
'baris N, kolom X: ...', near-miss names as warnings, identical rows as already stored."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from bot.certificates import texts
from bot.certificates.reading import Cell, Table
from conversations.parsing import Rejected, parse_date
from conversations.texts import INVALID_MESSAGES, MONTHS
from storage.register import StoredCertificate, fold
from storage.register_models import DEFAULT_VALIDITY_YEARS

# Column -> the header words that name it, folded (case, spaces, underscores, dots ignored).
COLUMNS = {
    "number": ("nomorsertifikat", "nosertifikat", "nosert", "nomor", "nomorsert", "sertifikat",
               "nomorregistrasisertifikat", "certificatenumber"),
    "holder": ("namapemegang", "pemegang", "pemegangsertifikat", "namaasesi", "asesi",
               "namapeserta", "peserta", "nama", "namalengkap"),
    "scheme": ("skema", "namaskema", "skemasertifikasi"),
    "issued_on": ("tanggalterbit", "tglterbit", "tanggalpenerbitan", "terbit", "tanggal",
                  "tanggalsertifikat", "tgl"),
    "kind": ("jenis", "jenissertifikat", "jenisskema"),
    "route": ("jalur", "jalursertifikasi", "jalursertifikat"),
    "tuk": ("tuk", "namatuk", "tempatuji", "tempatujikompetensi"),
    "assessor": ("asesor", "namaasesor"),
    "valid_until": ("berlakusampai", "masaberlaku", "berlakuhingga", "sampai",
                    "tanggalkedaluwarsa", "kedaluwarsa", "berlakusd"),
    "replaces": ("menggantikan", "sertifikatlama", "nomorlama", "menggantikannomor"),
}  # fmt: skip
REQUIRED = ("number", "holder", "scheme", "issued_on")
KINDS = {
    "unit": ("unit", "unitkompetensi", "uk"),
    "klaster": ("klaster", "paket", "klasterpaket", "paketkompetensi", "cluster"),
    "kualifikasi": ("kualifikasi", "kkni"),
    "okupasi": ("okupasi",),
}
ROUTES = {"reguler": ("reguler", "regular", "biasa"), "rcc": ("rcc",), "rpl": ("rpl",)}
MAX_ERRORS = 30
SIMILAR = 0.85
_FOLD = re.compile(r"[\s_.\-/]+")


def header_key(text: str) -> str:
    """A header as COLUMNS lists it."""
    return _FOLD.sub("", text).casefold()


@dataclass(frozen=True)
class NewCertificate:
    """A row that will become a certificate."""

    row: int
    number: str
    holder: str
    scheme: str
    kind: str
    route: str
    tuk: str | None
    assessor: str | None
    issued_on: date
    valid_until: date
    replaces: str | None


@dataclass(frozen=True)
class Register:
    """What the register already holds that a file is checked against."""

    stored: dict[str, StoredCertificate]
    names: dict[str, dict[str, str]]
    validity: dict[str, int]


@dataclass
class Plan:
    """The outcome of checking: new certificates, or the problems that stop the import."""

    new: list[NewCertificate] = field(default_factory=list)
    already: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds what (first match wins), and the headers nobody knows."""
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        key = header_key(title)
        name = next((n for n, words in COLUMNS.items() if key in words), None)
        if name is not None and name not in found:
            found[name] = index
        elif title:
            ignored.append(title)
    return found, ignored


def numbers_in(table: Table) -> list[str]:
    """The certificate numbers a file names, its own and those it renews (to load what the
    register has of them)."""
    found, _ignored = columns(table.header)
    numbers: list[str] = []
    for name in ("number", "replaces"):
        if name in found:
            index = found[name]
            numbers += [_text(row[index]) for _n, row in table.rows
                        if index < len(row) and _text(row[index])]  # fmt: skip
    return numbers


def check(table: Table, register: Register) -> Plan:
    """Every row checked; nothing is stored by this."""
    found, ignored = columns(table.header)
    plan = Plan(ignored=ignored)
    plan.missing = [texts.IMPORT_COLUMN_NAMES[name] for name in REQUIRED if name not in found]
    if plan.missing:
        return plan
    titles = {name: table.header[index] for name, index in found.items()}
    seen: dict[str, int] = {}
    names = {kind: dict(known) for kind, known in register.names.items()}
    for number, row in table.rows:
        values = {name: row[index] if index < len(row) else None for name, index in found.items()}
        problems: list[str] = []
        certificate = _row(number, values, titles, register, problems)
        if certificate is not None:
            first = seen.setdefault(certificate.number, number)
            if first != number:
                problems.append(
                    _at(number, titles["number"], texts.IMPORT_SAME_AS.format(row=first))
                )
            elif _against_register(certificate, register, titles, problems):
                plan.already += 1
                continue
        if problems:
            plan.errors += problems
            continue
        assert certificate is not None
        plan.warnings += _similar(certificate, names, titles)
        plan.new.append(certificate)
    in_file = {c.number: c for c in plan.new}
    for certificate in plan.new:
        plan.warnings += _renewal(certificate, register, in_file, titles)
        plan.warnings += _validity(certificate, register, titles)
    return plan


def _at(row: int, column: str, message: str) -> str:
    return texts.IMPORT_AT.format(row=row, column=column, message=message)


def _text(cell: Cell) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def _row(
    number: int, values: dict[str, Cell], titles: dict[str, str], register: Register,
    problems: list[str],
) -> NewCertificate | None:  # fmt: skip
    for name in REQUIRED:
        if not _text(values[name]):
            problems.append(_at(number, titles[name], texts.IMPORT_REQUIRED))
    issued = _date(values["issued_on"]) if _text(values["issued_on"]) else None
    if isinstance(issued, Rejected):
        problems.append(_at(number, titles["issued_on"], _rejected(issued)))
    until = _date(values.get("valid_until")) if _text(values.get("valid_until")) else None
    if isinstance(until, Rejected):
        problems.append(_at(number, titles["valid_until"], _rejected(until)))
    kind = _word(values.get("kind"), KINDS, number, titles.get("kind"), problems, "kinds")
    route = _word(values.get("route"), ROUTES, number, titles.get("route"), problems, "routes")
    if problems or not isinstance(issued, date):
        return None
    scheme = _text(values["scheme"])
    if until is None:
        years = register.validity.get(fold(scheme), DEFAULT_VALIDITY_YEARS)
        until = _add_years(issued, years)
    assert isinstance(until, date)
    if until < issued:
        problems.append(_at(number, titles["valid_until"], texts.IMPORT_BEFORE_ISSUE.format(
            until=_long(until), issued=_long(issued))))  # fmt: skip
        return None
    return NewCertificate(
        row=number, number=_text(values["number"]), holder=_text(values["holder"]),
        scheme=scheme, kind=kind or "", route=route or "reguler",
        tuk=_text(values.get("tuk")) or None, assessor=_text(values.get("assessor")) or None,
        issued_on=issued, valid_until=until, replaces=_text(values.get("replaces")) or None,
    )  # fmt: skip


def _date(cell: Cell) -> date | Rejected:
    if isinstance(cell, date):
        return cell
    return parse_date(_text(cell))


def _rejected(rejected: Rejected) -> str:
    return INVALID_MESSAGES[rejected.code].format(**rejected.params)


def _word(
    cell: Cell, vocabulary: dict[str, tuple[str, ...]], number: int, column: str | None,
    problems: list[str], which: str,
) -> str | None:  # fmt: skip
    text = _text(cell)
    if not text or column is None:
        return None
    key = header_key(text)
    for value, words in vocabulary.items():
        if key in words:
            return value
    accepted = texts.IMPORT_KINDS if which == "kinds" else texts.IMPORT_ROUTES
    problems.append(_at(number, column, texts.IMPORT_UNKNOWN_WORD.format(
        given=text, accepted=accepted)))  # fmt: skip
    return None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _against_register(
    new: NewCertificate, register: Register, titles: dict[str, str], problems: list[str]
) -> bool:
    """True when the register holds exactly this certificate (then the row is skipped)."""
    stored = register.stored.get(new.number)
    if stored is None:
        return False
    if _same(new, stored):
        return True
    problems.append(_at(new.row, titles["number"], texts.IMPORT_ALREADY_OTHER.format(
        issuance=stored.issuance, row=stored.source_row or "-", holder=stored.holder)))  # fmt: skip
    return False


def _same(new: NewCertificate, stored: StoredCertificate) -> bool:
    def names(value: str | None) -> str:
        return fold(value or "")

    return (
        names(new.holder) == names(stored.holder)
        and names(new.scheme) == names(stored.scheme)
        and (new.kind, new.route, new.issued_on, new.valid_until)
        == (stored.kind, stored.route, stored.issued_on, stored.valid_until)
        and names(new.tuk) == names(stored.tuk)
        and names(new.assessor) == names(stored.assessor)
        and (new.replaces or None) == (stored.replaces or None)
    )


def _similar(
    new: NewCertificate, names: dict[str, dict[str, str]], titles: dict[str, str]
) -> list[str]:
    """A scheme or TUK written almost, but not quite, like a known one."""
    warnings: list[str] = []
    for kind, value in (("scheme", new.scheme), ("tuk", new.tuk)):
        if not value:
            continue
        known = names.setdefault(kind, {})
        key = fold(value)
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=SIMILAR)
            if close:
                message = texts.IMPORT_SIMILAR.format(given=value, known=known[close[0]])
                warnings.append(_at(new.row, titles[kind], message))
            known[key] = value
    return warnings


def _renewal(
    new: NewCertificate, register: Register, in_file: dict[str, NewCertificate],
    titles: dict[str, str],
) -> list[str]:  # fmt: skip
    """A renewed number the register does not hold, or one still valid past the new issue."""
    if not new.replaces:
        return []
    old = register.stored.get(new.replaces) or in_file.get(new.replaces)
    column = titles["replaces"]
    if old is None:
        return [_at(new.row, column, texts.IMPORT_RENEWS_UNKNOWN.format(number=new.replaces))]
    if old.valid_until > new.issued_on:
        message = texts.IMPORT_RENEWS_VALID.format(number=new.replaces,
                                                   until=_long(old.valid_until))  # fmt: skip
        return [_at(new.row, column, message)]
    return []


def _validity(new: NewCertificate, register: Register, titles: dict[str, str]) -> list[str]:
    """A validity longer than the scheme's."""
    years = register.validity.get(fold(new.scheme), DEFAULT_VALIDITY_YEARS)
    if new.valid_until <= _add_years(new.issued_on, years) or "valid_until" not in titles:
        return []
    message = texts.IMPORT_LONGER_THAN_SCHEME.format(until=_long(new.valid_until), years=years)
    return [_at(new.row, titles["valid_until"], message)]


def summary_lines(items: list[str]) -> list[str]:
    """At most MAX_ERRORS lines, and how many more there are."""
    lines = items[:MAX_ERRORS]
    if len(items) > MAX_ERRORS:
        lines.append(texts.IMPORT_MORE.format(more=len(items) - MAX_ERRORS))
    return lines
