"""Evidence over Telegram and WhatsApp, through the Bot API and Graph stand-ins: a photo (on
Telegram its largest size) and a PDF kept for the answer that asked for them, a program renamed
.jpg refused by its bytes, and a photo nobody asked for not kept."""

import hashlib

from sqlalchemy import select

from storage.db import session_scope
from storage.enums import Role
from storage.evidence import Evidence, EvidenceFile
from tests.botapi.harness import TelegramBot
from tests.botapi.server import Person
from tests.graphapi.harness import WhatsAppBot
from tests.graphapi.harness import texts_of as wa_texts
from tests.graphapi.server import Person as WhatsAppPerson
from tests.test_evidence import JPEG, NOT_A_PHOTO, PDF

BUDI = Person(7401, "Budi")
ASKED = "Kirim foto atau pindaian sertifikat asesor Anda sebagai bukti"


def texts(sent: list) -> str:  # type: ignore[type-arg]
    return "\n\n".join(message.text for message in sent)


async def test_telegram_photo_and_pdf_kept_a_disguised_file_refused(telegram: TelegramBot) -> None:
    await telegram.join(BUDI, Role.ASESOR, "Budi Santoso")
    await telegram.say(BUDI, "/menu")
    await telegram.press(BUDI, "3.2")
    await telegram.say(BUDI, "MET.000.001234 2019")
    asked = await telegram.say(BUDI, "31-12-2028")
    assert ASKED in texts(asked)
    kept = await telegram.send_photo(BUDI, JPEG)
    assert "✓ Bukti tersimpan: foto-" in texts(kept)
    refused = await telegram.send_file(BUDI, "foto.jpg", NOT_A_PHOTO, "image/jpeg")
    assert "bukan foto (JPEG/PNG) atau PDF, apa pun namanya" in texts(refused)
    stored = await telegram.send_file(BUDI, "sertifikat.pdf", PDF, "application/pdf")
    assert "✓ Bukti tersimpan: sertifikat.pdf" in texts(stored) and "2 halaman" in texts(stored)
    nxt = await telegram.say(BUDI, "selesai")
    assert "Ruang lingkup kompetensi" in texts(nxt)
    with session_scope(telegram.db) as session:
        rows = session.execute(select(Evidence.kind, Evidence.sha256, Evidence.channel)).all()
        sizes = dict(session.execute(select(EvidenceFile.sha256, EvidenceFile.size)).all())
    assert [(kind, channel) for kind, _sha, channel in rows] == [
        ("jpeg", "telegram"),
        ("pdf", "telegram"),
    ]
    assert rows[0][1] == hashlib.sha256(JPEG).hexdigest()  # the largest size, whole
    assert sizes[rows[0][1]] == len(JPEG)


async def test_telegram_a_photo_nobody_asked_for_is_not_kept(telegram: TelegramBot) -> None:
    await telegram.join(BUDI, Role.ASESOR, "Budi Santoso")
    await telegram.say(BUDI, "/menu")
    await telegram.press(BUDI, "3.2")
    reply = await telegram.send_photo(BUDI, JPEG)
    assert "Berkas hanya diterima saat bot meminta bukti." in texts(reply)
    with session_scope(telegram.db) as session:
        assert session.execute(select(Evidence.id)).first() is None


WA_BUDI = WhatsAppPerson("Budi Santoso", wa_id="6281100000007", user_id="ID.1000000000000000007")


async def test_whatsapp_image_and_pdf_kept_a_disguised_file_refused(whatsapp: WhatsAppBot) -> None:
    await whatsapp.join(WA_BUDI, Role.ASESOR, "Budi Santoso")
    await whatsapp.say(WA_BUDI, "/menu")
    await whatsapp.say(WA_BUDI, "1")
    await whatsapp.say(WA_BUDI, "MET.000.001234 2019")
    asked = await whatsapp.say(WA_BUDI, "31-12-2028")
    assert ASKED in wa_texts(asked)
    assert "✓ Bukti tersimpan: image-" in wa_texts(await whatsapp.send_image(WA_BUDI, JPEG))
    refused = await whatsapp.send_file(WA_BUDI, "foto.jpg", NOT_A_PHOTO, "image/jpeg")
    assert "bukan foto (JPEG/PNG) atau PDF" in wa_texts(refused)
    stored = await whatsapp.send_file(WA_BUDI, "sertifikat.pdf", PDF, "application/pdf")
    assert "✓ Bukti tersimpan: sertifikat.pdf" in wa_texts(stored)
    assert "Ruang lingkup kompetensi" in wa_texts(await whatsapp.say(WA_BUDI, "selesai"))
    with session_scope(whatsapp.db) as session:
        rows = session.execute(select(Evidence.kind, Evidence.sha256, Evidence.channel)).all()
    assert [(kind, channel) for kind, _sha, channel in rows] == [
        ("jpeg", "whatsapp"),
        ("pdf", "whatsapp"),
    ]
    assert rows[0][1] == hashlib.sha256(JPEG).hexdigest()
