"""The action tracker as a spreadsheet (XLSX) or CSV, for partnership meetings and agencies' own trackers.

Every text cell is neutralised against formula injection: a value a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so an action's description can
never execute in the reader's spreadsheet.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from backend.actions.schemas import ActionRead

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress",
                "completion_requested": "Closure requested", "complete": "Complete", "cancelled": "Cancelled"}

HEADINGS: tuple[str, ...] = (
    "Child or source", "Answers", "Recommendation or immediate action", "Agency", "Owner", "Action",
    "Intended outcome", "Due date", "Status", "Overdue", "Themes", "Evidence of impact", "How impact is known",
    "Completed on", "Cancelled because",
)

Cell = str | dt.date | None


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row_of(action: ActionRead) -> tuple[Cell, ...]:
    answers = action.answers
    return (
        action.child_reference or answers.source_title or "",
        f"Recommendation {answers.label}" if answers.label else "Immediate action",
        answers.text, action.agency.name, action.owner.name if action.owner else "", action.description,
        action.intended_outcome, action.due_date, STATUS_WORDS[action.status.value], "Yes" if action.overdue else "No",
        ", ".join(t.name for t in action.themes), action.evidence_of_impact or "", action.impact_known_by or "",
        action.completed_on, action.cancelled_reason or "",
    )


def _safe(values: Sequence[Cell]) -> list[Cell]:
    return [neutralise(v) if isinstance(v, str) else v for v in values]


def to_xlsx(actions: Iterable[ActionRead]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for action in actions:
        row: list[object] = []
        for value in _safe(row_of(action)):
            if isinstance(value, dt.date):  # a date cell: midnight of the day, shown as the day
                cell = WriteOnlyCell(sheet, value=dt.datetime.combine(value, dt.time()))
                cell.number_format = "d mmm yyyy"
            else:
                cell = WriteOnlyCell(sheet, value=value)
            row.append(cell)
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(actions: Iterable[ActionRead]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for action in actions:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v
                         for v in _safe(row_of(action))])
    return out.getvalue()
