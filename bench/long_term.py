"""What long-term signing adds to a final: its time and size for PAdES B-B, B-LT and B-LTA, and
for one `report extend`, against a timestamp authority and a CRL served on this machine
(tests/pki.py; a real authority adds its network round trips). The final is a report A final
made by the renderer from a realistic semester (bench/evidence.py's, without photos).

    python bench/long_term.py [--runs 5]
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyhanko.pdf_utils.reader import PdfFileReader

from render.long_term import extend
from render.signing import Pkcs12Signer
from tests.pki import PASSPHRASE, authority


def _final(folder: Path) -> bytes:
    """A final of bench/evidence.py's ten-TUK semester, unsigned."""
    from bench.evidence import SEMESTER_OVER, semester
    from bot.reports.desk import ReportDesk
    from render.renderer import Renderer
    from storage.db import make_engine

    engine = make_engine(semester(folder, []))
    renderer = Renderer(1)
    try:
        desk = ReportDesk(engine, renderer, clock=lambda: SEMESTER_OVER)
        period = desk.period("2026-II")
        assert period is not None
        outcome = desk.final(period, prepared_by="Bu Admin", member_id=None, channel="cli")
        assert outcome.pdf is not None
        return outcome.pdf
    finally:
        renderer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp())
    pdf = _final(folder)
    print(f"final (PDF/A-3b, unsigned): {len(pdf) / 1000:.0f} KB")
    print(f"{'level':<10}{'seconds (median)':>18}{'KB added':>10}")
    with authority(folder) as ca:
        last = b""
        for level, url, lta in (("B-B", None, False), ("B-LT", ca.tsa_url, False),
                                ("B-LTA", ca.tsa_url, True)):  # fmt: skip
            signer = Pkcs12Signer(ca.signer_p12, PASSPHRASE, "Bu Admin", timestamp_url=url,
                                  archival_timestamp=lta)  # fmt: skip
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                last = signer.sign(pdf, reason="Laporan final")
                times.append(time.perf_counter() - start)
            added = (len(last) - len(pdf)) / 1000
            print(f"{level:<10}{statistics.median(times):>18.3f}{added:>10.1f}")
        roots = signer.roots()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            extended = extend(last, timestamp_url=ca.tsa_url, roots=roots)
            times.append(time.perf_counter() - start)
        added = (len(extended) - len(last)) / 1000
        print(f"{'extend':<10}{statistics.median(times):>18.3f}{added:>10.1f}")
    assert len(PdfFileReader(io.BytesIO(extended)).embedded_signatures) == 3


if __name__ == "__main__":
    main()
