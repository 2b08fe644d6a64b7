"""Practitioner engagement: the lead reviewer runs the practitioner event of their own reviews (an event of the
events domain), one-to-one discussions are offered to practitioners who cannot attend, and the review's task list
says what is done."""

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.reviews.tasks import tasks_for
from tests.engagement_support import people
from tests.events_support import event_body, schedule
from tests.versions import edit

OFFICE_STEPS = ["edit", "cancel", "replace_open_link", "remove_open_link", "invite"]
ONE_TO_ONE = {"practitioner_name": "Jo Bright", "practitioner_role": "Health visitor", "offered_on": "2026-11-16",
              "offered_by": "Priya Shah, business office"}


def test_a_lead_reviewer_arranges_and_runs_the_practitioner_event_of_their_own_review(client, db, make, frozen_now):
    p = people(db, make)
    created = client.post("/api/v1/events", headers=make.headers(p.reviewer), json=event_body(p.review))
    assert created.status_code == 201, created.text
    assert created.json()["allowed_actions"] == OFFICE_STEPS
    url = f"/api/v1/events/{created.json()['id']}"
    moved = edit(client, "PATCH", url, headers=make.headers(p.reviewer), json={"location": "Quayside Library"})
    assert moved.status_code == 200 and moved.json()["location"] == "Quayside Library"
    listed = client.get(f"/api/v1/events?review_id={p.review.id}", headers=make.headers(p.reviewer)).json()
    assert [e["id"] for e in listed["items"]] == [created.json()["id"]]
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "create", AuditEvent.entity_type == "event"))
    assert audit.actor_id == p.reviewer.id


def test_a_lead_reviewer_cannot_arrange_or_touch_an_event_of_a_review_they_do_not_lead(client, db, make,
                                                                                       frozen_now):
    p = people(db, make)
    refused = client.post("/api/v1/events", headers=make.headers(p.other_reviewer), json=event_body(p.review))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.review_id"
    event = schedule(client, make, p.office, p.review)
    url = f"/api/v1/events/{event['id']}"
    stranger = make.headers(p.other_reviewer)
    assert client.get(url, headers=stranger).status_code == 404
    assert client.post(f"{url}/cancel", headers=stranger, json={}).status_code == 404
    assert client.post(f"{url}/invitations", headers=stranger,
                       json={"name": "DC Alex Reid", "email": "alex@police.example.org"}).status_code == 404
    assert client.get(url, headers=make.headers(p.office)).json()["status"] == "scheduled"


def test_a_one_to_one_is_offered_then_held_and_recorded_by_whom(client, db, make, frozen_now):
    p = people(db, make)
    offered = client.post(f"{p.url}/one-to-ones", headers=make.headers(p.reviewer),
                          json=ONE_TO_ONE | {"agency_id": str(p.trust.id)})
    assert offered.status_code == 201, offered.text
    body = offered.json()
    assert (body["state"], body["agency_name"]) == ("offered", "Harbourside Children's Trust")
    assert body["allowed_actions"] == ["edit", "record_held", "record_declined"]
    url = f"{p.url}/one-to-ones/{body['id']}"
    early = client.post(f"{url}/held", headers=make.headers(p.reviewer),
                        json={"held_on": "2026-11-10", "held_by": "Ruth Kaplan"})
    assert early.status_code == 422
    assert early.json()["errors"] == [{"field": "body.held_on",
                                       "message": "The date it was held must be on or after the date it was offered"}]
    held = client.post(f"{url}/held", headers=make.headers(p.reviewer),
                       json={"held_on": "2026-11-20", "held_by": "Ruth Kaplan, lead reviewer"})
    assert held.json()["state"] == "held" and held.json()["held_by"] == "Ruth Kaplan, lead reviewer"
    assert held.json()["allowed_actions"] == []
    declined_after = client.post(f"{url}/declined", headers=make.headers(p.reviewer),
                                 json={"declined_on": "2026-11-21"})
    assert declined_after.status_code == 409 and declined_after.json()["current_state"] == "held"


def test_a_one_to_one_offered_in_the_future_is_refused_naming_the_date(client, db, make, frozen_now):
    p = people(db, make)
    refused = client.post(f"{p.url}/one-to-ones", headers=make.headers(p.office),
                          json=ONE_TO_ONE | {"agency_id": str(p.trust.id), "offered_on": "2026-12-25"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "body.offered_on",
                                         "message": "The date it was offered must be today or in the past"}]
    assert client.get(f"{p.url}/one-to-ones", headers=make.headers(p.office)).json() == []


def test_an_agency_sees_only_its_own_practitioners_one_to_ones_and_cannot_record_them(client, db, make,
                                                                                       frozen_now):
    p = people(db, make)
    for agency in (p.trust, p.police):
        client.post(f"{p.url}/one-to-ones", headers=make.headers(p.office),
                    json=ONE_TO_ONE | {"agency_id": str(agency.id), "practitioner_name": agency.name + " worker"})
    seen = client.get(f"{p.url}/one-to-ones", headers=make.headers(p.trust_lead)).json()
    assert [s["agency_id"] for s in seen] == [str(p.trust.id)] and seen[0]["allowed_actions"] == []
    refused = client.post(f"{p.url}/one-to-ones", headers=make.headers(p.trust_lead),
                          json=ONE_TO_ONE | {"agency_id": str(p.trust.id)})
    assert refused.status_code == 403


def test_a_lead_reviewer_of_another_review_and_an_agency_not_involved_get_404_on_every_one_to_one_route(
        client, db, make, frozen_now):
    p = people(db, make)
    offered = client.post(f"{p.url}/one-to-ones", headers=make.headers(p.office),
                          json=ONE_TO_ONE | {"agency_id": str(p.trust.id)}).json()
    url, one = f"{p.url}/one-to-ones", f"{p.url}/one-to-ones/{offered['id']}"
    for stranger in (p.other_reviewer, p.outsider_lead):
        headers = make.headers(stranger) | {"If-Match": '"1"'}
        answers = [client.get(url, headers=headers),
                   client.post(url, headers=headers, json=ONE_TO_ONE | {"agency_id": str(p.trust.id)}),
                   client.get(one, headers=headers), client.patch(one, headers=headers, json={"notes": "x"}),
                   client.post(f"{one}/held", headers=headers, json={"held_on": "2026-11-20", "held_by": "x"}),
                   client.post(f"{one}/declined", headers=headers, json={"declined_on": "2026-11-20"})]
        assert [a.status_code for a in answers] == [404] * len(answers), stranger.role


def test_the_task_list_shows_the_practitioner_event_arranged_then_held(client, db, make, frozen_now):
    import datetime as dt

    p = people(db, make)
    tasks = {t.key: t for t in tasks_for(db, p.review)}
    assert tasks["practitioner_event_held"].status == "cannot_start_yet"
    schedule(client, make, p.office, p.review, date="2026-11-30")
    db.expire_all()
    assert {t.key: t for t in tasks_for(db, p.review)}["practitioner_event_held"].status == "in_progress"
    frozen_now[0] = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    held = {t.key: t for t in tasks_for(db, p.review)}["practitioner_event_held"]
    assert held.status == "completed" and held.hint == "Held on 30 November 2026" and held.section == "practitioners"
