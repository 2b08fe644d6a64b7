"""Dissemination: which agencies and teams received a learning briefing or response document, when, and the
receiving agency's confirmation that it was discussed in a team meeting (its lead only; other agencies 404)."""

import pytest

from backend.core.access import Role
from tests.learning_support import Tracker, make_tracker
from tests.stage_one import notify

DISSEMINATIONS = "/api/v1/learning/disseminations"


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def _send(tracker: Tracker, **overrides) -> list[dict]:
    body = {"item": "response_document", "review_id": str(tracker.review.id),
            "agency_ids": [str(tracker.police.id), str(tracker.health.id)],
            "teams": "Response officers; GP practices", "sent_on": "2026-11-02"} | overrides
    sent = tracker.client.post(DISSEMINATIONS, headers=tracker.as_(tracker.office), json=body)
    assert sent.status_code == 201, sent.text
    return sent.json()


def test_the_business_office_records_who_received_a_response_and_each_agency_sees_its_own(tracker):
    health, police = _send(tracker)
    assert (police["agency"]["name"], police["state"], police["teams"]) == (
        "Harbourside Police", "sent", "Response officers; GP practices")
    assert police["allowed_actions"] == ["withdraw"]
    listed = tracker.client.get(DISSEMINATIONS, params={"review_id": str(tracker.review.id)},
                                headers=tracker.as_(tracker.police_lead)).json()
    assert [d["id"] for d in listed["items"]] == [police["id"]]
    assert listed["items"][0]["allowed_actions"] == ["confirm"]


def test_the_receiving_agency_lead_confirms_it_was_discussed_and_nobody_else_can(tracker, make):
    health, police = _send(tracker)
    url = f"{DISSEMINATIONS}/{police['id']}/confirm"
    body = {"discussed_on": "2026-11-10", "note": "Discussed at the response sergeants' meeting."}
    # Another agency's lead does not see it at all; the business office sees it but may not confirm.
    assert tracker.client.post(url, headers=tracker.as_(tracker.health_lead), json=body).status_code == 404
    assert tracker.client.post(url, headers=tracker.as_(tracker.office), json=body).status_code == 403
    police_manager = make.user(Role.agency_manager, tracker.police)
    assert tracker.client.post(url, headers=tracker.as_(police_manager), json=body).status_code == 403
    too_early = tracker.client.post(url, headers=tracker.as_(tracker.police_lead), json=body | {
        "discussed_on": "2026-10-01"})
    assert too_early.status_code == 422 and too_early.json()["errors"][0]["field"] == "body.discussed_on"

    confirmed = tracker.client.post(url, headers=tracker.as_(tracker.police_lead), json=body)
    assert confirmed.status_code == 200, confirmed.text
    read = confirmed.json()
    assert (read["state"], read["discussed_on"], read["confirmed_by_name"]) == (
        "confirmed", "2026-11-10", tracker.police_lead.name)
    assert read["allowed_actions"] == []
    again = tracker.client.post(url, headers=tracker.as_(tracker.police_lead), json=body)
    assert again.status_code == 409
    office_view = tracker.client.get(f"{DISSEMINATIONS}/{health['id']}", headers=tracker.as_(tracker.office)).json()
    assert office_view["state"] == "sent"


def test_a_learning_briefing_is_sent_from_a_rapid_review(client, make, tracker):
    notification = notify(client, make, tracker.office, agency_ids=[str(tracker.police.id)])
    wrong = tracker.client.post(DISSEMINATIONS, headers=tracker.as_(tracker.office), json={
        "item": "learning_briefing", "review_id": str(tracker.review.id), "agency_ids": [str(tracker.police.id)],
        "sent_on": "2026-11-02"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "body.rapid_review_id"
    (sent,) = _send(tracker, item="learning_briefing", review_id=None,
                    rapid_review_id=notification["rapid_review_id"], agency_ids=[str(tracker.police.id)])
    assert sent["child_reference"] == "Child BM" and sent["item"] == "learning_briefing"


def test_a_record_sent_in_error_is_withdrawn_by_the_business_office_only_before_confirmation(tracker):
    health, police = _send(tracker)
    assert tracker.client.delete(f"{DISSEMINATIONS}/{health['id']}",
                                 headers=tracker.as_(tracker.police_lead)).status_code == 403
    assert tracker.client.delete(f"{DISSEMINATIONS}/{health['id']}",
                                 headers=tracker.as_(tracker.office)).status_code == 204
    assert tracker.client.get(f"{DISSEMINATIONS}/{health['id']}",
                              headers=tracker.as_(tracker.office)).status_code == 404
