"""Helpers for report tests: fill sections the way people do, and read PDFs back."""

import io

from pypdf import PdfReader

from conversations.events import Document
from render.pdf_text import page_texts
from storage import queries
from storage.db import session_scope
from storage.enums import Role
from tests.helpers import Chat
from tests.test_transcripts import CASES

USERS = {
    Role.KOMITE_SKEMA: ("rina", "Rina Komite"),
    Role.KOORDINATOR_TUK: ("siti", "Siti Aminah"),
    Role.SURVEILAN: ("dedi", "Dedi Surveilan"),
}


def fill(chat: Chat, *sections: str) -> None:
    """Answer and send these sections as their golden transcripts do (joining as needed)."""
    for key in sections:
        role, _name, lines, _expected = CASES[key]
        if role is Role.ADMIN:
            chat.script("admin", lines)
            continue
        user, name = USERS[role]
        if not _joined(chat, user):
            chat.join(user, role, name)
        chat.script(user, lines)


def _joined(chat: Chat, user: str) -> bool:
    with session_scope(chat.db) as session:
        return queries.member_by_identity(session, key=f"console:{user}") is not None


def nihil(chat: Chat, user: str, section: str) -> str:
    """Declare a section nihil and confirm."""
    chat.say(user, f"/nihil {section}")
    return chat.say(user, "ya")


def last_document(chat: Chat) -> Document:
    """The newest document the bot sent."""
    assert chat.documents, "no document was sent"
    return chat.documents[-1]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page."""
    return page_texts(data)


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined."""
    return "\n".join(page_texts(data))


def page_count(data: bytes) -> int:
    """Number of pages."""
    return len(PdfReader(io.BytesIO(data)).pages)


def fonts(data: bytes) -> set[str]:
    """Base names of the fonts a PDF uses."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in resources.get_object().get("/Font", {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def one_line(text: str) -> str:
    """Text with every run of whitespace made one space (PDF text wraps anywhere)."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text without any whitespace: long words are split to wrap, so compare without it."""
    return "".join(text.split())
