"""Telegram shapes without a network: pieces of text, callback data, check boxes; and the
stand-in's spec checker, which must refuse what Telegram refuses (or the other tests prove
nothing)."""

import json
from pathlib import Path

import pytest

from bot.channels.telegram.format import (
    answer_data,
    checked_labels,
    chosen_numbers,
    keyboard,
    parse_press,
    split_text,
    toggled,
    utf16_length,
)
from bot.channels.telegram.updates import lenient
from conversations.events import Option, Reply
from tests.botapi.spec import Checked

SAMPLES = Path(__file__).parent / "botapi" / "reference" / "telegram"


def test_long_text_is_cut_at_line_ends_within_the_limit() -> None:
    text = "\n".join(f"{n}. Jawaban nomor {n} 🎓" for n in range(1, 600))
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(1 <= utf16_length(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text  # nothing lost, cut only at line ends
    assert split_text("x" * 5000) == ["x" * 4096, "x" * 904]
    assert split_text("   ") == ["-"]  # Telegram refuses an empty text


def test_callback_data_fits_64_bytes() -> None:
    short = Option("sewaktu", "TUK Sewaktu")
    long = Option("é" * 40, "Pilihan panjang")
    assert answer_data(short, 2) == "v:sewaktu"
    assert answer_data(long, 3) == "n:3"
    assert parse_press("n:3") is not None and parse_press("n:3").value == "3"  # type: ignore[union-attr]
    assert parse_press("something else") is None and parse_press(None) is None


def test_check_boxes_keep_their_state_in_the_keyboard() -> None:
    reply = Reply("Metode?", (Option("a", "Kunjungan"), Option("b", "Kuesioner")), multiple=True)
    markup = keyboard(reply)
    assert markup is not None
    markup = toggled(toggled(toggled(markup, 2), 1), 2)
    assert chosen_numbers(markup) == [1]
    assert checked_labels(markup) == ["Kunjungan"]


def test_too_many_options_become_a_numbered_list() -> None:
    options = tuple(Option(str(n), f"Pilihan {n}") for n in range(150))
    assert keyboard(Reply("Pilih", options)) is None


def _markup(*buttons: dict[str, object]) -> str:
    return json.dumps({"inline_keyboard": [list(buttons)]})


BAD_BOOL = {"chat_id": "1", "text": "a", "disable_notification": "ya"}
BAD_COMMAND = json.dumps([{"command": "Draft", "description": "d"}])


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMessage", {"chat_id": "1", "text": "x" * 4097}, "text of 4097"),
        ("sendMessage", {"chat_id": "1", "text": ""}, "text of 0"),
        ("sendMessage", {"text": "halo"}, "missing required parameter 'chat_id'"),
        ("sendMessage", {"chat_id": "1", "text": "a", "colour": "red"}, "unknown parameter"),
        ("sendMessage", BAD_BOOL, "not Boolean"),
        ("sendMessage", {"chat_id": "1", "text": "a",
                         "reply_markup": _markup({"text": "A", "callback_data": "x" * 65})},
         "65 bytes"),
        ("sendMessage", {"chat_id": "1", "text": "a", "reply_markup": _markup({"text": "A"})},
         "exactly one action"),
        ("sendMessage", {"chat_id": "1", "text": "a",
                         "reply_markup": _markup({"text": "A", "callback_data": "a", "shape": 1})},
         "is not InlineKeyboardMarkup"),
        ("sendDocument", {"chat_id": "1", "document": "attach://f", "caption": "c" * 1025},
         "caption"),
        ("answerCallbackQuery", {"callback_query_id": "q", "text": "t" * 201}, "201"),
        ("sendChatAction", {"chat_id": "1", "action": "uploading"}, "chat action"),
        ("setMyCommands", {"commands": BAD_COMMAND}, "command name"),
        ("setWebhook", {"url": "http://contoh.id/tg"}, "webhook url"),
        ("setWebhook", {"url": "https://contoh.id/tg", "secret_token": "a b"}, "secret_token"),
        ("sendMessages", {}, "no such method"),
    ],
)  # fmt: skip
def test_the_stand_in_refuses_what_telegram_refuses(
    method: str, params: dict[str, str], problem: str
) -> None:
    checked = Checked(method, params)
    assert any(problem in p for p in checked.problems), checked.problems


def test_a_well_formed_call_passes() -> None:
    markup = {"inline_keyboard": [[{"text": "Ya", "callback_data": "v:ya"}]]}
    checked = Checked(
        "sendMessage",
        {"chat_id": "7001", "text": "Tambah TUK lain?", "reply_markup": json.dumps(markup),
         "link_preview_options": json.dumps({"is_disabled": True})},
    )  # fmt: skip
    assert checked.problems == []
    scope = Checked(
        "setMyCommands",
        {"commands": json.dumps([{"command": "menu", "description": "Menu"}]),
         "scope": json.dumps({"type": "chat", "chat_id": 7001})},
    )  # fmt: skip
    assert scope.problems == []
    wrong_scope = Checked("setMyCommands", {"commands": "[]", "scope": '{"type": "planet"}'})
    assert wrong_scope.problems


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("**/*.json")), ids=lambda p: p.name)
def test_every_sample_update_is_accepted(sample: Path) -> None:
    from telegram import Update

    update = Update.de_json(lenient(json.loads(sample.read_text())), None)
    assert update is not None and update.effective_user is not None
