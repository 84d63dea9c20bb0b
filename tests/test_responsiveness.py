"""A large report renders in other processes: everyone else keeps getting answers meanwhile."""

import threading
import time

from sqlalchemy import Engine

from conversations.events import Reply
from conversations.service import Message
from render.renderer import Renderer
from storage.enums import Role
from tests.helpers import Chat, Clock
from tests.reporting import page_count, populate


def test_others_are_answered_while_a_large_report_renders(
    db: Engine, clock: Clock, renderer: Renderer
) -> None:
    populate(db, tuks=300)  # about 3,300 table rows
    chat = Chat(db, clock, renderer)
    chat.join("siti", Role.KOORDINATOR_TUK, "Siti Baru")
    result: list[Reply] = []
    admin = threading.Thread(
        target=lambda: result.extend(chat.dispatcher.handle(Message("console:admin", "/draft")))
    )
    admin.start()
    deadline = time.monotonic() + 60
    while renderer.in_flight == 0 and admin.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert renderer.in_flight == 1, "the draft never started rendering"

    replies = [chat.say("siti", text) for text in ("/menu", "1", "TUK Sela", "/status", "/menu")]

    still_rendering = renderer.in_flight == 1 and admin.is_alive()
    admin.join(timeout=120)
    assert still_rendering, "the other user's replies waited for the report"
    assert "Pilih bagian" in replies[0]
    assert "Lokasi (alamat) TUK" in replies[2]
    assert "Status bagian Anda untuk Semester II Tahun 2026" in replies[3]
    assert result and result[0].document is not None
    assert page_count(result[0].document.data) > 100
