"""Messages and seconds for a semester's sections, typed fresh and then confirmed from the
semester before.

Usage: python bench/carry.py

Through the dispatcher every channel uses, on a fresh durable SQLite file: a TUK coordinator
with three TUKs (2.5), an assessor (3.2) and the komite skema with three schemes (2.2) fill their
sections in semester II 2026; in semester I 2027 they confirm what did not change ("Semua masih
sama" for a list, "Masih sama" for one) and answer only the semester's questions. Prints, per
section, the messages each semester took, their ratio, and the seconds the bot spent on them
(not the people's typing).
"""

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.server.app import build_dispatcher
from bot.server.config import Settings
from conversations.service import Message, create_invite
from render.renderer import Renderer
from storage.db import create_all, make_engine
from storage.enums import Role

FIRST = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
NEXT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)
TUKS = [
    ["TUK Bengkel Otomotif", "Jl. Soekarno-Hatta 12", "mandiri", "terverifikasi", "12-08-2026",
     "Skema TKRO", "52", "Ruang praktik direnovasi."],
    ["TUK Dapur Tata Boga", "Jl. Gajah Mada 1", "sewaktu", "proses", "Skema Tata Boga", "40",
     "Peralatan ditambah."],
    ["TUK Lab Komputer", "Jl. Sultan Hasanuddin 5", "tempat_kerja", "belum", "Skema TKJ", "27",
     "Jaringan diperbarui."],
]  # fmt: skip
SCHEMES = [
    ["Teknik Kendaraan Ringan Otomotif", "kualifikasi", "baru", "skkni", "SKKNI 116/2019", "50"],
    ["Tata Boga", "okupasi", "tetap", "skkni", "SKKNI 15/2018", "40"],
    ["Teknik Komputer dan Jaringan", "klaster", "revisi", "internasional", "ICDL", "27"],
]
PEOPLE = {
    "2.5": (Role.KOORDINATOR_TUK, "Siti Aminah"),
    "3.2": (Role.ASESOR, "Budi Santoso"),
    "2.2": (Role.KOMITE_SKEMA, "Rina Wati"),
}


def fresh(section: str) -> list[str]:
    """Everything typed, the first semester."""
    if section == "2.5":
        lines = ["/menu", "2.5"]
        for n, tuk in enumerate(TUKS):
            lines += [*tuk, "ya" if n < 2 else "tidak"]
        return [*lines, "/lewati", "kirim"]
    if section == "3.2":
        return ["/menu", "3.2", "MET.000.001234 2019", "31-12-2028", "TKRO", "30", "ya",
                "RCC Oktober 2026", "/lewati", "kirim"]  # fmt: skip
    lines = ["/menu", "2.2", "SK komite terbit."]
    for n, scheme in enumerate(SCHEMES):
        lines += [*scheme, "ya" if n < 2 else "tidak"]
    return [*lines, "Rapat dengan DUDI.", "/lewati", "kirim"]


def carried(section: str) -> list[str]:
    """The next semester: confirmed, then only the semester's questions."""
    if section == "2.5":
        lines = ["/menu", "2.5", "semua masih sama"]
        for count in ("60", "45", "30"):
            lines += [count, "Berjalan baik."]
        return [*lines, "tidak", "/lewati", "kirim"]
    if section == "3.2":
        return ["/menu", "3.2", "sama", "25", "tidak", "/lewati", "kirim"]
    lines = ["/menu", "2.2", "Anggota komite bertambah.", "semua masih sama"]
    for count in ("55", "42", "30"):
        lines += ["tetap", count]
    return [*lines, "tidak", "Harmonisasi dengan dinas.", "/lewati", "kirim"]


def run() -> list[tuple[str, int, float, int, float]]:
    """(section, messages, seconds) fresh and carried forward."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        db = make_engine(f"sqlite:///{folder}/bench.db")
        create_all(db)
        now = [FIRST]
        dispatch = build_dispatcher(db, Renderer(1), Settings(), clock=lambda: now[0])
        for section, (role, name) in PEOPLE.items():
            code = create_invite(db, role=role, name=name, now=FIRST)
            dispatch.handle(Message(f"console:{section}", f"/start {code}"))
        spent: dict[tuple[str, int], float] = {}
        for semester, script in ((0, fresh), (1, carried)):
            now[0] = (FIRST, NEXT)[semester]
            for section in PEOPLE:
                started = time.perf_counter()
                for n, line in enumerate(script(section)):
                    message = Message(f"console:{section}", line, message_id=f"{semester}-{n}")
                    replies = dispatch.handle(message)
                    dispatch.replied(message)
                assert "sudah terkirim" in replies[0].text, (section, replies[0].text)
                spent[(section, semester)] = time.perf_counter() - started
        for section in PEOPLE:
            results.append((section, len(fresh(section)), spent[(section, 0)],
                            len(carried(section)), spent[(section, 1)]))  # fmt: skip
        db.dispose()
    return results


def main() -> None:
    """Print the figures."""
    print("section   fresh: messages  seconds   carried: messages  seconds   carried/fresh")
    for section, fresh_count, fresh_s, carried_count, carried_s in run():
        print(f"{section:>7}   {fresh_count:>15}  {fresh_s:>7.3f}   {carried_count:>17}  "
              f"{carried_s:>7.3f}   {carried_count / fresh_count:>13.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
