"""Pure translation between lsp-bot replies and Telegram's shapes: text pieces within 4,096
characters, inline keyboards whose callback data fits 64 bytes, and the toggle keyboard of a
question that takes several choices. No network here, so all of it is tested directly."""

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels import pieces, texts
from conversations.events import Option, Reply

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_BYTES = 64
MAX_BUTTONS = 100
SHORT_LABEL = 14
PER_ROW_SHORT = 3
UNCHECKED, CHECKED = "☐ ", "☑ "


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters as Telegram counts them."""
    return pieces.split_text(text, limit, utf16_length)


@dataclass(frozen=True)
class Press:
    """What a button press means: an answer to send on, a toggle, or 'done' with a selection."""

    kind: str  # "answer", "toggle", "done", "command"
    value: str = ""


def answer_data(option: Option, number: int) -> str:
    """Callback data of a button: a command ('/isi 2.5', valid whenever pressed), the option's
    value, or its number if the value is too long."""
    if option.value.startswith("/") and len(option.value.encode()) + 2 <= MAX_CALLBACK_BYTES:
        return f"c:{option.value}"
    data = f"v:{option.value}"
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else f"n:{number}"


def parse_press(data: str | None) -> Press | None:
    """The meaning of a button's callback data; None for data lsp-bot never made."""
    if not data:
        return None
    kind, _, value = data.partition(":")
    if kind == "v":
        return Press("answer", value)
    if kind == "n" and value.isdigit():
        return Press("answer", value)
    if kind == "t" and value.isdigit():
        return Press("toggle", value)
    if kind == "d":
        return Press("done")
    if kind == "c" and value.startswith("/"):
        return Press("command", value)
    return None


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The inline keyboard of a reply (None when it has no options or too many for buttons)."""
    options = reply.options
    if not options or len(options) + 1 > MAX_BUTTONS:
        return None
    if reply.multiple:
        return toggle_keyboard(options, frozenset())
    buttons = [
        InlineKeyboardButton(option.label, callback_data=answer_data(option, number))
        for number, option in enumerate(options, 1)
    ]
    short = all(len(option.label) <= SHORT_LABEL for option in options)
    width = PER_ROW_SHORT if short else 1
    return InlineKeyboardMarkup([buttons[i : i + width] for i in range(0, len(buttons), width)])


def toggle_keyboard(options: tuple[Option, ...], chosen: frozenset[int]) -> InlineKeyboardMarkup:
    """One check box per option (numbered from 1) and a 'done' button."""
    rows = [
        [
            InlineKeyboardButton(
                (CHECKED if number in chosen else UNCHECKED) + option.label,
                callback_data=f"t:{number}",
            )
        ]
        for number, option in enumerate(options, 1)
    ]
    rows.append([InlineKeyboardButton(texts.TG_DONE_BUTTON, callback_data="d")])
    return InlineKeyboardMarkup(rows)


def toggled(markup: InlineKeyboardMarkup, number: int) -> InlineKeyboardMarkup:
    """The same check boxes with one of them flipped."""
    options, chosen = _read_toggles(markup)
    return toggle_keyboard(options, chosen ^ {number})


def chosen_numbers(markup: InlineKeyboardMarkup | None) -> list[int]:
    """The numbers of the checked boxes, in order."""
    if markup is None:
        return []
    return sorted(_read_toggles(markup)[1])


def _read_toggles(markup: InlineKeyboardMarkup) -> tuple[tuple[Option, ...], frozenset[int]]:
    options: list[Option] = []
    chosen: set[int] = set()
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data if isinstance(button.callback_data, str) else None
            press = parse_press(data)
            if press is None or press.kind != "toggle":
                continue
            number = int(press.value)
            label = button.text.removeprefix(CHECKED).removeprefix(UNCHECKED)
            options.append(Option(str(number), label))
            if button.text.startswith(CHECKED):
                chosen.add(number)
    return tuple(options), frozenset(chosen)


def checked_labels(markup: InlineKeyboardMarkup | None) -> list[str]:
    """The labels of the checked boxes, in order."""
    if markup is None:
        return []
    options, chosen = _read_toggles(markup)
    return [option.label for option in options if int(option.value) in chosen]


def pressed_label(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The text of the button with this callback data."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def listed_options(reply: Reply) -> str:
    """The reply's text with its options as numbered lines (when they cannot be buttons)."""
    lines = [reply.text]
    lines += [f"{number}. {option.label}" for number, option in enumerate(reply.options, 1)]
    return "\n".join(lines)


def reply_text(reply: Reply, bot_username: str | None, *, buttons: bool) -> str:
    """The text to show for a reply (`buttons`: its options are shown as buttons): options
    listed if they cannot be buttons, the one-tap registration link under an invite code."""
    text = reply.text if buttons or not reply.options else listed_options(reply)
    if reply.multiple and buttons:
        text += "\n" + texts.TG_MULTIPLE
    if reply.invite_code and bot_username:
        link = f"https://t.me/{bot_username}?start={reply.invite_code}"
        text += "\n\n" + texts.TG_INVITE_LINK.format(link=link)
    return text
