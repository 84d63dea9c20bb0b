"""The console channel: one message per input line, replies on standard output; documents
are saved to a folder and their path printed on a line of its own."""

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.channels import texts
from bot.dispatcher import Dispatcher
from conversations.events import Document, Reply
from conversations.files import IncomingFile
from conversations.service import Message


def format_reply(reply: Reply) -> str:
    """A reply as console text: the message, then its options as 'N. Label' lines."""
    lines = [reply.text]
    lines.extend(f"{number}. {option.label}" for number, option in enumerate(reply.options, 1))
    if reply.multiple:
        lines.append(texts.CONSOLE_MULTIPLE)
    return "\n".join(lines)


def save_document(document: Document, folder: Path) -> Path:
    """Write a document into the folder without overwriting an earlier file; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(document.filename).name
    stem, suffix, copy = target.stem, target.suffix, 1
    while target.exists():
        copy += 1
        target = folder / f"{stem}-{copy}{suffix}"
    target.write_bytes(document.data)
    return target.resolve()


FILE_LINE = "@berkas"  # the console's way of sending a file, as a phone would


def console_message(identity: str, text: str, user: str) -> Message | None:
    """A typed line as a message; `@berkas PATH` sends that file as a phone would (None: it
    cannot be read). Only the console reads files: nothing typed in a chat ever does."""
    if not text.strip().startswith(FILE_LINE + " "):
        return Message(identity, text, display_name=user, files=True)
    path = Path(text.strip()[len(FILE_LINE) :].strip()).expanduser()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Message(identity, "", display_name=user, file=IncomingFile(path.name, data),
                   files=True)  # fmt: skip


def run_console(
    dispatcher: Dispatcher,
    *,
    user: str,
    lines: Iterable[str],
    out: TextIO,
    files: Path = Path("data/laporan"),
) -> None:
    """Answer every input line as a message from `console:USER` until the input ends."""
    identity = f"console:{user}"
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        message = console_message(identity, text, user)
        if message is None:
            out.write(texts.CONSOLE_NO_FILE.format(path=text.strip()[len(FILE_LINE) :].strip()))
            out.write("\n\n")
            out.flush()
            continue
        for reply in dispatcher.handle(message):
            shown = format_reply(reply)
            if reply.document is not None:
                shown += "\n" + str(save_document(reply.document, files))
            out.write(shown + "\n\n")
        out.flush()
