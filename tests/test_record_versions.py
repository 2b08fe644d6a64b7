"""Records several people edit carry a version: an edit must name the version it was made against.

Each kind below is read (its `ETag`), then changed with `If-Match`. Without it the change is refused with 428,
with a version someone else has since replaced with 412, and in both cases the record is exactly as it was.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.core.access import Role
from backend.identity.models import AgencyKind
from tests.events_support import review_for, schedule
from tests.referral_forms import URL, partnership
from tests.stage_one import NOTIFICATIONS, notify
from tests.test_rapid_reviews import MEETING, RESPONSE
from tests.versions import current_etag

REQUESTS = "/api/v1/information-requests"
STALE = [{"field": "header.If-Match", "message": "stale"}]
REQUIRED = [{"field": "header.If-Match", "message": "required"}]


@dataclass
class Record:
    """One record arranged for a test: where it is read, how it is edited, and what an edit shows."""

    read: str
    method: str
    url: str
    headers: dict[str, str]
    edits: tuple[dict[str, Any], dict[str, Any]]  # a colleague's edit, then yours
    shows: Callable[[dict[str, Any]], Any]

    def get(self, client: TestClient):
        return client.get(self.read, headers=self.headers)

    def edit(self, client: TestClient, body: dict[str, Any], if_match: str | None):
        headers = self.headers | ({"If-Match": if_match} if if_match is not None else {})
        return client.request(self.method, self.url, headers=headers, json=body)


def _referral(client, db, make) -> Record:
    org = partnership(client, make)
    url = f"{URL}/{org.create()['id']}"
    return Record(url, "PATCH", url, make.headers(org.lead),
                  ({"rationale": "Neglect over many months."}, {"rationale": "A serious head injury at home."}),
                  lambda body: body["rationale"])


def _information_request(client, db, make) -> Record:
    office, police = make.user(Role.business_office), make.agency("Westbrook Police", AgencyKind.police)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    sent = client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests",
                       headers=make.headers(office), json={"agency_ids": [str(police.id)]})
    url = f"{REQUESTS}/{sent.json()[0]['id']}"
    return Record(url, "PUT", f"{url}/draft", make.headers(make.user(Role.agency_lead, police)),
                  (RESPONSE | {"analysis": "Two call-outs were not linked."},
                   RESPONSE | {"analysis": "Nobody asked who lived in the home."}),
                  lambda body: (body["draft"] or {}).get("analysis"))


def _meeting(client, db, make) -> Record:
    office = make.user(Role.business_office)
    url = f"/api/v1/rapid-reviews/{notify(client, make, office)['rapid_review_id']}"
    assert client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING).status_code == 201
    return Record(url, "PATCH", f"{url}/meeting", make.headers(office),
                  ({"facts_reviewed": "Police and hospital chronologies."},
                   {"facts_reviewed": "Chronologies from all four agencies."}),
                  lambda body: body["meeting"]["facts_reviewed"])


def _learning_briefing(client, db, make) -> Record:
    office = make.user(Role.business_office)
    url = f"/api/v1/rapid-reviews/{notify(client, make, office)['rapid_review_id']}/learning-briefing"
    return Record(url, "PUT", url, make.headers(office),
                  ({"what_happened": "A baby was injured at home."}, {"what_happened": "Visits went unanswered."}),
                  lambda body: body["what_happened"])


def _incident_notification(client, db, make) -> Record:
    office = make.user(Role.business_office)
    url = f"{NOTIFICATIONS}/{notify(client, make, office)['id']}"
    return Record(url, "PATCH", url, make.headers(office),
                  ({"summary": "Admitted with a head injury."}, {"summary": "Admitted with unexplained bruising."}),
                  lambda body: body["summary"])


def _review(client, db, make) -> Record:
    # Only the list of agencies changes here: a change held in another table is a new version too.
    police, school = make.agency("Westbrook Police"), make.agency("Westbrook Academy")
    url = f"/api/v1/reviews/{review_for(db).id}"
    return Record(url, "PATCH", url, make.headers(make.user(Role.business_office)),
                  ({"agency_ids": [str(police.id)]}, {"agency_ids": [str(school.id)]}),
                  lambda body: [a["name"] for a in body["agencies"]])


def _event(client, db, make) -> Record:
    office = make.user(Role.business_office)
    url = f"/api/v1/events/{schedule(client, make, office, review_for(db))['id']}"
    return Record(url, "PATCH", url, make.headers(office),
                  ({"title": "Learning event: health visiting"}, {"title": "Learning event: the first year"}),
                  lambda body: body["title"])


KINDS = {"referral": _referral, "information request response": _information_request,
         "rapid review meeting": _meeting, "learning briefing": _learning_briefing,
         "incident notification": _incident_notification, "review": _review, "event": _event}


@pytest.fixture(params=list(KINDS))
def record(request, client, db, make, frozen_now) -> Record:
    return KINDS[request.param](client, db, make)


def test_reading_a_record_gives_its_version_as_etag(client, record):
    read = record.get(client)
    assert read.status_code == 200 and read.headers["ETag"].strip('"').isdigit()


def test_an_edit_without_if_match_is_refused_with_428_and_changes_nothing(client, record):
    before = record.get(client)
    refused = record.edit(client, record.edits[1], None)
    assert refused.status_code == 428 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == REQUIRED
    after = record.get(client)
    assert after.json() == before.json() and after.headers["ETag"] == before.headers["ETag"]


def test_an_edit_with_the_current_etag_lands_and_answers_the_next_one(client, record):
    first_read = record.get(client).headers["ETag"]
    first = record.edit(client, record.edits[0], first_read)
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != first_read and record.get(client).headers["ETag"] == first.headers["ETag"]
    # The ETag an edit answers with is enough for the next edit: no need to read again.
    second = record.edit(client, record.edits[1], first.headers["ETag"])
    assert second.status_code == 200, second.text
    assert record.shows(record.get(client).json()) == record.shows(second.json())


def test_an_edit_against_a_version_a_colleague_has_replaced_is_refused_with_412_and_changes_nothing(
        client, record):
    read_by_both = record.get(client).headers["ETag"]
    colleague = record.edit(client, record.edits[0], read_by_both)
    assert colleague.status_code == 200, colleague.text
    yours = record.edit(client, record.edits[1], read_by_both)
    assert yours.status_code == 412 and yours.headers["content-type"] == "application/problem+json"
    assert yours.json()["errors"] == STALE and "changed since you read it" in yours.json()["detail"]
    after = record.get(client)
    assert record.shows(after.json()) == record.shows(colleague.json())
    assert after.headers["ETag"] == colleague.headers["ETag"]


# A step such as submit changes the record too: an edit made against what was read before it is stale.

def test_a_referral_submitted_and_sent_back_since_it_was_read_refuses_the_earlier_etag(client, make, frozen_now):
    org = partnership(client, make)
    referral = org.create()
    url, lead = f"{URL}/{referral['id']}", org.as_(org.lead)
    read_before = current_etag(client, url, lead)
    assert org.act(referral["id"], "submit", org.lead).status_code == 200
    declined = org.act(referral["id"], "decline-sign-off", org.manager, {"reasons": "Add the school's view."})
    assert declined.json()["state"] == "draft"
    stale = client.patch(url, headers=lead | {"If-Match": read_before}, json={"rationale": "Overwritten?"})
    assert stale.status_code == 412
    assert org.get(referral["id"], org.lead).json()["rationale"] == referral["rationale"]
    fresh = client.patch(url, headers=lead | {"If-Match": declined.headers["ETag"]}, json={"rationale": "Revised."})
    assert fresh.status_code == 200 and fresh.json()["rationale"] == "Revised."


def test_an_information_request_submitted_and_returned_since_it_was_read_refuses_the_earlier_etag(
        client, db, make, frozen_now):
    record = _information_request(client, db, make)
    office = make.headers(make.user(Role.business_office))
    read_before = record.get(client).headers["ETag"]
    submitted = client.post(f"{record.read}/submit", headers=record.headers, json=RESPONSE)
    assert submitted.status_code == 200 and submitted.headers["ETag"] != read_before
    returned = client.post(f"{record.read}/return", headers=office, json={"reasons": "Add the sibling's contacts."})
    assert returned.json()["state"] == "returned"
    stale = record.edit(client, RESPONSE | {"analysis": "Overwritten?"}, read_before)
    assert stale.status_code == 412
    after = record.get(client).json()
    assert after["state"] == "returned" and after["draft"]["analysis"] == RESPONSE["analysis"]
    fresh = record.edit(client, RESPONSE | {"analysis": "Revised."}, returned.headers["ETag"])
    assert fresh.status_code == 200 and fresh.json()["draft"]["analysis"] == "Revised."


def test_submitting_a_response_with_a_stale_if_match_is_refused_and_nothing_is_submitted(
        client, db, make, frozen_now):
    record = _information_request(client, db, make)
    read_before = record.get(client).headers["ETag"]
    colleague = record.edit(client, RESPONSE, read_before)
    assert colleague.status_code == 200
    refused = client.post(f"{record.read}/submit", headers=record.headers | {"If-Match": read_before},
                          json=RESPONSE | {"analysis": "Submitted over a colleague's draft?"})
    assert refused.status_code == 412
    after = record.get(client).json()
    assert after["state"] == "draft" and after["submission"] is None and after["draft"] == colleague.json()["draft"]
    submitted = client.post(f"{record.read}/submit", headers=record.headers | {"If-Match": colleague.headers["ETag"]})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"


def test_a_meeting_recorded_since_the_rapid_review_was_read_makes_that_etag_stale(client, make, frozen_now):
    office = make.user(Role.business_office)
    url = f"/api/v1/rapid-reviews/{notify(client, make, office)['rapid_review_id']}"
    read_before = current_etag(client, url, make.headers(office))
    recorded = client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    assert recorded.status_code == 201 and recorded.headers["ETag"] != read_before
    stale = client.patch(f"{url}/meeting", headers=make.headers(office) | {"If-Match": read_before},
                         json={"facts_reviewed": "Overwritten?"})
    assert stale.status_code == 412
    assert client.get(url, headers=make.headers(office)).json()["meeting"]["facts_reviewed"] == MEETING[
        "facts_reviewed"]


def test_a_record_that_cannot_be_edited_at_all_is_refused_for_that_reason_before_its_version(client, make, frozen_now):
    # 403 and 409 say more than 428: the version is only asked for when the edit could otherwise be made.
    org = partnership(client, make)
    referral = org.to_state("awaiting_sign_off")
    response = client.patch(f"{URL}/{referral['id']}", headers=org.as_(org.lead), json={"rationale": "x"})
    assert response.status_code == 409
    scrutineer = make.headers(make.user(Role.scrutineer))
    notification = notify(client, make, make.user(Role.business_office))
    assert client.patch(f"{NOTIFICATIONS}/{notification['id']}", headers=scrutineer,
                        json={"summary": "x"}).status_code == 403
