"""The Telegram channel: python-telegram-bot in, the shared dispatcher in the middle, Bot API
calls out. It only translates: who is talking, what they typed or pressed, and how each reply
looks in Telegram (plain text, inline keyboards, documents).

Updates of different people are handled at the same time (`PerSenderOrder`), one person's in
order; the dispatcher is synchronous, so it runs on a thread pool and never blocks the loop.
"""

import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    CallbackQuery,
    InlineKeyboardMarkup,
    Update,
)
from telegram import Message as TelegramMessage
from telegram.constants import ChatAction, ChatType
from telegram.error import NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts as common
from bot.channels import texts
from bot.channels.intake import MAX_DOWNLOAD_BYTES, IncomingDocument, Intake
from bot.channels.store import Database
from bot.channels.telegram.application import (
    MESSAGES_PER_SECOND,
    application_builder,
)
from bot.channels.telegram.format import (
    checked_labels,
    chosen_numbers,
    parse_press,
    pressed_label,
    toggled,
)
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.ordering import PerSenderOrder
from bot.channels.telegram.push import TelegramPusher
from bot.channels.telegram.send import (
    answer_press,
    clear_buttons,
    mark_chosen,
    send_reply,
    show_toggled,
    showing,
)
from bot.channels.telegram.updates import LenientUpdatesRequest
from bot.dispatcher import Dispatcher
from conversations.commands import command_named, is_slow, listed
from conversations.events import Reply
from conversations.files import IncomingFile
from conversations.service import Message
from storage.types import utcnow

logger = logging.getLogger(__name__)

T = TypeVar("T")
KEYBOARDS_KEPT = 1000
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


class TelegramChannel:
    """Handlers for one bot; `build` wires them into a PTB `Application`."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        db: Database,
        *,
        workers: int = 16,
        clock: Callable[[], datetime] = utcnow,
        on_handled: Callable[[int], None] | None = None,
        instances: int = 1,
    ) -> None:
        self.dispatcher = dispatcher
        self.intake = Intake(dispatcher, db, "telegram", workers=workers, clock=clock)
        self.on_handled = on_handled
        self.username: str | None = None
        self.inbox = TelegramInbox(db, clock, instances=instances)
        self._admin_chats: set[int] = set()
        self._marked: set[int] = set()  # inbox rows marked by a handler, for group 1 to skip
        # The keyboards this instance last showed under live check-box questions.
        self._keyboards: OrderedDict[tuple[int, int], InlineKeyboardMarkup] = OrderedDict()

    def build(
        self,
        *,
        token: str,
        api_base_url: str,
        updater: bool = True,
        max_retries: int = 5,
        instances: int = 1,
        per_second: float = MESSAGES_PER_SECOND,
    ) -> Application:
        """A PTB Application talking to `api_base_url` (Telegram's, or a stand-in), one of
        `instances` processes sharing the bot."""
        builder = (
            application_builder(token, api_base_url, max_retries, instances, per_second)
            .concurrent_updates(PerSenderOrder())
            .get_updates_request(LenientUpdatesRequest(connection_pool_size=1, keep=self.keep))
        )
        if not updater:
            builder = builder.updater(None)
        application = builder.build()
        private = filters.ChatType.PRIVATE
        guarded = self._guarded
        application.add_handler(CallbackQueryHandler(guarded(self.on_press)))
        application.add_handler(
            MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, guarded(self.on_edited))
        )
        application.add_handler(MessageHandler(filters.ChatType.GROUPS, guarded(self.on_group)))
        application.add_handler(MessageHandler(private, guarded(self.on_message)))
        # Updates none of the above takes are marked handled too (after them, in group 1).
        application.add_handler(TypeHandler(Update, self._handled), group=1)
        application.add_error_handler(self.on_error)
        return application

    # --- the inbox (bot/channels/telegram/inbox.py) -----------------------------------------

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Store updates (polled, or posted to the webhook) before they are confirmed."""
        await self.inbox.keep(updates)

    async def replay(self, application: Application) -> int:
        """Queue the updates kept but not handled before a stop or a crash; how many."""
        return await self.inbox.replay(application)

    async def _handled(self, update: Update, _context: Context) -> None:
        """Group 1: mark an update no handler of ours took (ours marked theirs already)."""
        if update.update_id in self._marked:
            self._marked.discard(update.update_id)
            return
        await self._run(self.inbox.mark_handled, update.update_id)

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self, application: Application) -> None:
        """After `application.initialize()`: learn the bot's username, publish the menus."""
        self.username = application.bot.username
        member = [BotCommand(s.name, s.description) for s in listed(admin=False)]
        await application.bot.set_my_commands(member, scope=BotCommandScopeAllPrivateChats())
        for key in await self.intake.admin_identities():
            await self._publish_admin_commands(application, int(key.split(":", 1)[1]))

    def close(self) -> None:
        """Wait for the dispatcher threads to finish."""
        self.intake.close()
        self.inbox.close()

    async def _publish_admin_commands(self, application: Any, chat_id: int) -> None:
        admin = [BotCommand(s.name, s.description) for s in listed(admin=True)]
        await application.bot.set_my_commands(admin, scope=BotCommandScopeChat(chat_id))
        self._admin_chats.add(chat_id)

    # --- handlers ------------------------------------------------------------------------

    async def on_message(self, update: Update, context: Context) -> None:
        """A private message: text goes to the conversation, a PDF may be verified."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        if message.document is not None:
            await self._document(update, context, message)
        elif message.photo:
            await self._photo(update, context, message)
        elif message.text:
            await self._converse(context, message.chat_id, self._inbound(update, message.text))
        else:
            await context.bot.send_message(message.chat_id, texts.TG_TEXT_ONLY)

    async def on_press(self, update: Update, context: Context) -> None:
        """A button press: answered at once; live buttons answer, stale ones say so."""
        await self._press(update, context)

    async def on_edited(self, update: Update, context: Context) -> None:
        """An edited message is not re-read (the answer it gave is already stored)."""
        if update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, texts.TG_EDITED)

    async def on_group(self, update: Update, context: Context) -> None:
        """In groups nothing is read; people are asked to talk privately."""
        chat = update.effective_chat
        if chat is not None and update.message is not None:
            text = texts.TG_GROUP.format(username=self.username or context.bot.username)
            await context.bot.send_message(chat.id, text)

    async def on_error(self, update: object, context: Context) -> None:
        """PTB's error handler (errors outside our handlers, e.g. while polling)."""
        await self._report(update, context, context.error)

    def _guarded(self, handler: Handler) -> Handler:
        """The handler, with any failure reported once and the update marked as handled."""

        async def guarded(update: Update, context: Context) -> None:
            try:
                await self.inbox.after_earlier(update, context)
                await handler(update, context)
            except Exception as error:
                await self._report(update, context, error)
            finally:
                if update.update_id not in self._marked:  # else marked with its replies
                    await self._run(self.inbox.mark_handled, update.update_id)
                    self._marked.add(update.update_id)
                if self.on_handled is not None:
                    self.on_handled(update.update_id)

        return guarded

    async def _report(self, update: object, context: Context, error: BaseException | None) -> None:
        """The one error path: log it, apologise in a private chat, never show a traceback."""
        if isinstance(error, NetworkError) and not isinstance(update, Update):
            logger.warning("network problem talking to Telegram: %s", error)
            return
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("update %s failed", update_id, exc_info=error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != ChatType.PRIVATE:
            return
        try:
            await context.bot.send_message(update.effective_chat.id, common.APOLOGY)
        except TelegramError:
            logger.warning("could not apologise for update %s", update_id)

    # --- conversation --------------------------------------------------------------------

    def _inbound(self, update: Update, text: str) -> Message:
        user = update.effective_user
        assert user is not None
        return Message(
            f"telegram:{user.id}",
            text,
            message_id=str(update.update_id),
            display_name=user.full_name,
            files=True,  # photos and documents reach the conversation as evidence
        )

    async def _converse(
        self,
        context: Context,
        chat_id: int,
        message: Message,
        chosen: tuple[TelegramMessage, str] | None = None,
    ) -> None:
        """Run a message through the dispatcher and send what it answers. The question it
        replaces loses its buttons: `chosen` (the pressed message and the label pressed) shows
        the choice in their place."""
        async with showing(context.bot, chat_id, is_slow(message.parsed)):
            live, replies = await self.intake.converse(message)
        if not replies:
            return
        if chosen is not None and live == str(chosen[0].message_id):
            await mark_chosen(*chosen)
        elif live is not None:
            await clear_buttons(context.bot, chat_id, int(live))
        prompt = await self._send_all(context, chat_id, message.identity, replies)
        self._delivered(message, prompt)
        joining = command_named(message.parsed, "start") and chat_id not in self._admin_chats
        if joining and await self.intake.is_admin(message.identity):
            await self._publish_admin_commands(context.application, chat_id)

    async def _press(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        identity = f"telegram:{query.from_user.id}"
        press = parse_press(query.data)
        shown = query.message if isinstance(query.message, TelegramMessage) else None
        if press is not None and press.kind == "command" and shown is not None:
            # A command button (in a reminder) is valid whenever it is pressed.
            await answer_press(query)
            await self._converse(context, shown.chat_id, self._inbound(update, press.value))
            return
        live = shown is not None and await self.intake.is_live(identity, str(shown.message_id))
        if press is None or shown is None or not live:
            # Its buttons went when it stopped being live (chosen, or answered by typing): a
            # slow phone still shows them. Editing it again would change nothing.
            await answer_press(query, texts.TG_STALE_BUTTON)
            return
        markup = shown.reply_markup
        if press.kind == "toggle":
            await answer_press(query)
            if markup is not None:
                await self._toggle(query, shown, toggled(markup, int(press.value)))
            return
        if press.kind == "done":
            numbers = chosen_numbers(markup)
            if not numbers:
                await answer_press(query, texts.TG_CHOOSE_FIRST)
                return
            text = ",".join(str(n) for n in numbers)
            label = ", ".join(checked_labels(markup))
        else:
            text = press.value
            label = pressed_label(markup, query.data or "") or text
        await answer_press(query)
        inbound = self._inbound(update, text)
        await self._converse(context, shown.chat_id, inbound, chosen=(shown, label))

    async def _toggle(
        self, query: CallbackQuery, shown: TelegramMessage, markup: InlineKeyboardMarkup
    ) -> None:
        """Show a ticked or unticked box, unless this instance already shows exactly that
        keyboard (a double tap carrying the same keyboard twice)."""
        key = (shown.chat_id, shown.message_id)
        if self._keyboards.get(key) == markup:
            return
        await show_toggled(query, markup)
        self._keyboards[key] = markup
        self._keyboards.move_to_end(key)
        while len(self._keyboards) > KEYBOARDS_KEPT:
            self._keyboards.popitem(last=False)

    async def _document(self, update: Update, context: Context, message: TelegramMessage) -> None:
        """A file: what the intake does with it (bot/channels/intake.py)."""
        document = message.document
        assert document is not None
        user = update.effective_user
        identity = f"telegram:{user.id if user is not None else message.chat_id}"

        async def fetch(_limit: int) -> bytes:
            file = await context.bot.get_file(document.file_id)
            return bytes(await file.download_as_bytearray())

        incoming = IncomingDocument(
            document.file_name or "", document.mime_type or "", document.file_size, fetch
        )
        if await self.intake.awaits_file(identity):  # evidence the conversation asked for
            await self._file_answer(update, context, message, identity, incoming)
            return
        async with showing(context.bot, message.chat_id, incoming.kind is not None,
                           ChatAction.TYPING):  # fmt: skip
            replies, _read = await self.intake.document(
                identity, incoming, too_large=texts.TG_DOCUMENT_TOO_LARGE
            )
        await self._deliver(context, message.chat_id, identity, replies)

    async def _photo(self, update: Update, context: Context, message: TelegramMessage) -> None:
        """A photo (its largest size): evidence, if the conversation asked for some (it says
        so otherwise)."""
        largest = message.photo[-1]
        user = update.effective_user
        identity = f"telegram:{user.id if user is not None else message.chat_id}"

        async def fetch(_limit: int) -> bytes:
            file = await context.bot.get_file(largest.file_id)
            return bytes(await file.download_as_bytearray())

        name = f"foto-{largest.file_unique_id}.jpg"
        incoming = IncomingDocument(name, "image/jpeg", largest.file_size, fetch)
        await self._file_answer(update, context, message, identity, incoming)

    async def _file_answer(
        self, update: Update, context: Context, message: TelegramMessage, identity: str,
        incoming: IncomingDocument,
    ) -> None:  # fmt: skip
        """A file handed to the conversation as the person's message (the caption its text)."""
        if (incoming.size or 0) > MAX_DOWNLOAD_BYTES:
            await self._deliver(context, message.chat_id, identity,
                                [Reply(texts.TG_DOCUMENT_TOO_LARGE)])  # fmt: skip
            return
        async with showing(context.bot, message.chat_id, True, ChatAction.TYPING):
            data = await incoming.fetch(MAX_DOWNLOAD_BYTES)
        inbound = replace(self._inbound(update, message.caption or ""),
                          file=IncomingFile(incoming.filename, data or b""))  # fmt: skip
        await self._converse(context, message.chat_id, inbound)

    # --- sending ---------------------------------------------------------------------------

    async def _deliver(
        self, context: Context, chat_id: int, identity: str, replies: list[Reply]
    ) -> None:
        """Send replies in order; remember the last one's buttons as the live ones."""
        ref = await self._send_all(context, chat_id, identity, replies)
        await self.intake.set_prompt(identity, ref)

    async def _send_all(
        self, context: Context, chat_id: int, identity: str, replies: list[Reply]
    ) -> str | None:
        """Send replies in order; the message whose buttons are live now (None: none)."""
        last: TelegramMessage | None = None
        live = False
        for reply in replies:
            last, live = await send_reply(context.bot, chat_id, reply, self.username)
        return str(last.message_id) if last is not None and live else None

    def _delivered(self, message: Message, prompt: str | None) -> None:
        """A message's replies are out (Intake.delivered: written with the person's next
        message or within a moment); its update is handled with them, so the handler's
        wrapper need not mark it again."""
        update = None
        if message.message_id is not None and message.message_id.isdigit():
            update = message.message_id
            self._marked.add(int(message.message_id))
        self.intake.delivered(message, prompt, update)

    # --- blocking work, off the event loop -------------------------------------------------

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        return await self.intake.run(function, *args)

    def pusher(self, application: Application) -> "TelegramPusher":
        """What sends reminders through this bot."""
        return TelegramPusher(application.bot, self.username)
