"""The action tracker: filtered, scoped lists and exports; immediate actions in the same tracker; events for
integrators; the actions:* client scopes."""

import csv
import datetime as dt
import io
import json
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select, update

from backend.actions.models import AgencyAction
from backend.core.access import Role
from backend.core.domain_events import recorded
from backend.integrations.models import WebhookDelivery
from backend.rapid_reviews.models import ImmediateAction
from tests.learning_support import ACTIONS, EVIDENCE, Tracker, make_tracker
from tests.sql_support import counted
from tests.stage_one import client_headers, notify
from tests.test_rapid_reviews import MEETING

PROGRESS = {"progress": "Training delivered to the safeguarding team."}


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def test_the_tracker_filters_by_agency_status_theme_review_owner_due_dates_and_text(tracker):
    escalation = tracker.recommendation(number=2, text="Agencies to use the escalation policy when stuck.",
                                        theme_ids=[str(tracker.theme("Escalation").id)])
    strategy = tracker.recommendation(number=3)
    police = tracker.action(escalation["id"], description="Escalation workshop for sergeants", due_date="2027-01-29")
    health = tracker.action(strategy["id"], agency=tracker.health, description="GP strategy minutes audit",
                            due_date="2027-03-31")
    tracker.step(health["id"], "start", tracker.health_lead)

    def ids(**params):
        listed = tracker.client.get(ACTIONS, params=params, headers=tracker.as_(tracker.office))
        assert listed.status_code == 200, listed.text
        return [a["id"] for a in listed.json()["items"]]

    assert ids() == [police["id"], health["id"]]
    assert ids(sort="-due_date") == [health["id"], police["id"]]
    assert ids(agency_id=str(tracker.health.id)) == [health["id"]]
    assert ids(status=["in_progress"]) == [health["id"]]
    assert ids(status=["in_progress", "not_started"]) == [police["id"], health["id"]]
    assert ids(theme_id=str(tracker.theme("Escalation").id)) == [police["id"]]
    assert ids(review_id=str(tracker.review.id)) == [police["id"], health["id"]]
    assert ids(review_id=str(uuid.uuid4())) == []
    assert ids(recommendation_id=strategy["id"]) == [health["id"]]
    assert ids(owner_id=str(tracker.police_lead.id)) == [police["id"]]
    assert ids(due_from="2027-02-01") == [health["id"]] and ids(due_to="2027-02-01") == [police["id"]]
    assert ids(q="workshop") == [police["id"]] and ids(q="Child RM") == [police["id"], health["id"]]
    bad = tracker.client.get(ACTIONS, params={"status": ["finished"]}, headers=tracker.as_(tracker.office))
    assert bad.status_code == 422


def test_the_xlsx_export_opens_and_holds_exactly_the_filtered_rows(tracker):
    recommendation = tracker.recommendation()
    tracker.action(recommendation["id"], description="=HYPERLINK(\"http://evil.example\",\"Click\")")
    tracker.action(recommendation["id"], agency=tracker.health, description="Audit GP minutes")
    exported = tracker.client.get(f"{ACTIONS}/export.xlsx", params={"agency_id": str(tracker.police.id)},
                                  headers=tracker.as_(tracker.office))
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Child or source", "Answers", "Recommendation or immediate action", "Agency")
    assert len(rows) == 2
    assert rows[1][0] == "Child RM" and rows[1][1] == "Recommendation 1" and rows[1][3] == "Harbourside Police"
    assert rows[1][5] == "'=HYPERLINK(\"http://evil.example\",\"Click\")"  # neutralised, never a formula
    assert rows[1][7] == dt.datetime(2027, 3, 31) and rows[1][8] == "Not started"


def test_text_with_a_control_character_is_refused_and_one_held_from_before_still_exports(tracker):
    """A form feed or an escape cannot be seen or printed, and an Excel file cannot hold one: the API refuses it,
    naming the field, and an action that already holds one (written before the rule) exports without it."""
    recommendation = tracker.recommendation()
    body = {"recommendation_id": recommendation["id"], "agency_id": str(tracker.police.id),
            "owner_id": str(tracker.police_lead.id), "description": "Brief officers\x1b on strategy discussions",
            "intended_outcome": "Strategy discussions held.", "due_date": "2027-03-31"}
    refused = tracker.client.post(ACTIONS, headers=tracker.as_(tracker.office), json=body)
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "body.description" and "control character" in error["message"]
    assert tracker.client.get(ACTIONS, headers=tracker.as_(tracker.office)).json()["total"] == 0

    held = tracker.action(recommendation["id"])
    tracker.db.execute(update(AgencyAction).where(AgencyAction.id == uuid.UUID(held["id"]))
                       .values(description="Brief\x0c officers\x1f on strategy"))
    tracker.db.commit()
    exported = tracker.client.get(f"{ACTIONS}/export.xlsx", headers=tracker.as_(tracker.office))
    assert exported.status_code == 200
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[1][5] == "Brief officers on strategy"


def test_the_csv_export_neutralises_formulas_and_holds_the_callers_actions_only(tracker):
    recommendation = tracker.recommendation()
    tracker.action(recommendation["id"], description="+44 call the MASH", intended_outcome="@SUM(A1)")
    tracker.action(recommendation["id"], agency=tracker.health)
    exported = tracker.client.get(f"{ACTIONS}/export.csv", headers=tracker.as_(tracker.police_lead))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(exported.text)))
    assert len(rows) == 1 and rows[0][3] == "Harbourside Police"
    assert rows[0][5] == "'+44 call the MASH" and rows[0][6] == "'@SUM(A1)"


def test_a_page_of_the_tracker_costs_the_same_statements_whatever_its_size(tracker, engine):
    for number in range(1, 4):
        recommendation = tracker.recommendation(number=number)
        for i in range(10):
            tracker.action(recommendation["id"], agency=tracker.police if i % 2 else tracker.health,
                           due_date=f"2027-0{1 + i % 9}-15")
    headers = tracker.as_(tracker.office)
    tracker.client.get(ACTIONS, headers=headers, params={"limit": 1})  # the sign-in's own writes, out of the count
    costs = []
    for limit in (5, 30):
        with counted(engine) as statements:
            page = tracker.client.get(ACTIONS, headers=headers, params={"limit": limit, "overdue": "false"}).json()
        assert len(page["items"]) == limit and page["total"] == 30
        costs.append(len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]))
    assert costs[0] == costs[1] and costs[1] <= 12, costs


def test_immediate_actions_of_a_rapid_review_appear_in_the_same_tracker(client, db, make, frozen_now):
    police = make.agency("Police")
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead, police)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING | {"immediate_actions": [
        {"description": "Check the siblings' safety today.", "agency_id": str(police.id), "due_date": "2026-11-25"}]})
    [tracked] = client.get(ACTIONS, headers=make.headers(lead),
                           params={"rapid_review_id": notification["rapid_review_id"]}).json()["items"]
    assert tracked["answers"]["immediate_action_id"] is not None and tracked["answers"]["label"] is None
    assert tracked["description"] == "Check the siblings' safety today." and tracked["child_reference"] == "Child BM"
    assert tracked["due"]["due_date"] == "2026-11-25"  # the immediate action's own deadline: nobody chased twice

    frozen_now[0] = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)
    assert client.get(ACTIONS, headers=make.headers(office), params={"overdue": "true"}).json()["total"] == 1
    asked = client.post(f"{ACTIONS}/{tracked['id']}/request-completion", headers=make.headers(lead),
                        json={"progress": "Siblings seen at home with their grandmother."} | EVIDENCE)
    assert asked.status_code == 200, asked.text
    client.post(f"{ACTIONS}/{tracked['id']}/approve-closure", headers=make.headers(office), json={})
    immediate = db.get(ImmediateAction, uuid.UUID(tracked["answers"]["immediate_action_id"]))
    assert immediate.completed_on == dt.date(2026, 11, 26)  # closing it in the tracker completes it
    rapid_review = client.get(url, headers=make.headers(office)).json()
    assert rapid_review["immediate_actions"][0]["completed_on"] == "2026-11-26"


def test_action_events_published_through_the_api_queue_webhook_deliveries(tracker):
    subscribed = tracker.client.post("/api/v1/webhooks", headers=tracker.as_(tracker.office), json={
        "url": "https://cases.harbourside.example.org/hooks", "agency_id": str(tracker.police.id),
        "event_types": ["action.created", "action.status_changed", "action.completed"]})
    assert subscribed.status_code == 201, subscribed.text
    with recorded() as seen:
        action = tracker.action()
        tracker.step(action["id"], "request-completion", tracker.police_lead, PROGRESS | EVIDENCE)
        tracker.step(action["id"], "approve-closure", tracker.office, {"completed_on": "2026-11-23"})
        tracker.action(agency=tracker.health, recommendation_id=action["answers"]["recommendation_id"])
    assert [e.type for e in seen if e.type.startswith("action.")] == [
        "action.created", "action.status_changed", "action.status_changed", "action.completed", "action.created"]
    deliveries = tracker.db.scalars(select(WebhookDelivery).order_by(WebhookDelivery.created_at)).all()
    payloads = [json.loads(d.body) for d in deliveries]
    assert [p["type"] for p in payloads] == ["action.created", "action.status_changed", "action.status_changed",
                                             "action.completed"]  # the health action is not this agency's
    completed = payloads[-1]["data"]
    assert completed["subject_id"] == action["id"] and completed["child_reference"] == "Child RM"
    assert completed["completed_on"] == "2026-11-23" and completed["on_time"] is True
    assert "evidence_of_impact" not in completed and "description" not in payloads[0]["data"]


def test_client_scopes_actions_read_and_write_grant_what_they_say_for_their_own_agency(tracker):
    recommendation = tracker.recommendation()
    ours = tracker.action(recommendation["id"])
    theirs = tracker.action(recommendation["id"], agency=tracker.health)
    reader = client_headers(tracker.client, tracker.db, tracker.make, tracker.police, ["actions:read"])
    writer = client_headers(tracker.client, tracker.db, tracker.make, tracker.police, ["actions:write"])
    nothing = client_headers(tracker.client, tracker.db, tracker.make, tracker.police, ["events:read"])

    assert [a["id"] for a in tracker.client.get(ACTIONS, headers=reader).json()["items"]] == [ours["id"]]
    assert tracker.client.get(f"{ACTIONS}/{theirs['id']}", headers=reader).status_code == 404
    assert tracker.client.get(f"/api/v1/recommendations/{recommendation['id']}", headers=reader).status_code == 200
    refused = tracker.client.post(f"{ACTIONS}/{ours['id']}/updates", headers=reader, json=PROGRESS)
    assert refused.status_code == 403 and "actions:write" in refused.json()["detail"]
    assert tracker.client.get(ACTIONS, headers=nothing).status_code == 403
    posted = tracker.client.post(f"{ACTIONS}/{ours['id']}/updates", headers=writer, json=PROGRESS)
    assert posted.status_code == 200 and posted.json()["status"] == "in_progress"
    assert tracker.client.post(f"{ACTIONS}/{theirs['id']}/updates", headers=writer, json=PROGRESS).status_code == 404
    assert tracker.client.post(f"{ACTIONS}/{ours['id']}/approve-closure", headers=writer, json={}).status_code == 403


def test_an_overdue_action_reminds_its_owner_and_escalates_through_the_deadline_registry(
        tracker, frozen_now, smtp_server, jobs):
    from backend.reminders.worker import run_once

    manager = tracker.make.user(Role.agency_manager, tracker.police)
    tracker.action(due_date="2026-11-20")  # the Friday before the frozen Monday
    run_once(jobs)
    [reminder] = [m for m in smtp_server.messages if tracker.police_lead.email in m.rcpt_tos]
    assert reminder.subject == "Overdue by 1 working day: Agency action for Child RM"
    frozen_now[0] = dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)  # 10 working days overdue
    run_once(jobs)
    escalations = [m for m in smtp_server.messages if m.subject.startswith("Escalated: Agency action")]
    assert manager.email in [r for m in escalations for r in m.rcpt_tos]
    assert escalations[0].subject == "Escalated: Agency action for Child RM is 10 working days overdue"


def test_the_export_says_what_the_tracker_lists_without_loading_an_action_object_per_row(tracker, engine):
    tagged = tracker.recommendation(number=2, theme_ids=[str(tracker.theme("Escalation").id)])
    plain = tracker.recommendation(number=3)
    tracker.action(tagged["id"], description="Escalation workshop", due_date="2026-01-05")  # long past: overdue
    tracker.action(plain["id"], agency=tracker.health, description="GP audit", due_date="2027-03-31")
    headers = tracker.as_(tracker.office)
    listed = tracker.client.get(ACTIONS, headers=headers).json()["items"]
    loaded = []

    def count(target, _context):  # type: ignore[no-untyped-def]
        loaded.append(target)

    event.listen(AgencyAction, "load", count)
    try:
        exported = tracker.client.get(f"{ACTIONS}/export.csv", headers=headers)
    finally:
        event.remove(AgencyAction, "load", count)
    assert exported.status_code == 200 and loaded == []
    _, *rows = list(csv.reader(io.StringIO(exported.text)))
    assert [(r[1], r[3], r[4], r[5], r[7], r[8], r[9], r[10]) for r in rows] == [
        (f"Recommendation {a['answers']['label']}", a["agency"]["name"], a["owner"]["name"] if a["owner"] else "",
         a["description"], a["due_date"], "Not started", "Yes" if a["overdue"] else "No",
         ", ".join(t["name"] for t in a["themes"])) for a in listed]
    assert [r[9] for r in rows] == ["Yes", "No"] and rows[0][10] == "Escalation"
