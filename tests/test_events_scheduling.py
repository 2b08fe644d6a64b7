"""Scheduling practitioner events for a review: who may, what is checked, and the deadlines they open."""

import uuid
from datetime import date

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.deadlines.models import Deadline
from backend.identity.models import IntegrationClient
from tests.events_support import CHILD, event_body, review_for, schedule
from tests.versions import edit


def test_business_office_schedules_an_event_with_its_reminder_and_an_open_link_shown_once(client, db, make,
                                                                                          frozen_now):
    office, trust = make.user(Role.business_office), make.agency("Harbourside Trust")
    review = review_for(db, trust)
    created = schedule(client, make, office, review, date="2026-12-14", start_time="09:30")
    assert created["starts_at"] == "2026-12-14T09:30:00Z" and created["timezone"] == "Europe/London"
    assert created["open_link"]["url"].startswith("http") and created["open_link"]["expires_at"] == created["ends_at"]
    assert created["places_left"] == 20 and created["child_reference"] == CHILD
    again = client.get(f"/api/v1/events/{created['id']}", headers=make.headers(office)).json()
    assert "open_link" not in again and again["has_open_link"] is True
    reminder = db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(again["id"])))
    assert reminder.kind == "event_reminder" and reminder.due_date == date(2026, 12, 14)
    assert reminder.owner_role == Role.business_office
    audit = db.scalar(select(AuditEvent).where(AuditEvent.entity_id == created["id"]))
    assert audit.action == "create" and audit.actor_id == office.id


def test_a_summer_event_is_stored_as_london_wall_clock_time(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    frozen_now[0] = frozen_now[0].replace(year=2026, month=1)
    created = schedule(client, make, office, review_for(db), date="2026-06-15", start_time="10:00")
    assert created["start_time"] == "10:00" and created["starts_at"] == "2026-06-15T09:00:00Z"


def test_debriefs_open_a_debrief_deadline(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db), kind="open_debrief", title="Open de-brief")
    kinds = set(db.scalars(select(Deadline.kind).where(Deadline.subject_id == uuid.UUID(created["id"]))))
    assert kinds == {"event_reminder", "debrief"}


def test_event_details_are_checked_before_anything_is_saved(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    review = review_for(db)
    bad = event_body(review, start_time="12:00", end_time="11:00", location=None, virtual_link=None,
                     title=f"Learning event for {CHILD}")
    response = client.post("/api/v1/events", headers=make.headers(office), json=bad)
    fields = {e["field"] for e in response.json()["errors"]}
    assert response.status_code == 422 and fields == {"body.end_time", "body.location", "body.title"}
    # 01:30 on the day the clocks go forward does not exist in London.
    gap = event_body(review, date="2027-03-28", start_time="01:30", end_time="03:00")
    response = client.post("/api/v1/events", headers=make.headers(office), json=gap)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.start_time"
    invalid = client.post("/api/v1/events", headers=make.headers(office),
                          json=event_body(review, capacity=0, kind="party", virtual_link="not a link"))
    assert {e["field"] for e in invalid.json()["errors"]} == {"body.capacity", "body.kind", "body.virtual_link"}
    assert client.get("/api/v1/events", headers=make.headers(office)).json()["total"] == 0


def test_agencies_read_events_only_of_reviews_they_are_involved_in(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    involved, other = make.agency("Involved Trust"), make.agency("Other School")
    reviewer, other_reviewer = make.user(Role.lead_reviewer), make.user(Role.lead_reviewer)
    review = review_for(db, involved)
    review.lead_reviewer_id = reviewer.id
    created = schedule(client, make, office, review)
    url = f"/api/v1/events/{created['id']}"
    assert client.get(url, headers=make.headers(make.user(Role.agency_lead, involved))).status_code == 200
    assert client.get(url, headers=make.headers(reviewer)).status_code == 200
    assert client.get(url, headers=make.headers(other_reviewer)).status_code == 404
    outsider = make.headers(make.user(Role.agency_lead, other))
    assert client.get(url, headers=outsider).status_code == 404
    assert client.get(f"{url}/attendees", headers=outsider).status_code == 404
    assert client.get("/api/v1/events", headers=outsider).json()["total"] == 0
    denied = client.post("/api/v1/events", headers=make.headers(make.user(Role.agency_lead, involved)),
                         json=event_body(review))
    assert denied.status_code == 403


def test_integration_client_with_events_read_sees_its_agencys_events(client, db, make, frozen_now):
    from backend.core.tokens import create_access_token

    office, trust = make.user(Role.business_office), make.agency("Case System Trust")
    schedule(client, make, office, review_for(db, trust))
    schedule(client, make, office, review_for(db, make.agency(), child_reference="Child ZZ"))
    system = IntegrationClient(client_id="trust-case-system", name="Trust case system", secret_hash="x",
                               agency_id=trust.id, scopes=["events:read"])
    db.add(system)
    db.flush()
    token, _ = create_access_token(subject=system.id, kind="client", role=None, agency_id=trust.id,
                                   scopes=["events:read"])
    listed = client.get("/api/v1/events", headers={"Authorization": f"Bearer {token}"}).json()
    assert listed["total"] == 1 and listed["items"][0]["child_reference"] == CHILD


def test_moving_an_event_tells_everyone_holding_a_place_and_cancelling_waives_its_deadlines(client, db, make,
                                                                                            frozen_now):
    from backend.deadlines.models import DeadlineStatus
    from tests.events_support import captured_emails, sign_up_body, token_of

    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db))
    client.post(f"/api/v1/public/events/{token_of(created['open_link'])}", json=sign_up_body(1))
    with captured_emails() as sent:
        moved = edit(client, "PATCH", f"/api/v1/events/{created['id']}", headers=make.headers(office),
                     json={"start_time": "10:00", "date": "2026-12-15"})
        assert moved.status_code == 200 and moved.json()["starts_at"] == "2026-12-15T10:00:00Z"
        assert [e.type for e in sent] == ["event.details_changed"]
        invite = sent[0].email.attachments[0].content
        assert b"SEQUENCE:1" in invite and b"DTSTART;TZID=Europe/London:20261215T100000" in invite
        cancelled = client.post(f"/api/v1/events/{created['id']}/cancel", headers=make.headers(office),
                                json={"reason": "Lead reviewer unwell"})
        assert cancelled.json()["status"] == "cancelled" and sent[-1].type == "event.cancelled_notice"
    reminder = db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(created["id"])))
    assert reminder.due_date == date(2026, 12, 15) and reminder.status == DeadlineStatus.waived


def test_demo_event_is_a_practitioner_learning_event_open_for_sign_up(db, make, frozen_now, capsys):
    from backend.events.demo import seed_demo_events
    from backend.events.models import EventKind

    office, trust = make.user(Role.business_office), make.agency()
    event, token = seed_demo_events(db, review_for(db, trust), [make.user(Role.agency_lead, trust), office])
    assert event.kind == EventKind.practitioner_learning_event and event.open_link_hash is not None and token
    assert event.date.weekday() < 5 and event.starts_at > frozen_now[0] and len(event.questions) == 3
    assert capsys.readouterr().out == ""
