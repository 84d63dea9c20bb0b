"""Hostile answers typed into every kind of question never break a draft, a final or the
export, and every stored value is in them as stored (unprintable characters as [U+XXXX])."""

import io
import unicodedata

from openpyxl import load_workbook
from sqlalchemy import select

from render.values import printable, safe_text
from storage.db import session_scope
from storage.enums import Role
from storage.models import Answer, Member, Submission
from tests.helpers import SEMESTER_OVER, Chat, complete_profile
from tests.reporting import nihil, pdf_text

HOSTILE = [
    "\x00NUL di depan",
    "kontrol \x07\x08\x1b[31m merah\x7f dan \x85",
    "arah \u202ekiri\u202c dan \u200ftanda\u200e",
    "emoji 🏫👍🏽👨‍👩‍👧 ☎️",
    "<b>tebal</b><script>alert(1)</script>&amp; <img src=x>",
    "file:///etc/passwd",
    "http://127.0.0.1:9/gambar.png",
    "'; DROP TABLE answer; --",
    "1e30",
    "10^30",
    "1" + "0" * 30,
    "x" * 4096,
    "y" * 10000,
    "مرحبا بالعالم",
    "漢字テスト",
]
APOLOGY = "Maaf, terjadi gangguan"
TEXT_FIELDS = ("nama", "lokasi", "ruang_lingkup", "perkembangan", "rencana")


def say(chat: Chat, user: str, text: str) -> str:
    reply = chat.say(user, text)
    assert reply and APOLOGY not in reply, (text[:40], reply[:200])
    return reply


REFUSED = ("tidak boleh kosong", "terlalu panjang", "Tulis satu angka", "Angka paling",
           "tidak dikenali", "Tulis tahun", "tidak ada di bulan", "tidak ada di pilihan",
           "Jawab dengan ya", "wajib dijawab")  # fmt: skip


def answer(chat: Chat, user: str, hostile: str, fallback: str) -> None:
    """Type the hostile text; when it is refused with a message, type the fallback."""
    reply = say(chat, user, hostile)
    if any(reason in reply for reason in REFUSED):
        say(chat, user, fallback)


def stored_strings(chat: Chat) -> list[str]:
    with session_scope(chat.db) as session:
        values = session.execute(
            select(Answer.value)
            .join(Submission, Submission.id == Answer.submission_id)
            .join(Member, Member.id == Submission.member_id)
            .where(Member.name == "Siti", Answer.field.in_(TEXT_FIELDS))  # type: ignore[attr-defined]
        ).scalars()
        return [v for v in values if isinstance(v, str)]


def test_hostile_answers_in_every_question_type(chat: Chat) -> None:
    complete_profile(chat.db)
    chat.clock.now = SEMESTER_OVER
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti")
    chat.join("dedi", Role.SURVEILAN, "Dedi")
    say(chat, "siti", "/menu")
    say(chat, "siti", "1")
    for n, hostile in enumerate(HOSTILE):
        answer(chat, "siti", hostile, f"TUK panjang {n}")  # text
        answer(chat, "siti", hostile, "Bima")  # text
        answer(chat, "siti", hostile, "1")  # choice
        say(chat, "siti", "1")  # terverifikasi
        answer(chat, "siti", hostile, "12-08-2026")  # date
        say(chat, "siti", hostile)  # text while evidence is awaited: a file is asked for
        say(chat, "siti", "/lewati")  # no berita acara at hand
        answer(chat, "siti", hostile, "Skema")  # long text
        answer(chat, "siti", hostile, "/lewati")  # integer
        answer(chat, "siti", hostile, "Baik")  # long text
        last = n == len(HOSTILE) - 1
        answer(chat, "siti", hostile, "tidak" if last else "ya")  # yes/no: another TUK?
    say(chat, "siti", HOSTILE[4])  # rencana
    assert "terkirim" in say(chat, "siti", "1")
    say(chat, "dedi", "/menu")
    say(chat, "dedi", "1")
    for hostile in HOSTILE:  # multiple choice refuses them all, and asks again
        assert "Boleh lebih dari satu" in say(chat, "dedi", hostile)
    for line in ("1,3", "kualifikasi", "40", "1 Agustus 2026", "30-09-2026", "/lewati", "tidak",
                 HOSTILE[0], "1"):  # fmt: skip
        say(chat, "dedi", line)
    for section in ("2.2", "2.3", "2.4", "2.7"):
        nihil(chat, "admin", section)
    values = stored_strings(chat)
    assert "\x00NUL di depan" in values and "y" * 10000 not in values  # stored exactly, or refused

    assert "Draf" in say(chat, "admin", "/draft")
    draft = chat.documents[-1].data
    assert "versi 1 dibuat" in say(chat, "admin", "/final")
    final = chat.documents[-1].data
    say(chat, "admin", "/ekspor")
    book = load_workbook(io.BytesIO(chat.documents[-1].data))

    cells = {c.value for sheet in book for row in sheet.iter_rows() for c in row}
    for document in (draft, final):
        text = _squeezed(pdf_text(document))
        for value in values:
            assert _squeezed(printable(value)) in text, value[:60]
    for value in values:
        assert safe_text(value) in cells, value[:60]
    assert "[U+0000]NUL di depan" in cells


def _squeezed(text: str) -> str:
    """Without whitespace (text wraps anywhere), in compatibility form (Arabic is printed with
    its letters shaped: presentation forms, which NFKC maps back to the letters typed)."""
    return "".join(unicodedata.normalize("NFKC", text).split())
