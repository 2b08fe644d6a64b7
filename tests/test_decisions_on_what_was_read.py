"""A sign-off, a recommendation or a decision is made on the version the person read.

These steps take an optional If-Match (the ETag of what was read). Sent and stale, the step is refused with 412
and nothing happens: no state change, no signature, no timeline or audit entry, no deadline met or opened, no
event published. Sent and current, or not sent at all (an integrator that never read ETags), the step is taken.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import SafeguardingPartner
from backend.reviews.models import Review
from tests.partner_positions import decide, three_partners
from tests.referral_forms import RECOMMENDATION, URL, Partnership, org, published  # noqa: F401 (fixtures)
from tests.stage_one import notify
from tests.test_rapid_reviews import MEETING
from tests.versions import current_etag

STALE = [{"field": "header.If-Match", "message": "stale"}]


def _actions(db, entity_id: str) -> list[str]:
    """What the audit log says was done to a record (reads of identifying details aside)."""
    return [e.action for e in db.scalars(select(AuditEvent).where(AuditEvent.entity_id == entity_id)
                                         .order_by(AuditEvent.occurred_at)) if e.action != "read_identifying"]


def _deadline(db, kind: str, subject_id: str) -> Deadline | None:
    db.expire_all()
    return db.scalar(select(Deadline).where(Deadline.kind == kind, Deadline.subject_id == uuid.UUID(subject_id)))


# The referral: the senior manager reads it, and before they sign it off a colleague declines it, the agency lead
# edits it and submits it again. The referral is awaiting sign-off once more, but not the one the manager read.

def _changed_after_the_manager_read_it(org: Partnership) -> tuple[dict[str, Any], str]:
    referral = org.to_state("awaiting_sign_off")
    read_by_manager = current_etag(org.client, f"{URL}/{referral['id']}", org.as_(org.manager))
    declined = org.act(referral["id"], "decline-sign-off", org.second_manager, {"reasons": "Say what the school saw."})
    assert declined.status_code == 200, declined.text
    edited = org.edit(referral["id"], {"rationale": "The school saw bruising twice and told nobody."}, org.lead)
    assert edited.status_code == 200, edited.text
    resubmitted = org.act(referral["id"], "submit", org.lead)
    assert resubmitted.json()["state"] == "awaiting_sign_off"
    return resubmitted.json(), read_by_manager


def _sign_off(org: Partnership, referral_id: str, if_match: str | None):
    headers = org.as_(org.manager) | ({"If-Match": if_match} if if_match is not None else {})
    return org.client.post(f"{URL}/{referral_id}/sign-off", headers=headers, json={"agree": True})


def test_signing_off_a_referral_edited_since_it_was_read_is_refused_and_nothing_is_signed(
        org, published, db, frozen_now):
    referral, read_by_manager = _changed_after_the_manager_read_it(org)
    actions_before, events_before = _actions(db, referral["id"]), len(published)

    refused = _sign_off(org, referral["id"], read_by_manager)

    assert refused.status_code == 412 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == STALE and "changed since you read it" in refused.json()["detail"]
    after = org.get(referral["id"], org.manager).json()
    assert after["state"] == "awaiting_sign_off"
    assert after["rationale"] == "The school saw bruising twice and told nobody."
    assert after["senior_manager"]["agreed"] is False and after["senior_manager"]["signature"]["signed_by_id"] is None
    assert after["submitted_to_business_office_on"] is None
    assert actions_before[-3:] == ["decline_sign_off", "update", "submit"]
    assert _actions(db, referral["id"]) == actions_before
    timeline = org.client.get(f"{URL}/{referral['id']}/timeline", headers=org.as_(org.manager)).json()
    assert [e["action"] for e in timeline][-1] == "submit"
    assert _deadline(db, "referral_sign_off", referral["id"]).status == DeadlineStatus.open
    assert _deadline(db, "referral_decision", referral["id"]) is None
    assert len(published) == events_before


def test_signing_off_with_the_etag_of_the_referral_as_it_now_is_submits_it(org, published, db, frozen_now):
    referral, _ = _changed_after_the_manager_read_it(org)
    reread = current_etag(org.client, f"{URL}/{referral['id']}", org.as_(org.manager))

    signed = _sign_off(org, referral["id"], reread)

    assert signed.status_code == 200, signed.text
    assert signed.json()["state"] == "submitted" and signed.json()["senior_manager"]["agreed"] is True
    # The answer carries the new version, as a read of the referral would.
    assert signed.headers["ETag"] != reread
    assert signed.headers["ETag"] == current_etag(org.client, f"{URL}/{referral['id']}", org.as_(org.office))
    assert _actions(db, referral["id"])[-1] == "sign_off"
    assert _deadline(db, "referral_sign_off", referral["id"]).status == DeadlineStatus.met
    assert _deadline(db, "referral_decision", referral["id"]).status == DeadlineStatus.open
    assert published[-1].type == "referral.submitted"


def test_signing_off_without_if_match_still_works_for_integrators_that_send_none(org, frozen_now):
    referral, _ = _changed_after_the_manager_read_it(org)
    signed = _sign_off(org, referral["id"], None)
    assert signed.status_code == 200, signed.text
    assert signed.json()["state"] == "submitted" and signed.headers["ETag"].strip('"').isdigit()


def test_a_stale_if_match_on_a_step_the_state_forbids_is_still_a_409(org, frozen_now):
    # RFC 9110 order: the referral's state is the reason given, not the version.
    referral, read_by_manager = _changed_after_the_manager_read_it(org)
    assert _sign_off(org, referral["id"], None).status_code == 200
    again = _sign_off(org, referral["id"], read_by_manager)
    assert again.status_code == 409 and again.json()["current_state"] == "submitted"


@dataclass
class Step:
    """A referral step taken on a stale read: how the referral is arranged, who acts, and how it then stands."""

    arrange: Callable[[Partnership], tuple[str, str]]  # the referral's id and the ETag the actor read
    action: str
    by: Callable[[Partnership], Any]
    body: dict[str, Any]
    state_after_refusal: str
    audit_action: str


def _manager_read_then_resubmitted(org: Partnership) -> tuple[str, str]:
    referral, read = _changed_after_the_manager_read_it(org)
    return referral["id"], read


def _office_read_then_reference_assigned(org: Partnership) -> tuple[str, str]:
    """One business office officer reads it; a colleague starts consideration and assigns the child reference."""
    referral = org.to_state("submitted")
    read = current_etag(org.client, f"{URL}/{referral['id']}", org.as_(org.office))
    started = org.act(referral["id"], "start-consideration", org.office, {"child_reference": "Child WX"})
    assert started.json()["state"] == "under_consideration"
    return referral["id"], read


def _strategic_read_before_the_recommendation(org: Partnership) -> tuple[str, str]:
    """The strategic lead reads it while it is considered; the business office then records its recommendation."""
    referral = org.to_state("under_consideration")
    read = current_etag(org.client, f"{URL}/{referral['id']}", org.as_(org.strategic))
    assert org.act(referral["id"], "recommendation", org.office, RECOMMENDATION).status_code == 200
    return referral["id"], read


def _strategic_read_before_the_recommendation_the_others_recorded_since(org: Partnership) -> tuple[str, str]:
    """As above, and the other two partners have recorded theirs since: the local authority's is the third."""
    referral_id, read = _strategic_read_before_the_recommendation(org)
    for partner in (org.icb_partner, org.police_partner):
        assert org.act(referral_id, "partner-positions", partner, {"agreed": True}).status_code == 200
    return referral_id, read


STEPS = {
    "decline sign-off": Step(_manager_read_then_resubmitted, "decline-sign-off", lambda o: o.manager,
                             {"reasons": "Not yet."}, "awaiting_sign_off", "decline_sign_off"),
    "return": Step(_office_read_then_reference_assigned, "return", lambda o: o.office,
                   {"reasons": "Chronology too thin."}, "under_consideration", "return"),
    "recommendation": Step(_office_read_then_reference_assigned, "recommendation", lambda o: o.office,
                           RECOMMENDATION, "under_consideration", "recommendation"),
    "the third partner's position": Step(
        _strategic_read_before_the_recommendation_the_others_recorded_since, "partner-positions",
        lambda o: o.strategic, {"agreed": True, "reasons": "Agreed: proceed."}, "recommendation_made",
        "record_partner_position"),
}


@pytest.mark.parametrize("name", list(STEPS))
def test_each_referral_step_on_a_stale_read_is_refused_and_taken_on_the_current_one(name, org, db, frozen_now):
    step = STEPS[name]
    referral_id, read = step.arrange(org)
    actor = org.as_(step.by(org))
    before = org.get(referral_id, step.by(org))
    actions_before = _actions(db, referral_id)

    refused = org.client.post(f"{URL}/{referral_id}/{step.action}", headers=actor | {"If-Match": read},
                              json=step.body)

    assert refused.status_code == 412, refused.text
    after = org.get(referral_id, step.by(org))
    assert after.json()["state"] == step.state_after_refusal
    assert after.json() == before.json() and after.headers["ETag"] == before.headers["ETag"]
    assert _actions(db, referral_id) == actions_before
    taken = org.client.post(f"{URL}/{referral_id}/{step.action}",
                            headers=actor | {"If-Match": before.headers["ETag"]}, json=step.body)
    assert taken.status_code == 200, taken.text
    assert taken.json()["state"] != step.state_after_refusal
    # The answer's ETag is the version a read now gives (read by the referring agency, which sees every state).
    assert taken.headers["ETag"] == current_etag(org.client, f"{URL}/{referral_id}", org.as_(org.lead))
    assert _actions(db, referral_id)[-1] == step.audit_action


def test_a_decision_on_a_stale_read_leaves_the_decision_deadline_open(org, published, db, frozen_now):
    referral_id, read = _strategic_read_before_the_recommendation(org)
    events_before = len(published)
    stale = org.client.post(f"{URL}/{referral_id}/partner-positions",
                            headers=org.as_(org.strategic) | {"If-Match": read}, json={"agreed": True})
    assert stale.status_code == 412
    assert _deadline(db, "referral_decision", referral_id).status == DeadlineStatus.open
    assert len(published) == events_before


# The rapid review: the recommendation is made on the meeting record read, the decision on the recommendation read.

def _rapid_review_with_meeting(client, make) -> tuple[str, dict[str, str]]:
    office = make.headers(make.user(Role.business_office))
    url = f"/api/v1/rapid-reviews/{notify(client, make, make.user(Role.business_office))['rapid_review_id']}"
    assert client.post(f"{url}/meeting", headers=office, json=MEETING).status_code == 201
    return url, office


def test_recommending_on_a_meeting_record_corrected_since_it_was_read_is_refused(client, db, make, frozen_now):
    url, office = _rapid_review_with_meeting(client, make)
    read = current_etag(client, url, office)
    corrected = client.patch(f"{url}/meeting", headers=office | {"If-Match": read},
                             json={"facts_reviewed": "Chronologies from all four agencies."})
    assert corrected.status_code == 200
    rapid_review_id = url.rsplit("/", 1)[1]
    actions_before = _actions(db, rapid_review_id)
    body = {"recommendation": "local_cspr", "rationale": "Significant learning remains."}

    refused = client.post(f"{url}/recommendation", headers=office | {"If-Match": read}, json=body)

    assert refused.status_code == 412 and refused.json()["errors"] == STALE
    after = client.get(url, headers=office)
    assert after.json()["state"] == "meeting_held" and after.json()["recommendation"] is None
    assert after.headers["ETag"] == corrected.headers["ETag"]
    assert _actions(db, rapid_review_id) == actions_before
    made = client.post(f"{url}/recommendation", headers=office | {"If-Match": corrected.headers["ETag"]}, json=body)
    assert made.status_code == 200 and made.json()["state"] == "recommendation_made"
    assert made.headers["ETag"] == current_etag(client, url, office)


def test_deciding_on_a_rapid_review_whose_recommendation_came_after_it_was_read_is_refused(
        client, db, make, frozen_now):
    url, office = _rapid_review_with_meeting(client, make)
    partners = three_partners(make)
    strategic = make.headers(partners[SafeguardingPartner.local_authority])
    read_by_strategic = current_etag(client, url, strategic)
    recommended = client.post(f"{url}/recommendation", headers=office,
                              json={"recommendation": "no_cspr", "rationale": "Learning is already in hand.",
                                    "learning_mechanisms": ["Multi-agency audit"]})
    assert recommended.status_code == 200
    rapid_review_id = url.rsplit("/", 1)[1]
    actions_before = _actions(db, rapid_review_id)
    decision = {"hold_cspr": True, "reasons": "A review is needed.", "recorded_on": "2026-11-23"}

    refused = client.post(f"{url}/partner-positions", headers=strategic | {"If-Match": read_by_strategic},
                          json=decision)

    assert refused.status_code == 412 and refused.json()["errors"] == STALE
    after = client.get(url, headers=strategic).json()
    assert after["state"] == "recommendation_made" and after["hold_cspr"] is None and after["review_id"] is None
    assert _actions(db, rapid_review_id) == actions_before
    assert db.scalar(select(Review).where(Review.source_id == uuid.UUID(rapid_review_id))) is None

    decided = decide(client, make, f"{url}/partner-positions", decision, partners,
                     headers={"If-Match": recommended.headers["ETag"]})
    assert decided.json()["state"] == "decided"
    assert decided.json()["decided_by_name"] == "The three safeguarding partners"
    assert decided.json()["review_id"] is not None
    assert decided.headers["ETag"] == current_etag(client, url, strategic)


def test_a_rapid_review_decision_without_if_match_is_still_taken(client, make, frozen_now):
    url, office = _rapid_review_with_meeting(client, make)
    assert client.post(f"{url}/recommendation", headers=office,
                       json={"recommendation": "local_cspr", "rationale": "Significant learning."}).status_code == 200
    decided = decide(client, make, f"{url}/partner-positions", {"hold_cspr": False, "reasons": "In hand."})
    assert decided.json()["state"] == "decided"
