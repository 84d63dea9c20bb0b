"""What a reminder says: to a member (which sections, the deadline, a button per section) and
the admin's daily digest (who still owes what, who cannot be reached, what to do next)."""

from collections.abc import Sequence
from datetime import date

from bot import texts as common
from bot.certificates import texts as certificate_texts
from bot.reminders import texts
from conversations.display import format_date
from conversations.events import Gist, Option, Reply, SectionProgress
from conversations.forms.registry import BY_KEY
from conversations.progress import BELUM
from conversations.schema import Section
from conversations.texts import ROLE_NAMES
from storage.enums import ReminderKind
from storage.periods import WITA
from storage.reach import Unreachable
from storage.register import StoredCertificate

NAMES_SHOWN = 8
BUTTON_TITLE = 32


def when(day: date, today: date) -> str:
    """'3 hari lagi', 'besok', 'hari ini', 'sudah lewat 2 hari'."""
    days = (day - today).days
    if days == 0:
        return texts.WHEN_TODAY
    if days == 1:
        return texts.WHEN_TOMORROW
    if days > 1:
        return texts.WHEN_DAYS.format(days=days)
    return texts.WHEN_OVERDUE.format(days=-days)


def returned(
    *, key: str, period: str, by: str, note: str, fields: Sequence[str], deadline: date
) -> Reply:
    """To the owner of a part an admin returned: the note, what to fix, a Perbaiki button."""
    title = BY_KEY[key].title
    text = texts.RETURNED.format(key=key, title=title, period=period, by=by, note=note,
                                 fields=", ".join(fields))  # fmt: skip
    command = f"/perbaiki {key}"
    gist = Gist("", texts.RETURNED_SUBJECT.format(key=key, title=_short(title)),
                format_date(deadline), command)  # fmt: skip
    return Reply(text, (Option(command, texts.RETURNED_BUTTON.format(key=key)),), gist=gist)


def member_reminder(
    kind: ReminderKind,
    *,
    period: str,
    data_deadline: date,
    final_deadline: date,
    owed: Sequence[Section],
    today: date,
    confirmable: frozenset[str] = frozenset(),
    returned: dict[str, str] | None = None,
) -> Reply:
    """A reminder to one member about the sections they still owe (`confirmable`: those that
    offer last semester's answers to confirm; `returned`: those an admin returned, with the
    note)."""
    notes = returned or {}
    lines = "\n".join(
        texts.REMINDER_SECTION.format(key=s.key, title=s.title)
        + (texts.REMINDER_CONFIRMABLE if s.key in confirmable else "")
        + (texts.REMINDER_RETURNED.format(note=notes[s.key]) if s.key in notes else "")
        for s in owed
    )
    late = today > data_deadline
    template = texts.REMINDER_AFTER if late else texts.REMINDER_BEFORE
    text = template.format(
        period=period,
        deadline=format_date(data_deadline),
        when=when(data_deadline, today),
        final=format_date(final_deadline),
        sections=lines,
        first=owed[0].key,
    )
    if kind is ReminderKind.MANUAL:
        text = f"{texts.REMINDER_FROM_ADMIN}\n{text}"
    buttons = tuple(
        Option(f"/isi {s.key}", texts.REMINDER_BUTTON.format(key=s.key, title=_short(s.title)))
        for s in owed
    )
    subject = ", ".join(f"{s.key} {s.title}" for s in owed)
    gist = Gist("", subject, format_date(data_deadline), f"/isi {owed[0].key}")
    return Reply(text, buttons, gist=gist)


def digest(
    *,
    period: str,
    code: str,
    final_deadline: date,
    progress: Sequence[SectionProgress],
    unreachable: Sequence[Unreachable],
    today: date,
) -> Reply:
    """The admin's daily digest of a period whose final report is due."""
    parts = [
        texts.DIGEST.format(
            period=period, final=format_date(final_deadline), when=when(final_deadline, today)
        )
    ]
    open_sections = [p for p in progress if p.state == BELUM]
    if open_sections:
        lines = [_digest_line(p) for p in open_sections]
        parts.append(
            texts.DIGEST_OPEN.format(
                count=len(open_sections), total=len(progress), lines="\n".join(lines)
            )
        )
    if unreachable:
        lines = [
            texts.DIGEST_UNREACHABLE_LINE.format(
                name=person.name,
                reason=common.UNREACHABLE_REASONS.get(person.reason, common.UNREACHABLE_OTHER),
                since=format_date(person.since.astimezone(WITA).date()),
            )
            for person in unreachable
        ]
        parts.append(texts.DIGEST_UNREACHABLE.format(lines="\n".join(lines)))
    if open_sections:
        parts.append(texts.DIGEST_ASK.format(code=code))
        options: tuple[Option, ...] = (
            Option(f"/ingatkan {code}", texts.BUTTON_REMIND),
            Option(f"/draft {code}", texts.BUTTON_DRAFT),
        )
    else:
        parts.append(texts.DIGEST_COMPLETE.format(code=code))
        options = (Option(f"/final {code}", texts.BUTTON_FINAL),)
    subject = texts.GIST_DIGEST.format(period=period, open=len(open_sections))
    gist = Gist("", subject, format_date(final_deadline), options[-1].value)
    return Reply("\n\n".join(parts), options, gist=gist)


def _digest_line(progress: SectionProgress) -> str:
    section = BY_KEY[progress.section]
    if progress.nobody_holds_role:
        return texts.DIGEST_LINE_NOBODY.format(
            key=section.key, title=section.title, role=ROLE_NAMES[section.role]
        )
    names = ", ".join(progress.owed_by[:NAMES_SHOWN])
    if len(progress.owed_by) > NAMES_SHOWN:
        names = texts.DIGEST_MORE.format(names=names, more=len(progress.owed_by) - NAMES_SHOWN)
    return texts.DIGEST_LINE.format(key=section.key, title=section.title, names=names)


def _short(title: str) -> str:
    return title if len(title) <= BUTTON_TITLE else title[: BUTTON_TITLE - 1].rstrip() + "…"


EXPIRING_SHOWN = 30


def expiring(certificates: Sequence[StoredCertificate]) -> Reply:
    """The admin's monthly list of certificates whose validity ends within three months."""
    lines = [texts.EXPIRY_DIGEST.format(count=len(certificates))]
    for c in certificates[:EXPIRING_SHOWN]:
        until = format_date(c.valid_until)
        line = certificate_texts.EXPIRING_LINE.format(
            number=c.number, holder=c.holder, scheme=c.scheme, until=until
        )
        lines.append(line)
    if len(certificates) > EXPIRING_SHOWN:
        more = len(certificates) - EXPIRING_SHOWN
        lines.append(certificate_texts.EXPIRING_MORE.format(more=more))
    subject = texts.GIST_EXPIRING.format(count=len(certificates))
    first = format_date(min(c.valid_until for c in certificates))
    gist = Gist("", subject, first, "/kedaluwarsa")
    return Reply("\n".join(lines), (Option("/kedaluwarsa", texts.BUTTON_EXPIRING),), gist=gist)
