"""The action tracker as a spreadsheet (XLSX) or CSV, for partnership meetings and agencies' own trackers.

Every text cell is written by core/documents.spreadsheet_text: a value a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so an action's description can
never execute in the reader's spreadsheet.
"""

import csv
import datetime as dt
import io
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from backend.actions.models import AgencyAction
from backend.actions.service import EXPORT_LIMIT, ActionFilters, search
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal
from backend.core.documents import XLSX_MEDIA_TYPE as XLSX_MEDIA_TYPE  # served by the router
from backend.core.documents import spreadsheet_text
from backend.core.errors import Invalid
from backend.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from backend.identity.models import Agency, User
from backend.rapid_reviews.models import ImmediateAction
from backend.recommendations.models import Recommendation, recommendation_themes
from backend.themes.models import Theme

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
STATUS_WORDS = {"not_started": "Not started", "in_progress": "In progress",
                "completion_requested": "Closure requested", "complete": "Complete", "cancelled": "Cancelled"}

HEADINGS: tuple[str, ...] = (
    "Child or source", "Answers", "Recommendation or immediate action", "Agency", "Owner", "Action",
    "Intended outcome", "Due date", "Status", "Overdue", "Themes", "Evidence of impact", "How impact is known",
    "Completed on", "Cancelled because",
)

Cell = str | dt.date | None


A = AgencyAction
# Aliases, so the filters' own subqueries on these tables (a case's reference, a review's recommendations) stay
# subqueries rather than correlating to the joins below.
OWN_DEADLINE, IMMEDIATE_DEADLINE, OWNER = aliased(Deadline), aliased(Deadline), aliased(User)
CASE, RECOMMENDATION, IMMEDIATE, AGENCY = aliased(Case), aliased(Recommendation), aliased(ImmediateAction), \
    aliased(Agency)
# What the export shows of each action, as columns: no ORM object, no `ActionRead` per row.
_COLUMNS = (
    A.immediate_action_id, CASE.reference, RECOMMENDATION.source_title, RECOMMENDATION.number, RECOMMENDATION.part,
    RECOMMENDATION.id.label("recommendation_id"), RECOMMENDATION.text, IMMEDIATE.description.label("immediate"),
    AGENCY.name.label("agency"), OWNER.name.label("owner"), A.description, A.intended_outcome, A.due_date, A.status,
    OWN_DEADLINE.status.label("own_status"), OWN_DEADLINE.due_date.label("own_due"),
    IMMEDIATE_DEADLINE.status.label("immediate_status"), IMMEDIATE_DEADLINE.due_date.label("immediate_due"),
    A.evidence_of_impact, A.impact_known_by, A.completed_on, A.cancelled_reason,
)
CHUNK = 1000


def rows(session: Session, principal: Principal, filters: ActionFilters) -> Iterator[tuple[Cell, ...]]:
    """The filtered actions as the export's rows, in the tracker's order, read a chunk at a time: 20,000 actions
    never sit in memory at once (the benchmark's export peaked at 455 MB holding them as objects three times over)."""
    matching = search(principal, filters)
    tagged = (select(recommendation_themes.c.recommendation_id, Theme.name)
              .join(Theme, Theme.id == recommendation_themes.c.theme_id)
              .where(recommendation_themes.c.recommendation_id.in_(
                  matching.with_only_columns(A.recommendation_id).order_by(None)))
              .order_by(Theme.name))
    themes: dict[uuid.UUID, list[str]] = defaultdict(list)
    for recommendation_id, name in session.execute(tagged):
        themes[recommendation_id].append(name)
    stmt = (matching.with_only_columns(*_COLUMNS, maintain_column_froms=False).select_from(A)
            .join(AGENCY, AGENCY.id == A.agency_id)
            .outerjoin(OWNER, OWNER.id == A.owner_id)
            .outerjoin(CASE, CASE.id == A.case_id)
            .outerjoin(RECOMMENDATION, RECOMMENDATION.id == A.recommendation_id)
            .outerjoin(IMMEDIATE, IMMEDIATE.id == A.immediate_action_id)
            .outerjoin(OWN_DEADLINE, (OWN_DEADLINE.kind == DeadlineKind.agency_action)
                       & (OWN_DEADLINE.subject_id == A.id))
            .outerjoin(IMMEDIATE_DEADLINE, (IMMEDIATE_DEADLINE.kind == DeadlineKind.immediate_action)
                       & (IMMEDIATE_DEADLINE.subject_id == A.immediate_action_id))
            .limit(EXPORT_LIMIT + 1).execution_options(yield_per=CHUNK))
    today = clock.today()
    for count, row in enumerate(session.execute(stmt), start=1):
        if count > EXPORT_LIMIT:
            raise Invalid(f"More than {EXPORT_LIMIT:,} actions match: narrow the filters to export them.")
        yield row_of(row, themes.get(row.recommendation_id, []), today)


def _overdue(row: Any, today: dt.date) -> bool:
    """As the tracker says it: the action's deadline in the registry (its immediate action's, for one answering
    an immediate action) is open and past."""
    status, due = ((row.immediate_status, row.immediate_due) if row.immediate_action_id is not None
                   else (row.own_status, row.own_due))
    return status == DeadlineStatus.open and due is not None and due < today


def row_of(row: Any, themes: list[str], today: dt.date) -> tuple[Cell, ...]:
    answered = row.recommendation_id is not None
    return (
        row.reference or (row.source_title if answered else None) or "",
        f"Recommendation {row.number}{row.part or ''}" if answered else "Immediate action",
        row.text if answered else row.immediate, row.agency, row.owner or "", row.description,
        row.intended_outcome, row.due_date, STATUS_WORDS[row.status.value], "Yes" if _overdue(row, today) else "No",
        ", ".join(themes), row.evidence_of_impact or "", row.impact_known_by or "",
        row.completed_on, row.cancelled_reason or "",
    )


def _safe(values: Sequence[Cell]) -> list[Cell]:
    return [spreadsheet_text(v) if isinstance(v, str) else v for v in values]


def to_xlsx(rows: Iterable[Sequence[Cell]]) -> bytes:
    # Loaded when a spreadsheet is made, not with the app (core/documents.py says why).
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def date_cell(day: dt.date) -> object:
        """A date cell: midnight of the day, shown as the day."""
        cell = WriteOnlyCell(sheet, value=dt.datetime.combine(day, dt.time()))
        cell.number_format = "d mmm yyyy"
        return cell

    for row in rows:
        sheet.append([date_cell(v) if isinstance(v, dt.date) else v for v in _safe(row)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in _safe(row)])
    return out.getvalue()
