"""Every Bot API call checked against Telegram's published spec and limits.

The spec (`telegram-bot-api.json`, Bot API 10.1) gives each method's parameters with their
types and required flags, and each object's fields; `limits.json` gives the numbers Telegram
enforces (text 4,096, caption 1,024, callback_data 64 bytes, ...). A call is parsed the way
Telegram parses it (form fields; objects as JSON text) and every breach is reported.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REFERENCE = Path(__file__).parent / "reference"
SPEC_FILE = REFERENCE / "telegram-bot-api.json"
LIMITS_FILE = REFERENCE / "limits.json"

CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note",
     "upload_video_note"}
)  # fmt: skip
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@cache
def spec() -> dict[str, Any]:
    """The Bot API spec."""
    return json.loads(SPEC_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def limit(rule_start: str) -> dict[str, Any]:
    """The Telegram limit whose rule starts with these words."""
    for rule in json.loads(LIMITS_FILE.read_text(encoding="utf-8"))["telegram"]:
        if rule["rule"].startswith(rule_start):
            return rule  # type: ignore[no-any-return]
    raise KeyError(rule_start)


def utf16_length(text: str) -> int:
    """Characters as Telegram counts them."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Upload:
    """A file sent in a multipart request."""

    filename: str
    data: bytes
    content_type: str


class Checked:
    """One call, parsed: the values Telegram would see, and what is wrong with it."""

    def __init__(self, method: str, raw: dict[str, Any]) -> None:
        self.method = method
        self.params: dict[str, Any] = {}
        self.problems: list[str] = []
        self._check(raw)

    def _problem(self, text: str) -> None:
        self.problems.append(f"{self.method}: {text}")

    def _check(self, raw: dict[str, Any]) -> None:
        method = spec()["methods"].get(self.method)
        if method is None:
            self._problem("no such method")
            return
        fields = {f["name"]: f for f in method.get("fields", [])}
        for name in raw:
            if name not in fields:
                self._problem(f"unknown parameter {name!r}")
        for name, field in fields.items():
            if name not in raw:
                if field["required"]:
                    self._problem(f"missing required parameter {name!r}")
                continue
            value = self._parse(name, raw[name], field["types"])
            if value is not _BAD:
                self.params[name] = value
        if not self.problems:
            for check in _LIMITS.get(self.method, ()):
                check(self)

    def _parse(self, name: str, raw: Any, types: list[str]) -> Any:
        if isinstance(raw, Upload):
            if "InputFile" in types:
                return raw
            self._problem(f"{name}: a file where {types} is expected")
            return _BAD
        for kind in types:
            value = _from_form(raw, kind)
            if value is not _BAD and not type_errors(value, kind):
                return value
        self._problem(f"{name}={str(raw)[:80]!r} is not {' or '.join(types)}")
        return _BAD


_BAD = object()


def _from_form(raw: str, kind: str) -> Any:
    """A form field's text as the spec type would read it."""
    try:
        if kind == "String":
            return raw
        if kind == "Integer":
            return int(raw)
        if kind == "Float":
            return float(raw)
        if kind == "Boolean":
            return {"true": True, "false": False}[raw.lower()]
        if kind == "InputFile":
            return raw if raw.startswith("attach://") else _BAD
        return json.loads(raw)
    except (ValueError, KeyError):
        return _BAD


def type_errors(value: Any, kind: str, where: str = "") -> list[str]:
    """What is wrong with a (JSON) value for a spec type; [] when it fits."""
    if kind.startswith("Array of "):
        if not isinstance(value, list):
            return [f"{where or 'value'} is not an array"]
        inner = kind.removeprefix("Array of ")
        return [
            e for i, item in enumerate(value) for e in type_errors(item, inner, f"{where}[{i}]")
        ]
    basic = {
        "String": lambda v: isinstance(v, str),
        "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "Boolean": lambda v: isinstance(v, bool),
        "True": lambda v: v is True,
    }
    if kind in basic:
        return [] if basic[kind](value) else [f"{where or 'value'} is not {kind}"]
    return _object_errors(value, kind, where)


def _object_errors(value: Any, kind: str, where: str) -> list[str]:
    declared = spec()["types"].get(kind)
    if declared is None:
        return [f"{where}: unknown type {kind}"]
    if not isinstance(value, dict):
        return [f"{where or kind} is not an object"]
    subtypes = declared.get("subtypes")
    if subtypes:
        for subtype in subtypes:
            if not _object_errors(value, subtype, where) and _type_tag_fits(value, subtype):
                return []
        return [f"{where or kind} fits none of {', '.join(subtypes)}"]
    fields = {f["name"]: f for f in declared.get("fields", [])}
    errors = [f"{where}.{name}: unknown field of {kind}" for name in value if name not in fields]
    for name, field in fields.items():
        if name not in value:
            if field["required"]:
                errors.append(f"{where}.{name}: required in {kind}")
            continue
        options = [type_errors(value[name], t, f"{where}.{name}") for t in field["types"]]
        if all(options):
            errors.extend(options[0])
    return errors


def _type_tag_fits(value: dict[str, Any], subtype: str) -> bool:
    for field in spec()["types"][subtype].get("fields", []):
        if field["name"] == "type":
            match = re.search(r"must be (\w+)", field["description"])
            return match is None or value.get("type") == match.group(1)
    return True


# --- limits, per method ----------------------------------------------------------------------


def _text(call: Checked) -> None:
    if "text" not in call.params:
        return
    rule = limit("sendMessage/editMessageText text length")
    length = utf16_length(call.params["text"].strip())
    if not rule["min"] <= length <= rule["max"]:
        call._problem(f"text of {length} characters (allowed {rule['min']}-{rule['max']})")


def _caption(call: Checked) -> None:
    rule = limit("caption length")
    caption = call.params.get("caption")
    if caption is not None and utf16_length(caption) > rule["max"]:
        call._problem(f"caption of {utf16_length(caption)} characters (max {rule['max']})")


def _keyboard(call: Checked) -> None:
    markup = call.params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return
    rows = markup["inline_keyboard"]
    total = sum(len(row) for row in rows)
    if total > limit("inline keyboard total buttons")["max"]:
        call._problem(f"{total} buttons in one keyboard")
    for row in rows:
        if len(row) > limit("inline keyboard buttons per row")["max"]:
            call._problem(f"{len(row)} buttons in one row")
        for button in row:
            _button(call, button)


def _button(call: Checked, button: dict[str, Any]) -> None:
    kinds = [k for k in button if k not in ("text", "icon_custom_emoji_id", "style")]
    if len(kinds) != 1:
        call._problem(f"button {button.get('text')!r} must have exactly one action, has {kinds}")
    data = button.get("callback_data")
    if data is not None:
        size = len(data.encode("utf-8"))
        rule = limit("InlineKeyboardButton.callback_data")
        if not rule["min"] <= size <= rule["max"]:
            call._problem(f"callback_data of {size} bytes: {data!r}")
    if not button.get("text"):
        call._problem("button without text")


def _document(call: Checked) -> None:
    document = call.params.get("document")
    if isinstance(document, Upload):
        if len(document.data) > limit("file upload by bot")["max_bytes"]:
            call._problem(f"document of {len(document.data)} bytes")
        if not document.data:
            call._problem("empty document")


def _callback_answer(call: Checked) -> None:
    text = call.params.get("text")
    if text is not None and len(text) > limit("answerCallbackQuery.text")["max"]:
        call._problem(f"callback answer of {len(text)} characters")


def _chat_action(call: Checked) -> None:
    if call.params.get("action") not in CHAT_ACTIONS:
        call._problem(f"unknown chat action {call.params.get('action')!r}")


def _commands(call: Checked) -> None:
    commands = call.params.get("commands", [])
    if len(commands) > 100:
        call._problem(f"{len(commands)} commands (max 100)")
    for command in commands:
        if not COMMAND_NAME.match(command["command"]):
            call._problem(f"command name {command['command']!r}")
        if not 1 <= len(command["description"]) <= 256:
            call._problem(f"description of /{command['command']} has {len(command['description'])}")


def _webhook(call: Checked) -> None:
    url = urlsplit(call.params.get("url", ""))
    if call.params.get("url") and (
        url.scheme != "https" or (url.port or 443) not in limit("webhook ports")["allowed"]
    ):
        call._problem(f"webhook url {call.params['url']!r} (https on 443/80/88/8443 only)")
    secret = call.params.get("secret_token")
    if secret is not None and not SECRET_TOKEN.match(secret):
        call._problem("secret_token must be 1-256 of A-Z a-z 0-9 _ -")
    connections = call.params.get("max_connections")
    if connections is not None and not 1 <= connections <= 100:
        call._problem(f"max_connections {connections}")


def _plain_or_valid_markup(call: Checked) -> None:
    if call.params.get("parse_mode") not in (None, "HTML", "MarkdownV2", "Markdown"):
        call._problem(f"parse_mode {call.params['parse_mode']!r}")


_LIMITS = {
    "sendMessage": (_text, _keyboard, _plain_or_valid_markup),
    "editMessageText": (_text, _keyboard, _plain_or_valid_markup),
    "editMessageReplyMarkup": (_keyboard,),
    "sendDocument": (_caption, _keyboard, _document, _plain_or_valid_markup),
    "answerCallbackQuery": (_callback_answer,),
    "sendChatAction": (_chat_action,),
    "setMyCommands": (_commands,),
    "setWebhook": (_webhook,),
}
