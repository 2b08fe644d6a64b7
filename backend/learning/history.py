"""Importing past reviews' learning from a spreadsheet, so recurrent themes and repeats have years of history from
the first day.

The template (`TEMPLATE`, downloadable as XLSX or CSV, described in docs/learning-history-import.md) has one row per
recommendation or sub-part, with at most one action; further actions for the same recommendation go on further rows
with the same review reference, kind, number and part and the text left blank. A past review is one the product
never held: its recommendations are recorded as coming from another source of kind `past_review`, titled
"<review title> – <reference>", with the anonymised reference as the source reference.

All or nothing: every row is checked first and every problem reported by its row and column in plain English; only
a file with no problems is written, in the request's one transaction. Writing is done in bulk (the themes,
agencies and earlier imports are read once, then every record is added and flushed together), so 1,000
recommendations import in a few seconds.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.actions.models import ActionStatus, AgencyAction
from backend.actions.service import deadline_due
from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Principal
from backend.core.documents import XLSX_MEDIA_TYPE as XLSX_MEDIA_TYPE  # served by the router
from backend.core.errors import Invalid
from backend.core.text import without_control_characters
from backend.deadlines.models import Deadline, DeadlineKind, DeadlineStatus, SubjectType
from backend.identity.models import Agency
from backend.learning.schemas import ImportedSource, ImportResult
from backend.recommendations.models import LearningKind, OtherSourceKind, Recommendation, SourceType
from backend.themes.models import Theme

MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024

# (key, header, what goes in it): the template's columns, in order.
TEMPLATE: list[tuple[str, str, str]] = [
    ("reference", "Review reference", "The child's anonymised reference, like Child LB (required)"),
    ("title", "Review title", "Like Child Safeguarding Practice Review (required)"),
    ("published_on", "Published on", "The date the review was published, like 31/05/2023 (required)"),
    ("kind", "Kind", "Recommendation, Learning point, Question or Single-agency recommendation (required)"),
    ("number", "Number", "Its number in the review, like 3 (required)"),
    ("part", "Part", "The sub-part's letter, like a; blank for the whole recommendation"),
    ("text", "Text", "What it says (required on its first row)"),
    ("themes", "Themes", "Themes from the partnership's list, separated by semicolons"),
    ("addressed_to", "Addressed to", "Agencies separated by semicolons, or Partnership"),
    ("response", "Partnership response", "The partnership's response"),
    ("action_agency", "Action agency", "The agency that took the action"),
    ("action_description", "Action", "What the agency did or will do"),
    ("intended_outcome", "Intended outcome", "What it should change"),
    ("action_due", "Action due date", "Like 31/03/2024 (required with an action)"),
    ("action_status", "Action status", "Not started, In progress, Complete or Cancelled (blank: Not started)"),
    ("completed_on", "Completed on", "The date it was completed (for a complete action)"),
    ("evidence", "Evidence of impact", "What changed in frontline practice, and how that is known"),
]
HEADERS = {header.lower(): key for key, header, _ in TEMPLATE}
LETTERS = {key: chr(ord("A") + i) for i, (key, _h, _w) in enumerate(TEMPLATE)}
HEADER_OF = {key: header for key, header, _ in TEMPLATE}
KINDS = {"recommendation": LearningKind.recommendation, "learning point": LearningKind.learning_point,
         "question": LearningKind.question, "question for the partnership": LearningKind.question,
         "single-agency recommendation": LearningKind.single_agency_recommendation,
         "single agency recommendation": LearningKind.single_agency_recommendation}
STATUSES = {"": ActionStatus.not_started, "not started": ActionStatus.not_started,
            "in progress": ActionStatus.in_progress, "complete": ActionStatus.complete,
            "completed": ActionStatus.complete, "cancelled": ActionStatus.cancelled}
EXAMPLE = [
    ["Child LB", "Child Safeguarding Practice Review", "31/05/2023", "Recommendation", "1", "",
     "Partners should make sure information about fathers is shared at every strategy discussion.",
     "Information sharing; Fathers and significant males", "Partnership",
     "The partnership will audit strategy discussions for fathers' details.", "", "", "", "", "", "", ""],
    ["Child LB", "Child Safeguarding Practice Review", "31/05/2023", "Recommendation", "1", "a",
     "Police to record fathers' details on every domestic abuse notification.", "Domestic abuse", "Police",
     "", "Police", "Add fathers' details to the notification form.", "Every notification names the father.",
     "31/03/2024", "Complete", "15/03/2024", "Audit of 50 notifications in April 2024: 48 named the father."],
]


@dataclass
class _Row:
    number: int  # the spreadsheet's row number, as people see it (the header is row 1)
    values: dict[str, str]


@dataclass
class _Whole:
    """What the import will create for one recommendation or sub-part."""

    row: int
    kind: LearningKind
    number: int
    part: str | None
    text: str
    themes: list[Theme]
    agencies: list[Agency]
    to_partnership: bool
    response: str
    actions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Source:
    reference: str
    title: str
    published_on: dt.date
    items: dict[tuple[LearningKind, int, str], _Whole] = field(default_factory=dict)


class _Errors:
    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, row: int, key: str | None, message: str) -> None:
        where = f"Row {row}" + (f", column {LETTERS[key]} ({HEADER_OF[key]})" if key else "")
        self.found.append((f"file.row {row}" + (f".{HEADER_OF[key]}" if key else ""), f"{where}: {message}"))


# The template -------------------------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    from openpyxl import Workbook  # loaded when a spreadsheet is made (core/documents.py says why)

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Past reviews"
    sheet.append([header for _k, header, _w in TEMPLATE])
    for row in EXAMPLE:
        sheet.append(row)
    notes = book.create_sheet("How to fill it in")
    notes.append(["Column", "What goes in it"])
    for _key, header, what in TEMPLATE:
        notes.append([header, what])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for _k, header, _w in TEMPLATE])
    writer.writerows(EXAMPLE)
    return out.getvalue().encode("utf-8-sig")


# Reading the file ---------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as broken:  # openpyxl raises many kinds for a file that is not a workbook
            raise Invalid("The file could not be read as an Excel workbook. Save it as .xlsx or .csv and try again.",
                          errors=[("file", "Choose an .xlsx or .csv file made from the template")]) from broken
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as broken:
            raise Invalid("The CSV file must be saved as UTF-8.",
                          errors=[("file", "Save the file as CSV UTF-8 and try again")]) from broken
        # A CSV may carry control characters (an Excel file cannot): they are read as nothing (core/text.py).
        return [[without_control_characters(c).strip() for c in row] for row in csv.reader(io.StringIO(text))]
    raise Invalid("The file must be an .xlsx or .csv file.", errors=[("file", "Choose an .xlsx or .csv file")])


def _parse_rows(content: bytes, filename: str) -> list[_Row]:
    if len(content) > MAX_BYTES:
        raise Invalid("The file must be smaller than 5 MB.", errors=[("file", "The file must be smaller than 5 MB")])
    rows = _rows(content, filename)
    if not rows:
        raise Invalid("The file is empty.", errors=[("file", "The selected file is empty")])
    header = [h.strip().lower() for h in rows[0]]
    missing = [h for _k, h, _w in TEMPLATE if h.lower() not in header]
    if missing:
        raise Invalid("The first row must hold the template's column headings.",
                      errors=[("file", f"Row 1: the column {name} is missing") for name in missing])
    positions = {HEADERS[h]: i for i, h in enumerate(header) if h in HEADERS}
    parsed = []
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell for cell in row):
            continue
        parsed.append(_Row(number=index, values={key: row[i] if i < len(row) else "" for key, i in positions.items()}))
    if not parsed:
        raise Invalid("The file has no rows under its headings.", errors=[("file", "Add at least one row")])
    if len(parsed) > MAX_ROWS:
        raise Invalid(f"A file can hold at most {MAX_ROWS:,} rows: split it.",
                      errors=[("file", f"The file has {len(parsed):,} rows")])
    return parsed


_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")


def _date(text: str) -> dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[;\n]", text) if n.strip()]


# Checking every row -------------------------------------------------------------------------------------------


def _check(session: Session, rows: list[_Row]) -> tuple[list[_Source], _Errors]:
    errors = _Errors()
    themes = {t.name.lower(): t for t in session.scalars(select(Theme))}
    agencies = {a.name.lower(): a for a in session.scalars(select(Agency).where(Agency.active.is_(True)))}
    imported = set(session.scalars(select(func.lower(Recommendation.source_reference)).where(
        Recommendation.source_kind == OtherSourceKind.past_review).distinct()))
    sources: dict[str, _Source] = {}
    today = clock.today()

    for row in rows:
        v, n = row.values, row.number
        reference, title = v["reference"], v["title"]
        bad = False
        for key in ("reference", "title", "published_on", "kind", "number"):
            if not v[key]:
                errors.add(n, key, f"Enter the {HEADER_OF[key].lower()}")
                bad = True
        if len(reference) > 100:
            errors.add(n, "reference", "Review reference must be 100 characters or fewer")
            bad = True
        if len(title) > 180:
            errors.add(n, "title", "Review title must be 180 characters or fewer")
            bad = True
        published = _date(v["published_on"]) if v["published_on"] else None
        if v["published_on"] and (published is None or published > today):
            errors.add(n, "published_on", "Published on must be a real date in the past, like 31/05/2023")
            bad = True
        kind = KINDS.get(v["kind"].lower()) if v["kind"] else None
        if v["kind"] and kind is None:
            errors.add(n, "kind", "Kind must be Recommendation, Learning point, Question or Single-agency "
                                  "recommendation")
            bad = True
        number = int(v["number"]) if v["number"].isdigit() and 1 <= int(v["number"]) <= 999 else None
        if v["number"] and number is None:
            errors.add(n, "number", "Number must be a whole number from 1 to 999")
            bad = True
        part = v["part"].lower()
        if part and not re.fullmatch(r"[a-z]", part):
            errors.add(n, "part", "Part must be a single letter, like a")
            bad = True
        if reference and reference.lower() in imported:
            errors.add(n, "reference", f"{reference} has already been imported: remove its rows or correct the "
                                       "reference")
            bad = True
        row_themes = []
        for name in _names(v["themes"]):
            if name.lower() in themes:
                row_themes.append(themes[name.lower()])
            else:
                errors.add(n, "themes", f"{name} is not a theme on the partnership's list")
                bad = True
        row_agencies, to_partnership = [], False
        for name in _names(v["addressed_to"]):
            if name.lower() in ("partnership", "the partnership"):
                to_partnership = True
            elif name.lower() in agencies:
                row_agencies.append(agencies[name.lower()])
            else:
                errors.add(n, "addressed_to", f"{name} is not an agency in the product")
                bad = True
        for key, limit in (("text", 5000), ("response", 20000), ("action_description", 5000),
                           ("intended_outcome", 5000), ("evidence", 5000)):
            if len(v[key]) > limit:
                errors.add(n, key, f"{HEADER_OF[key]} must be {limit:,} characters or fewer")
                bad = True
        action = _check_action(row, agencies, errors, today)
        if bad or action is False or kind is None or number is None or published is None:
            continue

        source = sources.setdefault(reference.lower(), _Source(reference=reference, title=title,
                                                               published_on=published))
        if source.title != title or source.published_on != published:
            errors.add(n, "title" if source.title != title else "published_on",
                       f"Rows for {reference} must all give the same review title and publication date")
            continue
        item_key = (kind, number, part)
        existing = source.items.get(item_key)
        if existing is None:
            if not v["text"]:
                errors.add(n, "text", "Enter the text of the recommendation")
                continue
            existing = source.items[item_key] = _Whole(
                row=n, kind=kind, number=number, part=part or None, text=v["text"], themes=row_themes,
                agencies=row_agencies, to_partnership=to_partnership, response=v["response"])
        elif v["text"] and v["text"] != existing.text:
            errors.add(n, "text", f"Row {existing.row} already gives this recommendation's text: leave it blank on "
                                  "rows that add another action")
            continue
        if isinstance(action, dict):
            existing.actions.append(action)

    for source in sources.values():
        for (kind, number, part), item in source.items.items():
            if part and (kind, number, "") not in source.items:
                errors.add(item.row, "part", f"Add a row for {number} itself before its part {part}")
    return list(sources.values()), errors


def _check_action(row: _Row, agencies: dict[str, Agency], errors: _Errors,
                  today: dt.date) -> dict[str, Any] | None | bool:
    """The row's action, None when it has none, or False when it has problems (reported)."""
    v, n = row.values, row.number
    keys = ("action_agency", "action_description", "intended_outcome", "action_due", "action_status",
            "completed_on", "evidence")
    if not any(v[k] for k in keys):
        return None
    ok = True
    for key in ("action_agency", "action_description", "action_due"):
        if not v[key]:
            errors.add(n, key, f"Enter the {HEADER_OF[key].lower()}, or leave every action column blank")
            ok = False
    agency = agencies.get(v["action_agency"].lower()) if v["action_agency"] else None
    if v["action_agency"] and agency is None:
        errors.add(n, "action_agency", f"{v['action_agency']} is not an agency in the product")
        ok = False
    due = _date(v["action_due"]) if v["action_due"] else None
    if v["action_due"] and due is None:
        errors.add(n, "action_due", "Action due date must be a real date, like 31/03/2024")
        ok = False
    status = STATUSES.get(v["action_status"].lower())
    if status is None:
        errors.add(n, "action_status", "Action status must be Not started, In progress, Complete or Cancelled")
        ok = False
    completed = _date(v["completed_on"]) if v["completed_on"] else None
    if v["completed_on"] and (completed is None or completed > today):
        errors.add(n, "completed_on", "Completed on must be a real date in the past, like 15/03/2024")
        ok = False
    if status == ActionStatus.complete and not v["completed_on"]:
        errors.add(n, "completed_on", "Enter the date the action was completed")
        ok = False
    if v["completed_on"] and status not in (ActionStatus.complete, None):
        errors.add(n, "completed_on", "Only a complete action has a completed date")
        ok = False
    if not ok:
        return False
    return {"agency": agency, "description": v["action_description"], "intended_outcome": v["intended_outcome"],
            "due_date": due, "status": status, "completed_on": completed, "evidence": v["evidence"] or None}


# Writing ------------------------------------------------------------------------------------------------------


def import_history(session: Session, actor: Principal | None, content: bytes, filename: str) -> ImportResult:
    """Check every row, then create every past review's recommendations, sub-parts and actions, or nothing."""
    rows = _parse_rows(content, filename)
    sources, errors = _check(session, rows)
    if errors.found:
        raise Invalid(f"The file has {len(errors.found)} problem{'s' if len(errors.found) != 1 else ''}: "
                      "nothing was imported. Correct the rows named below and upload it again.", errors=errors.found)
    calendar = get_calendar(session)
    now = clock.now()
    summary: list[ImportedSource] = []
    theme_names: set[str] = set()
    created: list[Recommendation] = []
    actions: list[AgencyAction] = []
    for source in sources:
        title = f"{source.title} – {source.reference}"[:300]
        wholes: dict[tuple[LearningKind, int], Recommendation] = {}
        source_actions = 0
        for (kind, number, part), item in sorted(source.items.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
            recommendation = Recommendation(
                kind=kind, number=number, part=part or None, text=item.text, made_on=source.published_on,
                source_type=SourceType.other, source_kind=OtherSourceKind.past_review, source_title=title,
                source_reference=source.reference, addressed_to_partnership=item.to_partnership,
                response=item.response, response_updated_at=now if item.response else None)
            if item.agencies:
                recommendation.agencies = list(dict.fromkeys(item.agencies))
            if item.themes:
                recommendation.themes = list(dict.fromkeys(item.themes))
            if part:
                wholes[(kind, number)].parts.append(recommendation)
            else:
                wholes[(kind, number)] = recommendation
                session.add(recommendation)
            created.append(recommendation)
            theme_names.update(t.name for t in item.themes)
            for data in item.actions:
                status = data["status"]
                closed = now if status in (ActionStatus.complete, ActionStatus.cancelled) else None
                actions.append(AgencyAction(
                    recommendation=recommendation, case_id=None, agency=data["agency"], owner=None,
                    description=data["description"], intended_outcome=data["intended_outcome"],
                    due_date=data["due_date"], status=status, completed_on=data["completed_on"],
                    evidence_of_impact=data["evidence"], closed_at=closed,
                    closed_by_name="Imported" if closed else None,
                    cancelled_reason="Recorded as cancelled in the imported review" if status == ActionStatus.cancelled
                    else None))
                source_actions += 1
        summary.append(ImportedSource(reference=source.reference, title=title, made_on=source.published_on,
                                      recommendations=len(source.items), actions=source_actions))
    session.add_all(actions)
    session.flush()
    # Open actions are chased like any other: their deadlines join the registry (added in bulk, all new).
    session.add_all([Deadline(kind=DeadlineKind.agency_action, subject_type=SubjectType.action, subject_id=a.id,
                              due_date=deadline_due(calendar, a.due_date), title=_deadline_title(a), case_id=None,
                              link=f"/actions/{a.id}", owner_agency_id=a.agency.id, status=DeadlineStatus.open)
                     for a in actions if a.status not in (ActionStatus.complete, ActionStatus.cancelled)])
    for recommendation in created:
        audit.record(session, actor, "import", "recommendation", recommendation.id,
                     f"Imported {recommendation.kind.value.replace('_', ' ')} {recommendation.label} from "
                     f"{recommendation.source_title}", {"text": recommendation.text})
    for action in actions:
        audit.record(session, actor, "import", "action", action.id,
                     f"Imported an action for {action.agency.name}", {"status": action.status,
                                                                     "due_date": action.due_date})
    audit.record(session, actor, "import", "learning_history", None,
                 f"Imported {len(summary)} past review{'s' if len(summary) != 1 else ''}: {len(created)} "
                 f"recommendations and {len(actions)} actions from {filename[:100]}",
                 {"sources": [s.reference for s in summary]})
    session.flush()
    return ImportResult(sources=summary, recommendations=len(created), actions=len(actions),
                        themes=sorted(theme_names))


def _deadline_title(action: AgencyAction) -> str:
    source = action.recommendation.source_title if action.recommendation is not None else None
    return f"Agency action from {source}"[:300]
