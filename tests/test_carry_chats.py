"""Last semester's TUKs confirmed over both chat channels: Telegram's buttons and WhatsApp's
reply buttons (Semua masih sama, Satu per satu; then per TUK Masih sama, Ada perubahan, Tidak
lagi), the "tetap" button while a changed TUK is walked, and the messages each semester took."""

from typing import Any

import pytest

from storage.enums import Role
from tests.botapi.harness import TelegramBot
from tests.botapi.server import Person as TelegramPerson
from tests.graphapi.harness import WhatsAppBot, texts_of
from tests.graphapi.server import Person as WhatsAppPerson
from tests.test_carry import NEXT, TUKS, answers_now, carried

TG_SITI = TelegramPerson(7305, "Siti")
WA_SITI = WhatsAppPerson("Siti Aminah", wa_id="6281100000002", user_id="ID.1000000000000000002")


def first_script() -> list[str]:
    """Semester II 2026: three TUKs typed, every one of them."""
    script = ["/menu", "2.5"]
    for number, tuk in enumerate(TUKS):
        script += [*tuk, "ya" if number < len(TUKS) - 1 else "tidak"]
    return [*script, "/lewati", "kirim"]


def tg_texts(sent: list[Any]) -> str:
    return "\n\n".join(message.text for message in sent)


@pytest.mark.sqlite_only  # the channel's translation does not depend on the database
async def test_telegram_three_unchanged_tuks_by_buttons(telegram: TelegramBot) -> None:
    await telegram.join(TG_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    first = first_script()
    for line in first:
        sent = await telegram.say(TG_SITI, line)
    assert "sudah terkirim" in tg_texts(sent)
    telegram.clock.now = NEXT
    second = 0
    await telegram.say(TG_SITI, "/menu")
    offer = await telegram.press(TG_SITI, "2.5 Pengembangan")
    second += 2
    assert "Pada Semester II Tahun 2026 Anda melaporkan 3 TUK" in tg_texts(offer)
    labels = [button["text"] for button in offer[-1].buttons]
    assert labels == ["Semua masih sama", "Satu per satu"]
    await telegram.press(TG_SITI, "Semua masih sama")
    second += 1
    for count, progress in (("60", "Lift baru."), ("45", "Dapur baru."), ("30", "Server baru.")):
        await telegram.say(TG_SITI, count)
        await telegram.say(TG_SITI, progress)
        second += 2
    await telegram.press(TG_SITI, "Tidak")
    await telegram.say(TG_SITI, "/lewati")
    done = await telegram.press(TG_SITI, "Kirim")
    second += 3
    print(f"\nTelegram, 2.5 with three TUKs: {len(first)} messages, then {second}")
    assert "sudah terkirim" in tg_texts(done)
    assert second == 12 and second * 5 <= len(first) * 2
    now = answers_now(telegram.db, "Siti Aminah", "2.5")
    assert [now[(n, "jumlah_asesi")] for n in (1, 2, 3)] == [60, 45, 30]
    assert len([key for key in carried(telegram.db, "Siti Aminah", "2.5")]) == 3 * 5 + 1


@pytest.mark.sqlite_only  # the channel's translation does not depend on the database
async def test_telegram_a_changed_tuk_keeps_values_with_a_tetap_button(
    telegram: TelegramBot,
) -> None:
    await telegram.join(TG_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    for line in first_script():
        await telegram.say(TG_SITI, line)
    telegram.clock.now = NEXT
    await telegram.say(TG_SITI, "/menu")
    await telegram.press(TG_SITI, "2.5 Pengembangan")
    await telegram.press(TG_SITI, "Satu per satu")
    asked = await telegram.press(TG_SITI, "Ada perubahan")
    assert asked[-1].buttons[0]["text"] == "tetap: TUK Bengkel Otomotif SMKN 3 Kota Bima"
    asked = await telegram.press(TG_SITI, "tetap:")  # the name stays
    assert "Lokasi (alamat) TUK" in tg_texts(asked)
    await telegram.say(TG_SITI, "Jl. Lintas Sumbawa No. 40, Kota Bima")
    asked = telegram.api.chat(TG_SITI.id)[-1]
    assert "Semester lalu: TUK Mandiri" in asked.text  # a choice: "tetap" typed, no button
    assert not any(b["text"].startswith("tetap") for b in asked.buttons)
    chosen = await telegram.say(TG_SITI, "tetap")
    assert "Status verifikasi TUK" in tg_texts(chosen)
    now = answers_now(telegram.db, "Siti Aminah", "2.5")
    assert now[(1, "lokasi")] == "Jl. Lintas Sumbawa No. 40, Kota Bima"
    assert now[(1, "jenis")] == "mandiri"
    assert set(carried(telegram.db, "Siti Aminah", "2.5")) == {(1, "nama"), (1, "jenis")}


@pytest.mark.sqlite_only  # the channel's translation does not depend on the database
async def test_whatsapp_reply_buttons_and_a_tetap_choice(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(WA_SITI, Role.KOORDINATOR_TUK, "Siti Aminah")
    for line in first_script():
        sent = await whatsapp.say(WA_SITI, line)
    assert "sudah terkirim" in texts_of(sent)
    whatsapp.clock.now = NEXT
    await whatsapp.say(WA_SITI, "/menu")
    offer = await whatsapp.say(WA_SITI, "2.5")
    assert "Pada Semester II Tahun 2026 Anda melaporkan 3 TUK" in texts_of(offer)
    buttons = offer[-1].payload["interactive"]["action"]["buttons"]
    assert [b["reply"]["title"] for b in buttons] == ["Semua masih sama", "Satu per satu"]
    one = await whatsapp.press(WA_SITI, "Satu per satu")
    buttons = one[-1].payload["interactive"]["action"]["buttons"]
    assert [b["reply"]["title"] for b in buttons] == ["Masih sama", "Ada perubahan", "Tidak lagi"]
    kept = await whatsapp.press(WA_SITI, "Masih sama")
    assert "disalin dari Semester II Tahun 2026" in texts_of(kept)
    await whatsapp.say(WA_SITI, "60")
    nxt = await whatsapp.say(WA_SITI, "Lift baru.")
    assert "TUK ke-2 semester lalu: TUK Dapur Tata Boga" in texts_of(nxt)
    changed = await whatsapp.press(WA_SITI, "Ada perubahan")
    titles = [title for title, _id in changed[-1].choices]
    assert any("tetap: TUK Dapur" in title for title in titles), titles  # shortened to fit
    await whatsapp.press(WA_SITI, "tetap")
    now = answers_now(whatsapp.db, "Siti Aminah", "2.5")
    assert now[(2, "nama")] == "TUK Dapur Tata Boga"
    assert (2, "nama") in carried(whatsapp.db, "Siti Aminah", "2.5")


TG_BUDI = TelegramPerson(7306, "Budi")
WA_RINA = WhatsAppPerson("Rina Wati", wa_id="6281100000003", user_id="ID.1000000000000000003")
SCHEMES = [
    ["Teknik Kendaraan Ringan Otomotif", "kualifikasi", "baru", "skkni", "SKKNI 116/2019", "50"],
    ["Tata Boga", "okupasi", "tetap", "skkni", "SKKNI 15/2018", "40"],
]


@pytest.mark.sqlite_only  # the channel's translation does not depend on the database
async def test_telegram_an_assessor_confirms_3_2_and_answers_the_semester(
    telegram: TelegramBot,
) -> None:
    await telegram.join(TG_BUDI, Role.ASESOR, "Budi Santoso")
    for line in ["/menu", "3.2", "MET.000.001234 2019", "31-12-2028", "/lewati", "TKRO", "30",
                 "ya", "RCC Oktober 2026", "/lewati", "kirim"]:  # fmt: skip
        sent = await telegram.say(TG_BUDI, line)
    assert "sudah terkirim" in tg_texts(sent)
    telegram.clock.now = NEXT
    await telegram.say(TG_BUDI, "/menu")
    offer = await telegram.press(TG_BUDI, "3.2")
    assert "MET.000.001234" in tg_texts(offer) and "Masih sama?" in tg_texts(offer)
    assert [b["text"] for b in offer[-1].buttons] == ["Masih sama", "Ada perubahan"]
    asked = await telegram.press(TG_BUDI, "Masih sama")
    assert "Jumlah asesi" in tg_texts(asked)  # the semester's question, and no evidence asked
    for line in ("25", "tidak", "/lewati"):
        await telegram.say(TG_BUDI, line)
    done = await telegram.press(TG_BUDI, "Kirim")
    assert "sudah terkirim" in tg_texts(done)
    now = answers_now(telegram.db, "Budi Santoso", "3.2")
    assert now[(0, "masa_berlaku")] == "2028-12-31" and now[(0, "jumlah_asesi")] == 25
    assert {(0, "nomor_registrasi"), (0, "masa_berlaku")} <= set(
        carried(telegram.db, "Budi Santoso", "3.2")
    )


@pytest.mark.sqlite_only  # the channel's translation does not depend on the database
async def test_whatsapp_the_komite_confirms_every_scheme_with_one_button(
    whatsapp: WhatsAppBot,
) -> None:
    await whatsapp.join(WA_RINA, Role.KOMITE_SKEMA, "Rina Wati")
    script = ["/menu", "2.2", "SK komite terbit.", "/lewati"]
    for n, scheme in enumerate(SCHEMES):
        script += [*scheme, "ya" if n < len(SCHEMES) - 1 else "tidak"]
    for line in [*script, "Rapat dengan DUDI.", "/lewati", "kirim"]:
        sent = await whatsapp.say(WA_RINA, line)
    assert "sudah terkirim" in texts_of(sent)
    whatsapp.clock.now = NEXT
    for line in ("/menu", "2.2", "Anggota komite bertambah.", "/lewati"):
        offer = await whatsapp.say(WA_RINA, line)
    assert "Semuanya masih sama" in texts_of(offer)
    asked = await whatsapp.press(WA_RINA, "Semua masih sama")
    assert "✓ 2 skema sertifikasi disalin dari Semester II Tahun 2026" in texts_of(asked)
    for line in ("tetap", "55", "tetap", "42", "tidak", "Harmonisasi.", "/lewati"):
        await whatsapp.say(WA_RINA, line)
    done = await whatsapp.press(WA_RINA, "Kirim")
    assert "sudah terkirim" in texts_of(done)
    now = answers_now(whatsapp.db, "Rina Wati", "2.2")
    assert [now[(n, "nama")] for n in (1, 2)] == [SCHEMES[0][0], SCHEMES[1][0]]
    assert {(1, "nama"), (2, "nama"), (2, "standar")} <= set(
        carried(whatsapp.db, "Rina Wati", "2.2")
    )
