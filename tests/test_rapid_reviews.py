"""The rapid review, driven through the API by the people the guidance names: the business office runs it,
agencies answer, the scrutineer comments, the three safeguarding partners decide and the Panel is told."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from backend.core import domain_events
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import AgencyKind
from backend.reviews.models import Review
from tests.partner_positions import decide, three_partners
from tests.stage_one import notify

RESPONSE = {
    "involvement": "Health visiting since birth; two missed new birth visits.",
    "key_contacts": [{"date": "2026-10-02", "contact_type": "Home visit", "summary": "No access; card left."}],
    "analysis": "Missed visits were not escalated.", "immediate_learning": "Escalate repeated no-access visits.",
    "actions_taken": "Reminder issued to the team.", "good_practice": "Prompt sharing with the GP.",
    "author_name": "Sam Price", "author_role": "Named nurse",
}
MEETING = {
    "held_on": "2026-11-23",
    "attendees": [{"name": "Dr A Patel", "role": "Designated doctor (chair)", "agency": "Integrated Care Board"},
                  {"name": "DI J Cole", "role": "Head of child protection", "agency": "Police"}],
    "facts_reviewed": "Chronologies from the police and the hospital.",
    "immediate_action_needed": True, "immediate_learning": "No-access visits to a new baby are escalated.",
    "key_practice_episodes": "The two missed new birth visits were closed without escalation.",
    "characteristics_and_inequalities": "The family's first language is not English; no interpreter was offered at "
                                        "the health visits.",
    "issues_of_national_importance": "None identified.",
}


def _tick(frozen_now, days=0, hours=1):
    frozen_now[0] = frozen_now[0] + timedelta(days=days, hours=hours)


def test_notification_to_a_decided_rapid_review_that_opens_a_cspr(client, db, make, frozen_now, monkeypatch):
    seen: list[domain_events.DomainEvent] = []
    monkeypatch.setattr(domain_events, "_everything", [lambda _s, event: seen.append(event)])
    police, hospital = make.agency("Police", AgencyKind.police), make.agency("Hospital", AgencyKind.health)
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    partners = three_partners(make)
    police_lead, hospital_lead = make.user(Role.agency_lead, police), make.user(Role.agency_lead, hospital)

    notification = notify(client, make, office, agency_ids=[str(police.id), str(hospital.id)],
                          notified_panel_on="2026-11-18")
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    sent = client.post(f"{url}/information-requests", headers=make.headers(office),
                       json={"agency_ids": [str(police.id), str(hospital.id)], "note": "Six months before."})
    assert sent.status_code == 201
    requests = {r["agency"]["id"]: r for r in sent.json()}
    # Requested Mon 23 Nov 2026: seven working days is Wed 2 Dec.
    assert {r["due"]["due_date"] for r in requests.values()} == {"2026-12-02"}

    for lead, agency in ((police_lead, police), (hospital_lead, hospital)):
        _tick(frozen_now)
        answered = client.post(f"/api/v1/information-requests/{requests[str(agency.id)]['id']}/submit",
                               headers=make.headers(lead), json=RESPONSE)
        assert answered.status_code == 200 and answered.json()["due"]["status"] == "met"

    _tick(frozen_now, days=4)
    meeting = client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING | {"immediate_actions": [
        {"description": "Check on the baby's sibling at school.", "agency_id": str(police.id),
         "due_date": "2026-11-30"}]})
    assert meeting.status_code == 201 and meeting.json()["state"] == "meeting_held"
    action = meeting.json()["immediate_actions"][0]
    assert action["agency"]["id"] == str(police.id) and action["due"]["due_date"] == "2026-11-30"
    assert db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(action["id"]))).owner_agency_id == \
        police.id
    _tick(frozen_now)
    done = client.post(f"{url}/immediate-actions/{action['id']}/complete", headers=make.headers(police_lead),
                       json={"completed_on": "2026-11-27"})
    assert done.status_code == 200 and done.json()["due"]["status"] == "met"

    _tick(frozen_now)
    recommended = client.post(f"{url}/recommendation", headers=make.headers(office),
                              json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})
    assert recommended.json()["state"] == "recommendation_made"
    assert recommended.json()["allowed_actions"] == ["add_immediate_action", "edit_briefing"]
    for partner in partners.values():
        assert client.get(url, headers=make.headers(partner)).json()["allowed_actions"] == ["record_partner_position"]
    _tick(frozen_now)
    comment = client.post(f"{url}/comments", headers=make.headers(scrutineer),
                          json={"body": "The criteria are met; I support a local review."})
    assert comment.status_code == 201

    _tick(frozen_now)
    decided = decide(client, make, f"{url}/partner-positions", {"hold_cspr": True, "reasons": "Agreed.",
                                                                 "recorded_on": "2026-11-27"}, partners)
    body = decided.json()
    assert body["state"] == "decided" and body["decided_by_name"] == "The three safeguarding partners"
    assert body["comments"][0]["author_name"] == scrutineer.name
    review = db.get(Review, uuid.UUID(body["review_id"]))
    assert review.child_reference == "Child BM" and review.source_type == "rapid_review"
    assert {a.id for a in review.agencies} == {police.id, hospital.id}
    reviewed = client.get(f"/api/v1/reviews/{review.id}", headers=make.headers(police_lead)).json()
    assert reviewed["due"]["due_date"] == "2027-05-27"

    _tick(frozen_now)
    # Notified Wed 18 Nov: fifteen working days is Wed 9 Dec.
    assert body["due"] == {"due_date": "2026-12-09", "status": "open", "overdue": False}
    submitted = client.post(f"{url}/panel-submission", headers=make.headers(office), json={"sent_on": "2026-11-27"})
    assert submitted.json()["state"] == "sent_to_panel" and submitted.json()["due"]["status"] == "met"
    _tick(frozen_now, days=5)
    responded = client.post(f"{url}/panel-response", headers=make.headers(office),
                            json={"agrees": True, "responded_on": "2026-12-02", "comments": "The Panel agrees."})
    assert responded.json()["state"] == "panel_responded" and responded.json()["panel_agrees"] is True

    timeline = [e["action"] for e in client.get(f"{url}/timeline", headers=make.headers(police_lead)).json()]
    # The meeting and its action are one request, so they share a moment.
    assert timeline[0] == "create" and set(timeline[1:3]) == {"record_meeting", "add_immediate_action"}
    assert timeline[3:] == ["complete_immediate_action", "make_recommendation", "comment",
                            *["record_partner_position"] * 3, "send_to_panel", "record_panel_response"]
    types = [e.type for e in seen]
    assert types.count("information_request.created") == 2 and "rapid_review.decided" in types
    decided_event = next(e for e in seen if e.type == "rapid_review.decided")
    assert decided_event.hold_cspr is True and decided_event.review_id == review.id


def _at_recommendation(client, make, office, recommendation="no_cspr"):
    notification = notify(client, make, office)
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING | {"immediate_action_needed": False})
    client.post(f"{url}/recommendation", headers=make.headers(office), json={
        "recommendation": recommendation, "rationale": "All the learning is identified.",
        "learning_mechanisms": ["Health visiting audit", "7 minute briefing to schools"]})
    return url


def test_a_decision_not_to_review_opens_no_review(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    url = _at_recommendation(client, make, office)
    decided = decide(client, make, f"{url}/partner-positions", {"hold_cspr": False}).json()
    assert decided["hold_cspr"] is False and decided["review_id"] is None
    assert decided["learning_mechanisms"] == ["Health visiting audit", "7 minute briefing to schools"]
    assert db.scalars(select(Review)).all() == []


def test_no_review_recommendation_must_name_how_the_learning_is_taken_forward(client, make, frozen_now):
    office = make.user(Role.business_office)
    notification = notify(client, make, office)
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING | {"immediate_action_needed": False})
    refused = client.post(f"{url}/recommendation", headers=make.headers(office),
                          json={"recommendation": "no_cspr", "rationale": "Learning identified."})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.learning_mechanisms"


def test_each_move_is_refused_to_the_wrong_role_agency_and_state(client, make, frozen_now):
    police, school = make.agency("Police"), make.agency("School")
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    partners = three_partners(make)
    strategic = next(iter(partners.values()))
    police_lead, school_lead = make.user(Role.agency_lead, police), make.user(Role.agency_lead, school)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    decision = {"hold_cspr": True, "recorded_on": "2026-11-23"}

    def post(user, path, json):
        return client.post(f"{url}{path}", headers=make.headers(user), json=json)

    # Wrong role: only the business office records the meeting; only the safeguarding partners decide.
    for user in (scrutineer, strategic, police_lead):
        assert post(user, "/meeting", MEETING).status_code == 403
    # Wrong state: nothing to decide before the recommendation, nothing to send before the decision.
    wrong_state = post(strategic, "/partner-positions", decision)
    assert wrong_state.status_code == 409 and wrong_state.json()["current_state"] == "gathering_information"
    assert post(office, "/panel-submission", {"sent_on": "2026-11-23"}).status_code == 409
    assert post(office, "/recommendation", {"recommendation": "local_cspr", "rationale": "x"}).status_code == 409
    assert post(office, "/meeting", MEETING | {"immediate_action_needed": False}).status_code == 201
    assert post(office, "/meeting", MEETING).status_code == 409
    assert post(office, "/recommendation", {"recommendation": "local_cspr", "rationale": "x"}).status_code == 200
    assert client.patch(f"{url}/meeting", headers=make.headers(office), json={"facts_reviewed": "y"}).status_code == 409
    for user in (office, scrutineer, police_lead):
        assert post(user, "/partner-positions", decision).status_code == 403
    # Wrong agency: an uninvolved agency cannot see the rapid review at all.
    assert client.get(url, headers=make.headers(school_lead)).status_code == 404
    assert client.get(f"{url}/timeline", headers=make.headers(school_lead)).status_code == 404
    listed = client.get("/api/v1/rapid-reviews", headers=make.headers(school_lead)).json()
    assert listed["total"] == 0
    # Only the scrutineer (not the business office or agencies) writes comments.
    for user in (office, police_lead, strategic):
        assert post(user, "/comments", {"body": "A view."}).status_code == 403
    decide(client, make, f"{url}/partner-positions", decision, partners)
    assert post(strategic, "/partner-positions", decision).status_code == 409


def test_immediate_actions_are_completed_by_their_own_agency_only(client, db, make, frozen_now):
    police, hospital = make.agency("Police"), make.agency("Hospital")
    office = make.user(Role.business_office)
    notification = notify(client, make, office, agency_ids=[str(police.id), str(hospital.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    early = client.post(f"{url}/immediate-actions", headers=make.headers(office),
                        json={"description": "Visit", "agency_id": str(police.id), "due_date": "2026-11-25"})
    assert early.status_code == 409
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    action = client.post(f"{url}/immediate-actions", headers=make.headers(office),
                         json={"description": "Visit", "agency_id": str(police.id), "due_date": "2026-11-25"}).json()
    complete = f"{url}/immediate-actions/{action['id']}/complete"
    hospital_try = client.post(complete, headers=make.headers(make.user(Role.agency_lead, hospital)),
                               json={"completed_on": "2026-11-23"})
    assert hospital_try.status_code == 403
    frozen_now[0] = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    overdue = client.get(url, headers=make.headers(office)).json()["immediate_actions"][0]["due"]
    assert overdue["overdue"] is True
    done = client.post(complete, headers=make.headers(make.user(Role.agency_manager, police)),
                       json={"completed_on": "2026-11-26"})
    assert done.status_code == 200 and done.json()["completed_on"] == "2026-11-26"
    assert db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(action["id"]))).status == \
        DeadlineStatus.met
