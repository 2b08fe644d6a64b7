"""What the product's generated documents share: their media types, the name a download is saved under, a table in
Word, and text that a PDF's built-in font can draw.

Word documents are written with python-docx; PDFs with fpdf2 (pure Python) in its built-in Helvetica, which holds
Latin-1 only: curly quotes, dashes and bullets are written as their plain equivalents and anything else outside
Latin-1 as "?", so no font file has to ship with the product.

The libraries load when a document is first made, not with the app: fpdf2 and openpyxl bring numpy and fontTools
with them, about 80 MB a worker would otherwise hold whether or not it ever writes a file
(tests/test_request_path.py holds the app to that).
"""

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from backend.core.text import without_control_characters

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from fpdf import FPDF

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MEDIA_TYPE = "application/pdf"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet reads a cell starting with these as a formula: such text is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# python-docx stamps its own name as author; the partnership's documents carry only the partnership's.
AUTHOR = "Safeguarding Children Partnership"

_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-",
                        "\u00a0": " "})


def latin1(text: str) -> str:
    """Text as the PDF's built-in Helvetica can draw it (see the module's docstring)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet cell (Excel or CSV) holds it: never run as a formula (OWASP CSV injection), and without
    the control characters an Excel file cannot hold (a record written before they were refused)."""
    value = without_control_characters(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def attachment(name: str, reference: str, extension: str) -> dict[str, str]:
    """The header that saves a download as `<name>-<reference>.<extension>` ("rapid-review-report-child-eo.pdf")."""
    slug = "".join(c if c.isalnum() else "-" for c in reference).strip("-").lower() or "record"
    return {"Content-Disposition": f'attachment; filename="{name}-{slug}.{extension}"'}


def word_document(title: str, font_size: float | None = None) -> "WordDocument":
    """A Word document titled and authored by the partnership; `font_size` (points) sets its body text's size."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    if font_size is not None:
        document.styles["Normal"].font.size = Pt(font_size)
    document.core_properties.author = AUTHOR
    document.core_properties.title = title
    return document


def docx_table(document: "WordDocument", header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A bordered table with a header row; every value written as text."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def docx_bytes(document: "WordDocument") -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_document(title: str) -> "FPDF":
    """An A4 PDF with its first page added, titled, ready for `pdf_paragraph`."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author(AUTHOR)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    return pdf


def pdf_paragraph(pdf: "FPDF", text: str, size: float = 10, style: str = "") -> None:
    """A paragraph across the page's width, in Helvetica of this size and style ("B" bold), then a little space."""
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(pdf.epw, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
