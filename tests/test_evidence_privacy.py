"""Who can get evidence: its owner sent it and the admins review and export it; no other member,
whatever they send, sees a file's name or hash or receives a file; the public verification page
of a final that carries evidence shows nothing of it."""

import hashlib

import httpx
import pytest
from sqlalchemy import select

from storage.db import session_scope
from storage.enums import Role
from storage.models import FinalReport
from tests.helpers import Chat, complete_profile
from tests.reporting import fill, last_document
from tests.test_evidence_reports import photo, sent_with
from tests.test_reports import SEMESTER_OVER
from tests.verifying import PUBLIC_URL, Published, serving

SECRET_NAME = "berita-acara-rahasia.jpg"
TRIES = ["/periksa", "/draft", "/draft sertifikat", "/ekspor", "/ekspor bukti", "/perbaiki 2.5",
         "/isi 2.5", "/status", "/menu", "1", "/laporan", "/final"]  # fmt: skip


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_no_one_but_the_owner_and_the_admins_gets_a_file(chat: Chat, role: Role) -> None:
    data = photo()
    sent_with(chat, (SECRET_NAME, data))
    digest = hashlib.sha256(data).hexdigest()
    other = "lain"
    chat.join(other, role, "Anggota Lain")
    documents = len(chat.documents)
    for line in TRIES:
        reply = chat.say(other, line)
        assert SECRET_NAME not in reply and digest not in reply, (role, line, reply)
    assert len(chat.documents) == documents  # nothing sent to them
    opened = chat.script("admin", ["/periksa", "1"])
    assert SECRET_NAME in opened  # the admin sees it


def test_the_public_page_of_a_final_with_evidence_shows_nothing_of_it(chat: Chat) -> None:
    data = photo()
    sent_with(chat, (SECRET_NAME, data))
    chat.desk.public_url = PUBLIC_URL
    chat.clock.now = SEMESTER_OVER
    complete_profile(chat.db)
    fill(chat, "2.2", "2.3", "2.4", "2.6", "2.7")
    assert "versi 1 dibuat" in chat.say("admin", "/final")
    final = last_document(chat).data
    with session_scope(chat.db) as session:
        row = session.execute(select(FinalReport)).scalar_one()
        code, sha = row.verification_code or "", row.pdf_sha256
    published = Published(chat, final, final, (code, code), (sha, sha), b"")
    with serving(published) as base:
        page = httpx.get(f"{base}/verifikasi/{code}", follow_redirects=True, timeout=30)
        checked = httpx.post(f"{base}/verifikasi", files={"berkas": ("l.pdf", final)}, timeout=60)
    assert page.status_code == 200 and checked.status_code == 200
    assert "COCOK" in checked.text and "TIDAK COCOK" not in checked.text
    for html in (page.text, checked.text):
        assert SECRET_NAME not in html and hashlib.sha256(data).hexdigest() not in html
        assert "Siti Aminah" not in html
