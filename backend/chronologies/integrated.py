"""The integrated chronology: every agency's submitted entries merged into one timeline, and what it leaves out.

Lead reviewers used to build this by hand from each agency's Word table. Here it is one indexed read of the review's
submitted entries, whatever their number, grouped by day (several agencies' entries of one day together) with the
periods in which no agency recorded any contact shown as gaps. Exports (CSV, XLSX, DOCX) hold the filtered rows.
"""

import csv
import datetime as dt
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from backend.chronologies.models import AgencyChronology, ChronologyEntry
from backend.chronologies.policy import visible_chronologies
from backend.chronologies.schemas import (
    Contribution,
    ExportFormat,
    Gap,
    IntegratedChronology,
)
from backend.chronologies.service import WITHOUT_CONTENT
from backend.core.access import Principal
from backend.core.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE, spreadsheet_text
from backend.core.errors import Invalid
from backend.identity.models import Agency
from backend.identity.schemas import AgencySummary
from backend.reviews.models import Review

COLUMNS = ("Date", "Time", "Agency", "Source", "What happened", "Significance")


@dataclass(frozen=True)
class Filters:
    agency_ids: Sequence[uuid.UUID] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None
    gap_days: int = 30

    def check(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise Invalid("The date range is back to front.",
                          errors=[("query.date_to", "The end date must be the same as or after the start date")])


Row = dict[str, Any]  # an entry, a day or the chronology as plain values, validated once as the whole answer


def _entries(session: Session, principal: Principal, review: Review, filters: Filters) -> list[Row]:
    """The submitted entries, filtered, in date and time order: one statement, plain rows sharing one
    AgencySummary per agency (2,000 entries are a dict each, not a model each)."""
    visible = select(AgencyChronology.id).where(AgencyChronology.review_id == review.id,
                                                visible_chronologies(principal))
    stmt = (select(ChronologyEntry.id, ChronologyEntry.occurred_on, ChronologyEntry.occurred_time,
                   ChronologyEntry.source, ChronologyEntry.what_happened, ChronologyEntry.significance,
                   Agency.id, Agency.name, Agency.kind)
            .join(Agency, Agency.id == ChronologyEntry.agency_id)
            .where(ChronologyEntry.review_id == review.id, ChronologyEntry.submitted.is_(True),
                   ChronologyEntry.chronology_id.in_(visible)))
    if filters.agency_ids:
        stmt = stmt.where(ChronologyEntry.agency_id.in_(list(filters.agency_ids)))
    if filters.date_from:
        stmt = stmt.where(ChronologyEntry.occurred_on >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(ChronologyEntry.occurred_on <= filters.date_to)
    if filters.text:
        needle = filters.text.strip().lower()
        stmt = stmt.where(or_(*(func.lower(column).contains(needle, autoescape=True) for column in (
            ChronologyEntry.what_happened, ChronologyEntry.significance, ChronologyEntry.source))))
    stmt = stmt.order_by(ChronologyEntry.occurred_on, ChronologyEntry.occurred_time.nulls_first(), Agency.name,
                         ChronologyEntry.created_at, ChronologyEntry.id)
    agencies: dict[uuid.UUID, AgencySummary] = {}
    entries = []
    for entry_id, occurred_on, occurred_time, source, what_happened, significance, agency_id, name, kind in (
            session.execute(stmt).tuples()):
        agency = agencies.get(agency_id)
        if agency is None:
            agency = agencies[agency_id] = AgencySummary(id=agency_id, name=name, kind=kind)
        entries.append({"id": entry_id, "agency": agency, "occurred_on": occurred_on, "occurred_time": occurred_time,
                        "source": source, "what_happened": what_happened, "significance": significance})
    return entries


def _gap(previous: dt.date, day: dt.date, gap_days: int) -> Gap | None:
    silent = (day - previous).days - 1
    if silent <= gap_days:
        return None
    return Gap(starts_on=previous + dt.timedelta(days=1), ends_on=day - dt.timedelta(days=1), days=silent)


def group_by_day(entries: Sequence[Row], gap_days: int) -> list[Row]:
    """Entries (already in order) grouped by day, each day saying the gap since the day before, if any."""
    days: list[Row] = []
    day: Row = {}
    for entry in entries:
        if not days or day["date"] != entry["occurred_on"]:
            gap = _gap(day["date"], entry["occurred_on"], gap_days) if days else None
            day = {"date": entry["occurred_on"], "agencies": [], "entries": [], "gap_before": gap}
            days.append(day)
        day["entries"].append(entry)
        if all(a is not entry["agency"] for a in day["agencies"]):  # one AgencySummary per agency (_entries)
            day["agencies"].append(entry["agency"])
    return days


def _contributions(session: Session, principal: Principal, review: Review) -> list[Contribution]:
    """Each visible chronology of the review and its submitted entry count: one statement."""
    counts = (select(ChronologyEntry.chronology_id, func.count().label("entries"))
              .where(ChronologyEntry.review_id == review.id, ChronologyEntry.submitted.is_(True))
              .group_by(ChronologyEntry.chronology_id).subquery())
    rows = session.execute(
        select(AgencyChronology, func.coalesce(counts.c.entries, 0)).options(WITHOUT_CONTENT)
        .outerjoin(counts, counts.c.chronology_id == AgencyChronology.id)
        .join(Agency, Agency.id == AgencyChronology.agency_id)
        .where(AgencyChronology.review_id == review.id, visible_chronologies(principal))
        .order_by(Agency.name))
    return [Contribution(agency=AgencySummary.model_validate(c.agency), chronology_id=c.id, state=c.state.value,
                         revision=c.submission.revision, submitted_at=c.submission.submitted_at, entries=count)
            for c, count in rows]


def integrated(session: Session, principal: Principal, review: Review, filters: Filters) -> IntegratedChronology:
    """The review's integrated chronology as the caller may see it, filtered; a bounded number of statements. Built
    from plain rows and validated once, as a whole (the route returns it serialised once: core/responses.py)."""
    filters.check()
    entries = _entries(session, principal, review, filters)
    days = group_by_day(entries, filters.gap_days)
    return IntegratedChronology.model_validate({
        "review_id": review.id, "child_reference": review.child_reference, "gap_days": filters.gap_days,
        "total": len(entries), "days": days, "gaps": [d["gap_before"] for d in days if d["gap_before"] is not None],
        "contributions": _contributions(session, principal, review)})


def _rows(chronology: IntegratedChronology) -> list[list[str]]:
    return [[entry.occurred_on.isoformat(), entry.occurred_time.strftime("%H:%M") if entry.occurred_time else "",
             entry.agency.name, entry.source, entry.what_happened, entry.significance]
            for day in chronology.days for entry in day.entries]


def to_csv(chronology: IntegratedChronology) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in _rows(chronology):
        writer.writerow([spreadsheet_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read the accents right


def to_xlsx(chronology: IntegratedChronology) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Integrated chronology"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(chronology):
        # Every value is written as text: a date or a time stays as the agency wrote it, nothing is a formula.
        sheet.append([spreadsheet_text(value) for value in row])
    for letter, width in zip("ABCDEF", (12, 8, 30, 24, 60, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.properties.creator = "Safeguarding Children Partnership"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_docx(chronology: IntegratedChronology) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.author = "Safeguarding Children Partnership"
    title = f"{chronology.child_reference}: integrated chronology"
    document.core_properties.title = title
    document.add_heading(title, level=0)
    document.add_paragraph(f"{chronology.total} entries from the agencies' submitted chronologies. Periods of more "
                           f"than {chronology.gap_days} days in which no agency recorded contact are shown as gaps.")
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = heading
    for day in chronology.days:
        if day.gap_before is not None:
            gap = table.add_row().cells
            merged = gap[0].merge(gap[-1])
            merged.text = (f"Gap: no agency recorded contact for {day.gap_before.days} days "
                           f"({day.gap_before.starts_on:%-d %B %Y} to {day.gap_before.ends_on:%-d %B %Y})")
        for entry in day.entries:
            cells = table.add_row().cells
            values = (f"{entry.occurred_on:%-d %b %Y}", entry.occurred_time.strftime("%H:%M")
                      if entry.occurred_time else "", entry.agency.name, entry.source, entry.what_happened,
                      entry.significance)
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export(chronology: IntegratedChronology, format: ExportFormat) -> tuple[bytes, str]:
    """The file and its media type."""
    if format == ExportFormat.csv:
        return to_csv(chronology), "text/csv; charset=utf-8"
    if format == ExportFormat.xlsx:
        return to_xlsx(chronology), XLSX_MEDIA_TYPE
    return to_docx(chronology), DOCX_MEDIA_TYPE


def file_name(review: Review, format: ExportFormat) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in review.child_reference).strip("-").lower()
    return f"integrated-chronology-{slug}.{format.value}"
