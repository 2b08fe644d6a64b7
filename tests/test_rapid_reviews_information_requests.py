"""Additional information requests: 7 working days, one per agency, each agency's draft its own."""

import uuid
from datetime import UTC, datetime

from backend.core import domain_events
from backend.core.access import Role
from backend.identity.models import AgencyKind
from tests.stage_one import client_headers, notify
from tests.test_rapid_reviews import RESPONSE
from tests.versions import edit

REQUESTS = "/api/v1/information-requests"


def _requests(client, make, office, *agencies):
    notification = notify(client, make, office, agency_ids=[str(a.id) for a in agencies])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests"
    sent = client.post(url, headers=make.headers(office), json={"agency_ids": [str(a.id) for a in agencies]})
    assert sent.status_code == 201, sent.text
    return url, {r["agency"]["id"]: r["id"] for r in sent.json()}


def test_request_is_due_seven_working_days_later_across_christmas(client, make, frozen_now):
    frozen_now[0] = datetime(2026, 12, 21, 10, 0, tzinfo=UTC)
    office, police = make.user(Role.business_office), make.agency("Police")
    _, ids = _requests(client, make, office, police)
    # Requested Mon 21 Dec 2026: Tue 22 (1), Wed 23 (2), Thu 24 (3); Fri 25 and Mon 28 Dec are bank holidays;
    # Tue 29 (4), Wed 30 (5), Thu 31 (6); Fri 1 Jan is a bank holiday; Mon 4 Jan 2027 (7).
    read = client.get(f"{REQUESTS}/{ids[str(police.id)]}", headers=make.headers(office)).json()
    assert read["requested_on"] == "2026-12-21" and read["due"]["due_date"] == "2027-01-04"
    frozen_now[0] = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)
    overdue = client.get(REQUESTS, headers=make.headers(office), params={"overdue": True}).json()
    assert [r["id"] for r in overdue["items"]] == [ids[str(police.id)]]


def test_each_agencys_deadline_on_the_dashboard_names_the_agency(client, make, frozen_now):
    office = make.user(Role.business_office)
    police, hospital = make.agency("Harbour Police", AgencyKind.police), make.agency("Bayside Hospital")
    _requests(client, make, office, police, hospital)
    deadlines = client.get("/api/v1/deadlines", headers=make.headers(office),
                           params={"kind": "information_request"}).json()["items"]
    assert sorted(d["title"] for d in deadlines) == [
        "Bayside Hospital: additional information for the rapid review of Child BM",
        "Harbour Police: additional information for the rapid review of Child BM"]


def test_another_agencys_request_and_every_draft_stay_out_of_sight(client, db, make, frozen_now):
    police, hospital = make.agency("Police", AgencyKind.police), make.agency("Hospital", AgencyKind.health)
    office, strategic = make.user(Role.business_office), make.user(Role.strategic_lead)
    police_lead, hospital_lead = make.user(Role.agency_lead, police), make.user(Role.agency_lead, hospital)
    nested, ids = _requests(client, make, office, police, hospital)
    police_request = f"{REQUESTS}/{ids[str(police.id)]}"

    drafted = edit(client, "PUT", f"{police_request}/draft", read=police_request, headers=make.headers(police_lead),
                   json={"involvement": "Two call-outs to the home.", "author_name": "DS Reilly"})
    assert drafted.status_code == 200 and drafted.json()["state"] == "draft"
    assert drafted.json()["draft"]["involvement"] == "Two call-outs to the home."

    # The business office sees that a draft exists, never its content.
    for viewer in (office, strategic):
        seen = client.get(police_request, headers=make.headers(viewer)).json()
        assert seen["state"] == "draft" and seen["draft"] is None and seen["submission"] is None
        assert "call-outs" not in client.get(f"{police_request}/timeline", headers=make.headers(viewer)).text

    # Another agency: the request is a 404 and absent from every list, nested or flat.
    assert client.get(police_request, headers=make.headers(hospital_lead)).status_code == 404
    assert client.put(f"{police_request}/draft", headers=make.headers(hospital_lead), json={}).status_code == 404
    assert client.post(f"{police_request}/submit", headers=make.headers(hospital_lead), json=RESPONSE
                       ).status_code == 404
    for url in (REQUESTS, nested):
        items = client.get(url, headers=make.headers(hospital_lead)).json()["items"]
        assert [i["agency"]["id"] for i in items] == [str(hospital.id)]
    assert client.get(REQUESTS, headers=make.headers(office)).json()["total"] == 2

    # Integration clients are held to their own agency too.
    hospital_system = client_headers(client, db, make, hospital, ["information_requests:write"])
    assert client.get(police_request, headers=hospital_system).status_code == 404
    assert [i["agency"]["id"] for i in client.get(REQUESTS, headers=hospital_system).json()["items"]] == [
        str(hospital.id)]
    police_reader = client_headers(client, db, make, police, ["information_requests:read"])
    assert client.get(police_request, headers=police_reader).json()["draft"]["author_name"] == "DS Reilly"
    refused = client.post(f"{police_request}/submit", headers=police_reader, json=RESPONSE)
    assert refused.status_code == 403 and refused.json()["required_scope"] == "information_requests:write"

    police_system = client_headers(client, db, make, police, ["information_requests:write"])
    submitted = client.post(f"{police_request}/submit", headers=police_system, json=RESPONSE)
    assert submitted.status_code == 200 and submitted.json()["due"]["status"] == "met"
    seen = client.get(police_request, headers=make.headers(office)).json()
    assert seen["state"] == "submitted" and seen["submission"]["analysis"] == RESPONSE["analysis"]
    assert seen["submission"]["key_contacts"][0]["contact_type"] == "Home visit" and seen["draft"] is None


def test_incomplete_response_cannot_be_submitted(client, make, frozen_now):
    police, office = make.agency("Police"), make.user(Role.business_office)
    lead = make.user(Role.agency_lead, police)
    _, ids = _requests(client, make, office, police)
    url = f"{REQUESTS}/{ids[str(police.id)]}"
    assert client.post(f"{url}/submit", headers=make.headers(lead)).status_code == 422
    edit(client, "PUT", f"{url}/draft", read=url, headers=make.headers(lead),
         json=RESPONSE | {"good_practice": "", "author_role": ""})
    refused = client.post(f"{url}/submit", headers=make.headers(lead))
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"draft.good_practice", "draft.author_role"}
    assert client.get(url, headers=make.headers(lead)).json()["state"] == "draft"


def test_business_office_returns_a_response_for_more_information_and_it_comes_back(
        client, make, frozen_now, monkeypatch):
    seen: list[domain_events.DomainEvent] = []
    monkeypatch.setattr(domain_events, "_everything", [lambda _s, event: seen.append(event)])
    police, office = make.agency("Police"), make.user(Role.business_office)
    lead = make.user(Role.agency_lead, police)
    _, ids = _requests(client, make, office, police)
    url = f"{REQUESTS}/{ids[str(police.id)]}"
    reasons = {"reasons": "Please add the contacts with the older sibling."}

    assert client.post(f"{url}/return", headers=make.headers(office), json=reasons).status_code == 409
    client.post(f"{url}/submit", headers=make.headers(lead), json=RESPONSE)
    assert client.post(f"{url}/return", headers=make.headers(lead), json=reasons).status_code == 403
    assert client.post(f"{url}/submit", headers=make.headers(lead), json=RESPONSE).status_code == 409
    returned = client.post(f"{url}/return", headers=make.headers(office), json=reasons).json()
    assert returned["state"] == "returned" and returned["return_reasons"] == reasons["reasons"]
    assert returned["submission"]["analysis"] == RESPONSE["analysis"]

    revised = RESPONSE | {"involvement": RESPONSE["involvement"] + " School nurse saw the sibling twice."}
    edit(client, "PUT", f"{url}/draft", read=url, headers=make.headers(lead), json=revised)
    office_view = client.get(url, headers=make.headers(office)).json()
    assert office_view["state"] == "draft" and "School nurse" not in office_view["submission"]["involvement"]
    resubmitted = client.post(f"{url}/submit", headers=make.headers(lead)).json()
    assert resubmitted["state"] == "submitted" and "School nurse" in resubmitted["submission"]["involvement"]

    kinds = [(e.type, e.agency_ids[0]) for e in seen if e.type.startswith("information_request.")]
    assert kinds == [("information_request.created", police.id), ("information_request.submitted", police.id),
                     ("information_request.returned", police.id), ("information_request.submitted", police.id)]
    assert next(e for e in seen if e.type == "information_request.returned").reasons == reasons["reasons"]


def test_each_agency_is_asked_once_and_only_while_information_is_gathered(client, make, frozen_now):
    police, school, office = make.agency("Police"), make.agency("School"), make.user(Role.business_office)
    url, _ = _requests(client, make, office, police)
    again = client.post(url, headers=make.headers(office), json={"agency_ids": [str(police.id)]})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "body.agency_ids.0"
    assert client.post(url, headers=make.headers(make.user(Role.agency_lead, police)),
                       json={"agency_ids": [str(school.id)]}).status_code == 403
    added = client.post(url, headers=make.headers(office), json={"agency_ids": [str(school.id)]})
    assert added.status_code == 201
    rapid_review = client.get(url.removesuffix("/information-requests"), headers=make.headers(office)).json()
    assert {a["id"] for a in rapid_review["agencies"]} == {str(police.id), str(school.id)}
    unknown = client.post(url, headers=make.headers(office), json={"agency_ids": [str(uuid.uuid4())]})
    assert unknown.status_code == 422
