"""Pure translation between lsp-bot replies and WhatsApp messages, within Meta's limits: up to 3
options as reply buttons (titles of 20 characters), up to 10 as a list (rows of 24, the full
label in the row's description of 72), more (or several at once) as numbered text answered by
number; bodies of 1,024 and texts of 4,096 characters, split where longer. No network here.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from bot.channels import texts
from bot.channels.pieces import split_text
from conversations.events import Document, Option, Reply

MAX_TEXT = 4096
MAX_BODY = 1024
MAX_CAPTION = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_LIST_BUTTON = 20
MAX_ID = 200  # a list row's id (a reply button's may be 256)
MAX_DOCUMENT_BYTES = 100_000_000


@dataclass(frozen=True)
class Piece:
    """One WhatsApp message, without its recipient: `content` is the type and its object; a
    document is uploaded first and its media id put in; `live`: its buttons answer the current
    question."""

    content: dict[str, Any]
    document: Document | None = None
    live: bool = False


def text_piece(text: str) -> Piece:
    """A plain text message (at most 4,096 characters)."""
    return Piece({"type": "text", "text": {"body": text, "preview_url": False}})


def texts_of(text: str) -> list[Piece]:
    """A text of any length as text messages."""
    return [text_piece(part) for part in split_text(text, MAX_TEXT)]


def invite_link(number: str, code: str) -> str:
    """The wa.me link that opens a chat with the bot and the registration command typed."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"https://wa.me/{digits}?text={quote('/start ' + code, safe='')}"


def shorten(label: str, limit: int) -> str:
    """The label, cut with an ellipsis to at most `limit` characters."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def option_id(option: Option, number: int) -> str:
    """What a press sends back: a command ('c:/isi 2.5', valid whenever pressed), the option's
    value, or its number when the value is too long."""
    if option.value.startswith("/") and len(option.value) + 2 <= MAX_ID:
        return f"c:{option.value}"
    data = f"v:{option.value}"
    return data if len(data) <= MAX_ID else f"n:{number}"


def parse_option_id(data: str) -> tuple[str, str] | None:
    """('command' | 'answer', text to hand on) for an id lsp-bot made; None for anything else."""
    kind, _, value = data.partition(":")
    if kind == "c" and value.startswith("/"):
        return "command", value
    if kind == "v" or (kind == "n" and value.isdigit()):
        return "answer", value
    return None


def numbered(reply: Reply) -> str:
    """The reply's text with its options as numbered lines and how to answer."""
    lines = [reply.text, ""]
    lines += [f"{number}. {option.label}" for number, option in enumerate(reply.options, 1)]
    lines += ["", texts.CONSOLE_MULTIPLE if reply.multiple else texts.WA_ANSWER_BY_NUMBER]
    return "\n".join(lines)


def pieces_for(reply: Reply, number: str | None = None) -> list[Piece]:
    """A reply as WhatsApp messages, in order; `number` is the bot's phone number (for the
    registration link under an invite code)."""
    text = reply.text
    if reply.invite_code and number:
        text += "\n\n" + texts.WA_INVITE_LINK.format(link=invite_link(number, reply.invite_code))
    reply = Reply(text, reply.options, reply.document, reply.multiple)
    pieces: list[Piece] = []
    document = reply.document
    if document is not None and len(document.data) > MAX_DOCUMENT_BYTES:
        size = f"{len(document.data) / 1_000_000:.1f} MB"
        note = texts.WA_FILE_TOO_LARGE.format(filename=document.filename, size=size)
        reply = Reply(f"{reply.text}\n\n{note}", reply.options, None, reply.multiple)
        document = None
    if document is not None:
        caption = reply.text if not reply.options and len(reply.text) <= MAX_CAPTION else None
        if caption is None and not reply.options:
            pieces += texts_of(reply.text)
        body: dict[str, Any] = {"filename": document.filename}
        if caption:
            body["caption"] = caption
        pieces.append(Piece({"type": "document", "document": body}, document))
        if not reply.options:
            return pieces
    return pieces + _choice(reply)


def _choice(reply: Reply) -> list[Piece]:
    options = reply.options
    if not options:
        return texts_of(reply.text)
    if reply.multiple or len(options) > MAX_ROWS:
        return texts_of(numbered(reply))
    if len(options) <= MAX_BUTTONS:
        return _buttons(reply)
    return _list(reply)


def _body(reply: Reply, extra: list[str]) -> tuple[list[Piece], str]:
    """Text pieces to send before the interactive message, and its body (≤ 1,024)."""
    body = "\n".join([reply.text, *extra]) if extra else reply.text
    if len(body) <= MAX_BODY:
        return [], body
    before = texts_of(reply.text)
    tail = "\n".join([texts.WA_CHOOSE, *extra])
    if len(tail) > MAX_BODY:
        return [*before, *texts_of("\n".join(extra))], texts.WA_CHOOSE
    return before, tail


def _buttons(reply: Reply) -> list[Piece]:
    titles = [shorten(option.label, MAX_BUTTON_TITLE) for option in reply.options]
    cut = [o.label for o, t in zip(reply.options, titles, strict=True) if t != o.label]
    if cut or len(set(titles)) < len(titles):
        titles = [
            shorten(f"{n}. {o.label}", MAX_BUTTON_TITLE) for n, o in enumerate(reply.options, 1)
        ]
    extra = [f"{n}. {o.label}" for n, o in enumerate(reply.options, 1)] if cut else []
    before, body = _body(reply, extra)
    buttons = [
        {"type": "reply", "reply": {"id": option_id(option, n), "title": title}}
        for n, (option, title) in enumerate(zip(reply.options, titles, strict=True), 1)
    ]
    content = {
        "type": "interactive",
        "interactive": {"type": "button", "body": {"text": body}, "action": {"buttons": buttons}},
    }
    return [*before, Piece(content, live=True)]


def _list(reply: Reply) -> list[Piece]:
    rows: list[dict[str, str]] = []
    extra: list[str] = []
    for n, option in enumerate(reply.options, 1):
        title = shorten(option.label, MAX_ROW_TITLE)
        row = {"id": option_id(option, n), "title": title}
        if title != option.label:
            row["description"] = shorten(option.label, MAX_ROW_DESCRIPTION)
            if len(option.label) > MAX_ROW_DESCRIPTION:
                extra.append(f"{n}. {option.label}")
        rows.append(row)
    if len({row["title"] for row in rows}) < len(rows):
        for n, row in enumerate(rows, 1):
            row["title"] = shorten(f"{n}. {reply.options[n - 1].label}", MAX_ROW_TITLE)
    before, body = _body(reply, extra)
    content = {
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": body},
            "action": {"button": texts.WA_LIST_BUTTON, "sections": [{"rows": rows}]},
        },
    }
    return [*before, Piece(content, live=True)]
