"""The business office chases an information request still outstanding, or gives the agency a new due date with
a reason; the agency is told, and the request's timeline keeps both."""

from backend.core.access import Role
from backend.identity.models import AgencyKind
from backend.reminders.worker import run_once
from tests.stage_one import CHILD, notify
from tests.test_rapid_reviews import MEETING, RESPONSE

REQUESTS = "/api/v1/information-requests"


def _request(client, make, office, agency):
    notification = notify(client, make, office, agency_ids=[str(agency.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests"
    [request] = client.post(url, headers=make.headers(office), json={"agency_ids": [str(agency.id)]}).json()
    return f"{REQUESTS}/{request['id']}"


def test_chasing_a_request_emails_the_agency_leads_now_and_shows_on_the_timeline(client, make, frozen_now,
                                                                                 smtp_server, jobs):
    agency = make.agency("Quayside Medical Practice", AgencyKind.health)
    lead, office = make.user(Role.agency_lead, agency), make.user(Role.business_office)
    url = _request(client, make, office, agency)
    assert "chase" in client.get(url, headers=make.headers(office)).json()["allowed_actions"]

    chased = client.post(f"{url}/chase", headers=make.headers(office))

    assert chased.status_code == 200 and chased.json()["state"] == "requested"
    run_once(jobs)
    [reminder] = [m for m in smtp_server.messages if m.subject.startswith("Reminder")]
    assert reminder.subject == "Reminder: information request for Child BM" and reminder.rcpt_tos == [lead.email]
    assert "has not been submitted yet" in reminder.text and "Wednesday 2 December 2026" in reminder.text
    assert CHILD["name"] not in reminder.text
    timeline = client.get(f"{url}/timeline", headers=make.headers(lead)).json()
    assert timeline[-1]["summary"] == "Reminded Quayside Medical Practice to send its response"


def test_a_new_due_date_moves_the_deadline_with_its_reason(client, make, frozen_now):
    agency = make.agency("Harbour Police", AgencyKind.police)
    lead, office = make.user(Role.agency_lead, agency), make.user(Role.business_office)
    url = _request(client, make, office, agency)

    moved = client.post(f"{url}/due-date", headers=make.headers(office),
                        json={"due_date": "2026-12-09", "reason": "The records are held off site."})

    assert moved.status_code == 200 and moved.json()["due"]["due_date"] == "2026-12-09"
    [deadline] = client.get("/api/v1/deadlines", headers=make.headers(lead),
                            params={"kind": "information_request"}).json()["items"]
    assert deadline["due_date"] == "2026-12-09" and deadline["status"] == "open"
    timeline = client.get(f"{url}/timeline", headers=make.headers(lead)).json()
    assert timeline[-1]["summary"] == ("New due date for Harbour Police: 9 December 2026. "
                                       "Reason: The records are held off site.")


def test_chasing_and_new_dates_are_refused_when_they_make_no_sense(client, make, frozen_now):
    agency = make.agency("Harbour Police", AgencyKind.police)
    lead, office = make.user(Role.agency_lead, agency), make.user(Role.business_office)
    url = _request(client, make, office, agency)

    past = client.post(f"{url}/due-date", headers=make.headers(office),
                       json={"due_date": "2026-11-20", "reason": "Typo"})
    assert past.status_code == 422
    assert past.json()["errors"] == [{"field": "body.due_date",
                                      "message": "The new due date must be today or in the future"}]
    no_reason = client.post(f"{url}/due-date", headers=make.headers(office), json={"due_date": "2026-12-09"})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "body.reason"
    # The agency cannot chase itself or move its own due date.
    assert client.post(f"{url}/chase", headers=make.headers(lead)).status_code == 403
    assert client.post(f"{url}/due-date", headers=make.headers(lead),
                       json={"due_date": "2026-12-30", "reason": "More time"}).status_code == 403
    # Once submitted, there is nothing to chase.
    client.post(f"{url}/submit", headers=make.headers(lead), json=RESPONSE)
    late = client.post(f"{url}/chase", headers=make.headers(office))
    assert late.status_code == 409 and "chase" not in late.json()["allowed_actions"]
    unchanged = client.get(url, headers=make.headers(office)).json()
    assert unchanged["due"]["due_date"] == "2026-12-02"


def test_a_meeting_held_before_every_response_came_in_records_whose_were_missing(client, make, frozen_now):
    police, school = make.agency("Harbour Police", AgencyKind.police), make.agency("Quayside Primary")
    office, police_lead = make.user(Role.business_office), make.user(Role.agency_lead, police)
    notification = notify(client, make, office, agency_ids=[str(police.id), str(school.id)])
    rapid_review = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    sent = client.post(f"{rapid_review}/information-requests", headers=make.headers(office),
                       json={"agency_ids": [str(police.id), str(school.id)]}).json()
    police_request = next(r for r in sent if r["agency"]["id"] == str(police.id))
    client.post(f"{REQUESTS}/{police_request['id']}/submit", headers=make.headers(police_lead), json=RESPONSE)

    held = client.post(f"{rapid_review}/meeting", headers=make.headers(office), json=MEETING)

    assert held.status_code == 201, held.text
    assert held.json()["meeting"]["responses_outstanding"] == [
        {"agency_id": str(school.id), "agency_name": "Quayside Primary", "state": "requested"}]
    timeline = client.get(f"{rapid_review}/timeline", headers=make.headers(office)).json()
    assert "still to come from Quayside Primary" in timeline[-1]["summary"]
