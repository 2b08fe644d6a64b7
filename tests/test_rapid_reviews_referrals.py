"""An agreed referral opens stage 1's next step: a rapid review for a CSPR request, a review record for a case
mapping exercise. Driven through the real publisher: the three safeguarding partners' decision on the referral."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from backend.core import domain_events
from backend.deadlines.models import Deadline
from backend.rapid_reviews import subscribers
from backend.rapid_reviews.models import RapidReview, RapidReviewSource
from backend.referrals.events import ReferralDecided
from backend.reviews.models import Review, ReviewKind
from tests.referral_forms import Partnership, partnership


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def _decide(org, frozen_now, decision: dict, requested: str = "cspr") -> dict:
    org.frozen = frozen_now
    referral = org.to_state("under_consideration")
    org.act(referral["id"], "recommendation", org.office, {
        "review_recommended": True, "review_type": requested, "comments": "Criteria met.",
        "reason": "Serious harm and agencies could have worked better together", "legal_advice_sought": False})
    return org.decide(referral["id"], decision)


def test_agreed_cspr_referral_opens_a_rapid_review_for_the_referring_agency(org, db, frozen_now):
    referral = _decide(org, frozen_now, {"agreed": True, "reasons": "Proceed."})
    [rapid_review] = db.scalars(select(RapidReview).where(RapidReview.source_id == uuid.UUID(referral["id"]))).all()
    assert rapid_review.source_type == RapidReviewSource.referral
    assert rapid_review.child_reference == referral["child_reference"]
    assert [a.id for a in rapid_review.agencies] == [org.agency.id] and rapid_review.notification_id is None
    # A referral's rapid review and decision fall within 15 working days of the decision: Mon 23 Nov -> Mon 14 Dec.
    deadline = db.scalar(select(Deadline).where(Deadline.subject_id == rapid_review.id))
    assert deadline.kind == "rapid_review" and deadline.due_date == date(2026, 12, 14)
    body = org.client.get(f"/api/v1/rapid-reviews/{rapid_review.id}", headers=org.as_(org.lead)).json()
    assert body["source_type"] == "referral" and body["source_id"] == referral["id"]
    # The referrer finds it from their referral: the list filtered by the source.
    found = org.client.get("/api/v1/rapid-reviews", params={"source_id": referral["id"]}, headers=org.as_(org.lead))
    assert [item["id"] for item in found.json()["items"]] == [str(rapid_review.id)]
    other = org.client.get("/api/v1/rapid-reviews", params={"source_id": str(uuid.uuid4())},
                           headers=org.as_(org.lead))
    assert other.json()["items"] == []


def test_the_same_decision_delivered_twice_opens_one_rapid_review(org, db, frozen_now):
    with domain_events.recorded() as seen:
        referral = _decide(org, frozen_now, {"agreed": True, "reasons": "Proceed."})
    [decided] = [e for e in seen if isinstance(e, ReferralDecided)]
    subscribers.on_referral_decided(db, decided)  # a repeated delivery
    assert len(db.scalars(select(RapidReview).where(RapidReview.source_id == uuid.UUID(referral["id"]))).all()) == 1


def test_case_mapping_decided_earlier_runs_its_six_months_from_the_decision_date(org, db, frozen_now):
    """Recorded on Monday 23 November, decided on Friday 13 November: the six months run from the 13th."""
    referral = _decide(org, frozen_now, {"agreed": True, "reasons": "Case mapping.", "recorded_on": "2026-11-13"},
                       requested="case_mapping")
    review = db.scalars(select(Review).where(Review.source_id == uuid.UUID(referral["id"]))).one()
    assert review.kind == ReviewKind.case_mapping and review.source_type == "referral"
    assert review.decided_on == date(2026, 11, 13) and [a.id for a in review.agencies] == [org.agency.id]
    deadline = db.scalar(select(Deadline).where(Deadline.subject_id == review.id,
                                                Deadline.kind == "review_completion"))
    assert deadline.due_date == date(2027, 5, 13)
    assert db.scalars(select(RapidReview)).all() == []
    found = org.client.get("/api/v1/reviews", params={"source_id": referral["id"]}, headers=org.as_(org.lead))
    assert [item["id"] for item in found.json()["items"]] == [str(review.id)]


@pytest.mark.parametrize("requested", ["cspr", "case_mapping"])
def test_referral_not_agreed_opens_nothing(org, db, frozen_now, requested):
    _decide(org, frozen_now, {"agreed": False, "reasons": "No review."}, requested=requested)
    assert db.scalars(select(RapidReview)).all() == [] and db.scalars(select(Review)).all() == []


def test_the_decision_webhook_carries_the_outcome(org, db, frozen_now):
    office = org.as_(org.office)
    subscription = org.client.post("/api/v1/webhooks", headers=office, json={
        "url": "https://cases.example.org/hooks", "event_types": ["referral.decided"]}).json()
    referral = _decide(org, frozen_now, {"agreed": True, "reasons": "Proceed.", "recorded_on": "2026-11-20"})
    [delivery] = org.client.get(f"/api/v1/webhooks/{subscription['id']}/deliveries", headers=office).json()["items"]
    data = delivery["payload"]["data"]
    assert data["subject_id"] == referral["id"] and data["agency_ids"] == [str(org.agency.id)]
    assert (data["agreed"], data["review_type"], data["recommended"], data["decided_on"]) == (
        True, "cspr", True, "2026-11-20")
    assert "comments" not in data and "Proceed." not in str(delivery["payload"])
