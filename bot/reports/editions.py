"""Which report is meant (A, B for a semester, B for one issuance), periods as people type
them, and the names of the files the reports and exports are sent as."""

from dataclasses import dataclass
from datetime import datetime

from bot.reports import texts
from conversations.service import period_label
from storage.periods import WITA
from storage.queries import PeriodRecord

REPORT = "A"
FILE_STEMS = {"A": "Laporan-Kegiatan-LSP", "B": "Laporan-Penerbitan-Sertifikat"}
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
# Telegram's bots send files of up to 50 MB; a larger file is fetched at the server instead.
CHAT_FILE_LIMIT = 48_000_000


@dataclass(frozen=True)
class Edition:
    """Which report: A (activities) or B (certificate issuance) for a semester, or B for one
    issuance (penerbitan)."""

    report: str = REPORT
    issuance: int | None = None

    @property
    def code(self) -> str:
        """How its finals are filed: 'A', 'B', or 'B3' for issuance 3."""
        return f"B{self.issuance}" if self.issuance is not None else self.report

    @property
    def stem(self) -> str:
        """The start of its file names."""
        stem = FILE_STEMS[self.report]
        return f"{stem}_P{self.issuance}" if self.issuance is not None else stem


ACTIVITIES = Edition()
SEMESTER_CERTIFICATES = Edition("B")


def edition_label(period: PeriodRecord, edition: Edition = ACTIVITIES) -> str:
    """'Semester II Tahun 2026' (report A), with 'penerbitan sertifikat' for report B."""
    label = period_label(period)
    if edition.report == "A":
        return label
    if edition.issuance is None:
        return texts.EDITION_SEMESTER.format(period=label)
    return texts.EDITION_ISSUANCE.format(number=edition.issuance, period=label)


def draft_filename(period: PeriodRecord, now: datetime, edition: Edition = ACTIVITIES) -> str:
    """Laporan-Kegiatan-LSP_2026-II_DRAF_20261124-1005.pdf."""
    stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
    return f"{edition.stem}_{period.year}-{period.semester}_DRAF_{stamp}.pdf"


def final_filename(period: PeriodRecord, version: int, edition: Edition = ACTIVITIES) -> str:
    """Laporan-Kegiatan-LSP_2026-II_v2.pdf."""
    return f"{edition.stem}_{period.year}-{period.semester}_v{version}.pdf"


def evidence_filename(period: PeriodRecord, now: datetime) -> str:
    """Bukti-LSP_2026-II_20261124-1005.zip."""
    stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
    return f"Bukti-LSP_{period.year}-{period.semester}_{stamp}.zip"


def export_filename(period: PeriodRecord, now: datetime) -> str:
    """Data-LSP_2026-II_20261124-1005.xlsx."""
    stamp = now.astimezone(WITA).strftime("%Y%m%d-%H%M")
    return f"Data-LSP_{period.year}-{period.semester}_{stamp}.xlsx"
