"""One vocabulary everywhere (chat, PDF, spreadsheet), in the spellings KBBI and PUEBI use."""

import re

from bot import texts as bot_texts
from bot.certificates import texts as certificate_texts
from bot.channels import texts as channel_texts
from bot.members import texts as member_texts
from bot.reminders import texts as reminder_texts
from bot.reports import texts as report_desk_texts
from bot.server import texts as server_texts
from conversations import texts as chat_texts
from conversations.forms.registry import SECTIONS
from conversations.forms.tuk import JENIS_TUK
from conversations.schema import Question, Repeat
from render import texts as report_texts


def _strings(module: object) -> list[str]:
    found: list[str] = []
    for value in vars(module).values():
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, str)]
        elif isinstance(value, tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def _form_words() -> list[str]:
    words: list[str] = []
    for section in SECTIONS:
        words += [section.title, section.intro]
        for item in section.items:
            for question in item.questions if isinstance(item, Repeat) else (item,):
                assert isinstance(question, Question)
                words += [question.label, question.report_label, question.hint or ""]
                words += [choice.label for choice in question.choices]
    return words


def test_statuses_read_the_same_in_the_chat_and_the_reports() -> None:
    for status, name in report_texts.STATUS_NAMES.items():
        assert chat_texts.STATUS_NAMES[status] == name
    assert chat_texts.STATE_NAMES == report_texts.STATE_NAMES
    assert chat_texts.STATUS_NAMES[None] == "belum diisi"
    assert set(report_texts.STATE_NAMES.values()) == {
        "lengkap",
        "dinyatakan nihil",
        "belum lengkap",
    }


def test_kbbi_and_puebi_spellings() -> None:
    every = _strings(chat_texts) + _strings(report_texts) + _form_words()
    for module in (bot_texts, certificate_texts, channel_texts, member_texts, reminder_texts,
                   report_desk_texts, server_texts):  # fmt: skip
        every += _strings(module)
    for text in every:
        assert not re.search(r"\w / \w", text), text  # no spaces around "/"
        assert not re.search(r"(?<!/)\b[Dd]raft\b", text), text  # "draf"; /draft is a command
        assert "ketelusuran" not in text.lower(), text
    assert "lsp-bot" not in chat_texts.UNKNOWN_PERSON
    assert any("Ketertelusuran" in text for text in _form_words())


def test_tuk_sewaktu_and_mandiri_are_glossed_apart() -> None:
    assert JENIS_TUK["sewaktu"] != JENIS_TUK["mandiri"]
    assert "sementara" in JENIS_TUK["sewaktu"] and "tetap" in JENIS_TUK["mandiri"]


def test_certificate_kinds_are_named_the_same_in_both_reports_and_the_chat() -> None:
    from bot.certificates.checking import KINDS
    from conversations.forms.skema import JENIS_SKEMA

    # 2.2's choices (report A), the register's kinds (report B, the export, /sertifikat)
    assert {k: report_texts.kind_name(k) for k in JENIS_SKEMA} == JENIS_SKEMA
    assert set(KINDS) == set(JENIS_SKEMA)  # every kind an import accepts has its one name
