"""Importing past reviews' learning from the documented template: every bad row named by row and column, nothing
half-imported, a good file creating the recommendations, sub-parts and actions that recurrent themes then count;
1,000 recommendations in seconds."""

import csv
import io
import time

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from backend.actions.models import AgencyAction
from backend.audit.models import AuditEvent
from backend.learning.history import TEMPLATE
from backend.recommendations.models import OtherSourceKind, Recommendation
from tests.learning_support import Tracker, make_tracker

LEARNING = "/api/v1/learning"
HEADERS = [header for _k, header, _w in TEMPLATE]


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def _row(reference="Child LB", number="1", part="", text="Share information about fathers at strategy discussions.",
         themes="Neglect; Information sharing", addressed="Partnership", published="31/05/2023", **action) -> list:
    return [reference, "Child Safeguarding Practice Review", published, "Recommendation", number, part, text, themes,
            addressed, "The partnership will audit this.", action.get("agency", ""), action.get("description", ""),
            action.get("outcome", ""), action.get("due", ""), action.get("status", ""),
            action.get("completed", ""), action.get("evidence", "")]


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    return out.getvalue().encode()


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(tracker: Tracker, content: bytes, name: str = "history.csv", user=None):
    return tracker.client.post(f"{LEARNING}/history", headers=tracker.as_(user or tracker.office),
                               files={"file": (name, content)})


def _counts(db) -> tuple[int, int]:
    return (db.scalar(select(func.count(Recommendation.id))), db.scalar(select(func.count(AgencyAction.id))))


GOOD = [
    _row(),
    _row(part="a", text="Police to record fathers' details.", themes="Fathers and significant males",
         addressed="Harbourside Police", agency="Harbourside Police", description="Change the form",
         outcome="Fathers named", due="31/03/2024", status="Complete", completed="15/03/2024",
         evidence="Audit of 50 notifications: 48 named the father."),
    _row(part="a", text="", themes="", addressed="", agency="Harbourside ICB", description="Brief GPs",
         due="30/06/2024", status="In progress"),
    _row(reference="Child MN", published="12/01/2024", themes="Neglect"),
]


def test_an_import_with_a_bad_row_changes_nothing_and_names_each_problem_by_row_and_column(tracker):
    before = _counts(tracker.db)
    bad = [*GOOD, _row(reference="Child MN", number="2", published="12/01/2024", themes="Negelct",
                       agency="Harbourside Police", description="Something", due="31/02/2024", status="Finished")]
    answer = _upload(tracker, _csv(bad))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert "nothing was imported" in problem["detail"]
    messages = [e["message"] for e in problem["errors"]]
    assert messages == [
        "Row 6, column H (Themes): Negelct is not a theme on the partnership's list",
        "Row 6, column N (Action due date): Action due date must be a real date, like 31/03/2024",
        "Row 6, column O (Action status): Action status must be Not started, In progress, Complete or Cancelled",
    ]
    assert _counts(tracker.db) == before
    assert tracker.db.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "import")) == 0


def test_a_part_without_its_recommendation_and_a_missing_text_are_reported(tracker):
    answer = _upload(tracker, _xlsx([_row(number="4", part="b"), _row(number="5", text="")]), "history.xlsx")
    assert answer.status_code == 422
    assert [e["message"] for e in answer.json()["errors"]] == [
        "Row 3, column G (Text): Enter the text of the recommendation",
        "Row 2, column F (Part): Add a row for 4 itself before its part b",
    ]


def test_a_good_import_creates_the_past_reviews_and_recurrent_themes_include_them(tracker):
    answer = _upload(tracker, _xlsx(GOOD), "history.xlsx")
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert (result["recommendations"], result["actions"]) == (3, 2)
    assert [(s["reference"], s["recommendations"], s["actions"]) for s in result["sources"]] == [
        ("Child LB", 2, 2), ("Child MN", 1, 0)]
    whole = tracker.db.scalar(select(Recommendation).where(Recommendation.source_reference == "Child LB",
                                                           Recommendation.parent_id.is_(None)))
    assert whole.source_kind == OtherSourceKind.past_review
    assert whole.source_title == "Child Safeguarding Practice Review – Child LB"
    (part,) = whole.parts
    assert part.label == "1a" and [a.name for a in part.agencies] == ["Harbourside Police"]
    actions = tracker.db.scalars(select(AgencyAction).where(AgencyAction.recommendation_id == part.id)
                                 .order_by(AgencyAction.due_date)).all()
    assert [(a.agency.name, a.status.value, str(a.completed_on)) for a in actions] == [
        ("Harbourside Police", "complete", "2024-03-15"), ("Harbourside ICB", "in_progress", "None")]

    themes = tracker.client.get(f"{LEARNING}/recurrent-themes", headers=tracker.as_(tracker.office)).json()
    neglect = next(t for t in themes["themes"] if t["name"] == "Neglect")
    assert [s["label"] for s in neglect["appears_in"]] == ["Child Safeguarding Practice Review – Child LB",
                                                           "Child Safeguarding Practice Review – Child MN"]
    # Importing the same review again is refused, naming its rows.
    again = _upload(tracker, _xlsx(GOOD[:1]), "history.xlsx")
    assert again.status_code == 422
    assert again.json()["errors"][0]["message"].startswith("Row 2, column A (Review reference): Child LB has already")


def test_only_the_business_office_imports_history(tracker):
    assert _upload(tracker, _csv(GOOD), user=tracker.police_lead).status_code == 403


def test_the_template_downloads_with_the_documented_columns(tracker):
    answer = tracker.client.get(f"{LEARNING}/history/template.xlsx", headers=tracker.as_(tracker.office))
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADERS
    example = _upload(tracker, tracker.client.get(f"{LEARNING}/history/template.csv",
                                                  headers=tracker.as_(tracker.office)).content.replace(
        b"Police", b"Harbourside Police"))
    assert example.status_code == 201, example.text


def test_a_thousand_recommendations_import_in_seconds(tracker):
    rows = [_row(reference=f"Child {i // 10:03d}", number=str(i % 10 + 1), text=f"Recommendation {i} about sharing.",
                 agency="Harbourside Police", description=f"Action {i}", due="31/03/2024", status="Complete",
                 completed="01/03/2024", evidence="Audited.") for i in range(1000)]
    started = time.perf_counter()
    answer = _upload(tracker, _xlsx(rows), "history.xlsx")
    elapsed = time.perf_counter() - started
    assert answer.status_code == 201, answer.text[:500]
    assert answer.json()["recommendations"] == 1000 and len(answer.json()["sources"]) == 100
    assert elapsed < 15, elapsed
