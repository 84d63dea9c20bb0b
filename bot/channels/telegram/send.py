"""Sending lsp-bot replies as Telegram messages: plain text in pieces within the limits,
inline keyboards, documents with captions, the chosen answer left in place of pressed buttons,
and the 'sending a file' chat action while something slow runs."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram import Message as TelegramMessage
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from bot.channels import texts
from bot.channels.telegram.format import (
    MAX_CAPTION,
    MAX_TEXT,
    keyboard,
    reply_text,
    split_text,
    utf16_length,
)
from conversations.events import Reply

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50_000_000
CHAT_ACTION_EVERY = 4.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_reply(
    bot: Bot, chat_id: int, reply: Reply, username: str | None
) -> tuple[TelegramMessage, bool]:
    """One reply as Telegram messages; the last message sent and whether it has buttons."""
    markup = keyboard(reply)
    text = reply_text(reply, username, buttons=markup is not None)
    document = reply.document
    if document is not None and len(document.data) > MAX_UPLOAD_BYTES:
        size = f"{len(document.data) / 1_000_000:.1f} MB"
        text += "\n\n" + texts.TG_FILE_TOO_LARGE.format(filename=document.filename, size=size)
        document = None
    if document is not None:
        caption: str | None = text
        if utf16_length(text) > MAX_CAPTION:
            for piece in split_text(text):
                await bot.send_message(chat_id, piece, link_preview_options=NO_PREVIEW)
            caption = None
        sent = await bot.send_document(
            chat_id,
            InputFile(document.data, filename=document.filename),
            caption=caption,
            reply_markup=markup,
        )
        return sent, markup is not None
    pieces = split_text(text)
    for piece in pieces[:-1]:
        await bot.send_message(chat_id, piece, link_preview_options=NO_PREVIEW)
    sent = await bot.send_message(
        chat_id, pieces[-1], reply_markup=markup, link_preview_options=NO_PREVIEW
    )
    return sent, markup is not None


async def mark_chosen(shown: TelegramMessage, label: str) -> None:
    """Replace the pressed keyboard with the choice, so the chat reads as a record."""
    text = f"{shown.text}\n\n{texts.TG_CHOSEN.format(label=label)}" if shown.text else None
    try:
        if text is not None and utf16_length(text) <= MAX_TEXT:
            await shown.edit_text(text, reply_markup=None)
        else:
            await shown.edit_reply_markup(None)
    except BadRequest as error:
        logger.info("could not mark the choice on message %s: %s", shown.message_id, error)


async def show_toggled(query: CallbackQuery, markup: InlineKeyboardMarkup) -> None:
    """Show a ticked or unticked box; the same keyboard already shown (a press handled twice,
    by a restart or by two instances) is not an error."""
    try:
        await query.edit_message_reply_markup(markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise
        logger.info("keyboard of callback query %s already shown", query.id)


async def answer_press(query: CallbackQuery, text: str | None = None) -> None:
    """Stop the button's spinner (with a short notice); a query too old to answer is let go."""
    try:
        await query.answer(text)
    except BadRequest as error:
        logger.info("could not answer callback query %s: %s", query.id, error)


async def clear_buttons(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take the buttons off an old message (it may be gone or already bare)."""
    try:
        await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as error:
        logger.info("could not clear buttons of message %s: %s", message_id, error)


@asynccontextmanager
async def showing(
    bot: Bot, chat_id: int, active: bool, action: str = ChatAction.UPLOAD_DOCUMENT
) -> AsyncIterator[None]:
    """While the body runs, show 'sending a file…' in the chat (renewed every 4 s)."""
    if not active:
        yield
        return

    async def keep_showing() -> None:
        with suppress(TelegramError):
            while True:
                await bot.send_chat_action(chat_id, action)
                await asyncio.sleep(CHAT_ACTION_EVERY)

    task = asyncio.create_task(keep_showing())
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
