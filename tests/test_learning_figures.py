"""The learning figures: actions per agency (open, overdue, on time and late on the working-day calendar, with
evidence of impact), per review, the timeliness of notifications, rapid reviews and reviews from the deadline
registry, themes over reporting years; bounded SQL whatever the number of actions; scoped to the caller; and the
yearly-report export."""

import csv
import datetime as dt
import io
import uuid

import pytest
from docx import Document
from sqlalchemy import select

from backend.core.access import Role
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, DeadlineStatus, SubjectType
from backend.rapid_reviews.models import ImmediateAction
from tests.learning_support import EVIDENCE, Tracker, make_tracker
from tests.sql_support import counted
from tests.stage_one import notify
from tests.test_rapid_reviews import MEETING

FIGURES = "/api/v1/figures"


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def _complete(tracker: Tracker, action: dict, completed_on: str, by=None, evidence=True) -> None:
    body = {"progress": "Done."} | (EVIDENCE if evidence else {})
    asked = tracker.step(action["id"], "request-completion", by or tracker.police_lead, body)
    assert asked.status_code == 200, asked.text
    approved = tracker.step(action["id"], "approve-closure", tracker.office, {"completed_on": completed_on})
    assert approved.status_code == 200, approved.text


def _met(tracker: Tracker, kind: DeadlineKind, due: dt.date, met_on: dt.date) -> None:
    deadline = deadlines.open_deadline(tracker.db, kind=kind, subject_type=SubjectType.incident_notification,
                                       subject_id=uuid.uuid4(), due_date=due, title="A deadline")
    deadline.status, deadline.met_at = DeadlineStatus.met, dt.datetime.combine(met_on, dt.time(15), dt.UTC)
    tracker.db.flush()


def test_actions_are_on_time_or_late_against_their_deadline_on_the_working_day_calendar(tracker, frozen_now):
    frozen_now[0] = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    recommendation = tracker.recommendation()["id"]
    # Due on Saturday 3 October: its deadline is Monday 5 October, so completing it that Monday is on time.
    weekend = tracker.action(recommendation, due_date="2026-10-03")
    _complete(tracker, weekend, "2026-10-05")
    # Due on Wednesday 7 October, completed on the Thursday: late.
    late = tracker.action(recommendation, due_date="2026-10-07")
    _complete(tracker, late, "2026-10-08", evidence=True)
    tracker.action(recommendation, due_date="2026-11-20")  # open and overdue
    tracker.action(recommendation, agency=tracker.health, due_date="2027-01-29")  # open, not yet due

    answer = tracker.client.get(FIGURES, headers=tracker.as_(tracker.office))
    assert answer.status_code == 200, answer.text
    figures = answer.json()
    police, health = figures["agencies"][1], figures["agencies"][0]
    assert police["agency"]["name"] == "Harbourside Police" and health["agency"]["name"] == "Harbourside ICB"
    assert (police["open"], police["overdue"], police["completed_on_time"], police["completed_late"]) == (1, 1, 1, 1)
    assert (police["completed_with_evidence"], police["evidence_share"]) == (2, 100.0)
    assert (health["open"], health["overdue"], health["evidence_share"]) == (1, 0, None)
    (review,) = figures["sources"]
    assert (review["label"], review["actions"], review["complete"], review["percent_complete"]) == (
        "Review – Child RM", 4, 2, 50.0)
    # A period counts the actions completed in it.
    october_5 = tracker.client.get(FIGURES, params={"period_from": "2026-10-05", "period_to": "2026-10-05"},
                                   headers=tracker.as_(tracker.office)).json()["agencies"][1]
    assert (october_5["completed_on_time"], october_5["completed_late"]) == (1, 0)


def test_timeliness_of_notifications_rapid_reviews_and_reviews_comes_from_the_deadline_registry(tracker, frozen_now):
    frozen_now[0] = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    _met(tracker, DeadlineKind.incident_notification, dt.date(2026, 5, 8), dt.date(2026, 5, 8))  # on the day
    _met(tracker, DeadlineKind.incident_notification, dt.date(2026, 5, 8), dt.date(2026, 5, 11))  # late
    _met(tracker, DeadlineKind.incident_notification, dt.date(2026, 6, 1), dt.date(2026, 5, 29))
    _met(tracker, DeadlineKind.rapid_review, dt.date(2026, 6, 19), dt.date(2026, 6, 18))
    deadlines.open_deadline(tracker.db, kind=DeadlineKind.rapid_review, subject_type=SubjectType.rapid_review,
                            subject_id=uuid.uuid4(), due_date=dt.date(2026, 11, 20), title="Still open")
    tracker.db.flush()
    timeliness = {t["kind"]: t for t in tracker.client.get(FIGURES, headers=tracker.as_(tracker.office))
                  .json()["timeliness"]}
    notifications = timeliness["incident_notification"]
    assert (notifications["on_time"], notifications["late"], notifications["percent_on_time"]) == (2, 1, 66.7)
    assert notifications["label"] == "Notifications (5 working days)"
    rapid = timeliness["rapid_review"]
    assert (rapid["on_time"], rapid["late"], rapid["overdue_open"]) == (1, 0, 1)
    assert timeliness["review_completion"]["percent_on_time"] is None


def test_the_figures_send_the_same_number_of_statements_whatever_the_number_of_actions(tracker):
    recommendation = tracker.recommendation()["id"]
    tracker.action(recommendation)

    def statements() -> int:
        with counted(tracker.db.get_bind()) as sent:
            assert tracker.client.get(FIGURES, headers=tracker.as_(tracker.office)).status_code == 200
        return len(sent)

    few = statements()
    for number in range(2, 14):
        tracker.action(tracker.recommendation(number=number)["id"], agency=tracker.health if number % 2 else None)
    assert statements() == few


def test_an_agency_lead_sees_only_their_agency_and_a_lead_reviewer_only_their_reviews(tracker, make):
    recommendation = tracker.recommendation()["id"]
    tracker.action(recommendation)
    tracker.action(recommendation, agency=tracker.health)
    police_view = tracker.client.get(FIGURES, headers=tracker.as_(tracker.police_lead)).json()
    assert [a["agency"]["name"] for a in police_view["agencies"]] == ["Harbourside Police"]
    assert police_view["timeliness"] == []
    reviewer = make.user(Role.lead_reviewer)
    assert tracker.client.get(FIGURES, headers=tracker.as_(reviewer)).json()["agencies"] == []
    tracker.review.lead_reviewer_id = reviewer.id
    tracker.db.flush()
    theirs = tracker.client.get(FIGURES, headers=tracker.as_(reviewer)).json()
    assert sorted(a["agency"]["name"] for a in theirs["agencies"]) == ["Harbourside ICB", "Harbourside Police"]
    assert [t["kind"] for t in theirs["timeliness"]] == ["review_completion"]


def test_themes_over_time_count_reviews_per_reporting_year_from_april(tracker):
    neglect = str(tracker.theme("Neglect").id)
    tracker.recommendation(number=1, made_on="2026-03-31", theme_ids=[neglect])  # reporting year 2025
    tracker.recommendation(number=2, made_on="2026-04-01", theme_ids=[neglect])  # reporting year 2026
    years = [(t["name"], t["year"], t["sources"]) for t in tracker.client.get(
        FIGURES, headers=tracker.as_(tracker.office)).json()["themes_over_time"] if t["name"] == "Neglect"]
    assert years == [("Neglect", 2025, 1), ("Neglect", 2026, 1)]


def test_the_yearly_report_gathers_the_figures_of_one_april_to_march_year(tracker, frozen_now):
    frozen_now[0] = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    recommendation = tracker.recommendation(made_on="2026-06-01",
                                            theme_ids=[str(tracker.theme("Neglect").id)])["id"]
    _complete(tracker, tracker.action(recommendation, due_date="2026-10-07"), "2026-10-08")
    answer = tracker.client.get(f"{FIGURES}/yearly-report.docx", params={"year": 2026},
                                headers=tracker.as_(tracker.office))
    assert answer.status_code == 200, answer.text
    assert 'filename="learning-2026-2027.docx"' in answer.headers["content-disposition"]
    doc = Document(io.BytesIO(answer.content))
    assert doc.paragraphs[0].text == "Learning from reviews: 1 April 2026 to 31 March 2027"
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["Harbourside Police", "0", "0", "0", "1", "100%"] in rows
    assert ["Review – Child RM", "1", "1", "100%"] in rows
    assert ["Neglect", "1", "1", "Review – Child RM"] in rows
    future = tracker.client.get(f"{FIGURES}/yearly-report.docx", params={"year": 2027},
                                headers=tracker.as_(tracker.office))
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "query.year"


def test_an_immediate_actions_figures_and_export_row_follow_the_immediate_actions_deadline(client, db, make,
                                                                                             frozen_now):
    police = make.agency("Police")
    office = make.user(Role.business_office)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/meeting", headers=make.headers(office),
                json=MEETING | {"immediate_actions": [{"description": "Check the siblings' safety today.",
                                                       "agency_id": str(police.id), "due_date": "2026-11-25"}]})
    frozen_now[0] = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)

    def police_overdue() -> tuple[int, list[str]]:
        [agency] = [a for a in client.get(FIGURES, headers=make.headers(office)).json()["agencies"]
                    if a["agency"]["id"] == str(police.id)]
        exported = client.get("/api/v1/actions/export.csv", headers=make.headers(office))
        _, *rows = csv.reader(io.StringIO(exported.text))
        return agency["overdue"], [f"{row[1]}/{row[9]}" for row in rows]

    assert police_overdue() == (1, ["Immediate action/Yes"])
    # The registry's deadline is the immediate action's (not one of the action's own): moved on, neither is overdue.
    immediate = db.scalars(select(ImmediateAction)).one()
    deadlines.find(db, DeadlineKind.immediate_action, immediate.id).due_date = dt.date(2026, 11, 27)
    db.flush()
    assert police_overdue() == (0, ["Immediate action/No"])
