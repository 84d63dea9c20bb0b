"""What a final carries inside it, as PDF/A-3 associated files: the frozen data (the exact
bytes its content fingerprint is computed over), the spreadsheet of the period as it was when
the final was made, and the evidence its appendix lists, byte for byte."""

from collections.abc import Mapping

from bot.reports import texts
from bot.reports.editions import XLSX
from render.archival import DATA, SOURCE, SUPPLEMENT, Attachment
from render.fingerprint import canonical
from render.report_data import ReportContext
from storage.queries import PeriodRecord

MIME = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def final_attachments(
    ctx: ReportContext, files: Mapping[str, bytes], spreadsheet: bytes, period: PeriodRecord
) -> tuple[Attachment, ...]:
    """The data, the spreadsheet and the evidence, named and described."""
    code = f"{period.year}-{period.semester}"
    report = ctx["content"]["report"]
    found = [
        Attachment(f"data-laporan-{report}_{code}.json", canonical(ctx["content"]),
                   "application/json", DATA, texts.ATTACHED_DATA),
        Attachment(f"Data-LSP_{code}.xlsx", spreadsheet, XLSX, SOURCE, texts.ATTACHED_SHEET),
    ]  # fmt: skip
    for item in ctx["content"].get("evidence", []):
        data = files.get(item["sha256"])
        if data is None:
            continue
        described = texts.ATTACHED_EVIDENCE.format(ref=item["ref"], answer=item["answer"])
        found.append(Attachment(f"{item['no']:02d}-{item['name']}", data,
                                MIME.get(item["kind"], "application/octet-stream"), SUPPLEMENT,
                                described))  # fmt: skip
    return tuple(found)
