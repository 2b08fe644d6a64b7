"""The published report as a PDF (fpdf2, pure Python): a title page line, then the text paragraph by paragraph."""

import datetime as dt
from typing import TYPE_CHECKING

from backend.core.documents import latin1 as _latin1
from backend.overview_reports.diff import paragraphs
from backend.overview_reports.models import ReportDocument, ReportVersion

if TYPE_CHECKING:
    from fpdf import FPDF  # loaded when a PDF is made (core/documents.py says why)

TITLES = {ReportDocument.overview_report: "Overview report", ReportDocument.executive_summary: "Executive summary"}


def _line(pdf: "FPDF", height: int, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def render(version: ReportVersion, child_reference: str, published_at: dt.datetime | None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Child Safeguarding Practice Review: {child_reference}"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _line(pdf, 9, _latin1(f"Child Safeguarding Practice Review: {child_reference}"))
    pdf.set_font("Helvetica", "", 13)
    published = f", published {published_at:%-d %B %Y}" if published_at else ""
    _line(pdf, 8, _latin1(f"{TITLES[version.document]} (version {version.number}){published}"))
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs(version.text):
        _line(pdf, 6, _latin1(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())
