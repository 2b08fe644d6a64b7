"""An agreed referral opens stage 1's next step: a rapid review for a CSPR request, a review record for
a case mapping exercise. Driven with synthetic `referral.decided` events (the referral domain publishes them)."""

import uuid
from datetime import date

from sqlalchemy import select

from backend.core.access import Role
from backend.core.domain_events import DomainEvent, publish
from backend.deadlines.models import Deadline
from backend.rapid_reviews import events
from backend.rapid_reviews.models import RapidReview, RapidReviewSource
from backend.referrals.models import Referral
from backend.referrals.policy import ReferralState
from backend.reviews.models import Review, ReviewKind


def _decided(make, agency, reference="Child KT", **data):
    """The event for a decided referral of `agency` about the child `reference` (a case of its own)."""
    referral = Referral(agency_id=agency.id, state=ReferralState.decided, case=make.case(reference),
                        other_agencies=[], chronology=[], family_members=[])
    make.session.add(referral)
    make.session.flush()
    return DomainEvent(type="referral.decided", subject_type="referral", subject_id=referral.id,
                       child_reference=reference, agency_id=agency.id, data=data)


def test_agreed_cspr_referral_opens_a_rapid_review_for_the_referring_agency(client, db, make, frozen_now):
    events.register()
    school = make.agency("School")
    event = _decided(make, school, agreed=True, review_type="cspr")
    publish(db, event)
    publish(db, event)  # delivered twice: still one rapid review
    rapid_reviews = db.scalars(select(RapidReview).where(RapidReview.source_id == event.subject_id)).all()
    assert len(rapid_reviews) == 1
    rapid_review = rapid_reviews[0]
    assert rapid_review.source_type == RapidReviewSource.referral and rapid_review.child_reference == "Child KT"
    assert rapid_review.referral_id == event.subject_id
    assert rapid_review.case_id == db.get(Referral, event.subject_id).case_id  # it joins the referral's case
    assert [a.id for a in rapid_review.agencies] == [school.id] and rapid_review.notification_id is None
    # A referral's rapid review and decision fall within 15 working days: Mon 23 Nov 2026 -> Mon 14 Dec.
    deadline = db.scalar(select(Deadline).where(Deadline.subject_id == rapid_review.id))
    assert deadline.kind == "rapid_review" and deadline.due_date == date(2026, 12, 14)
    lead = make.user(Role.agency_lead, school)
    body = client.get(f"/api/v1/rapid-reviews/{rapid_review.id}", headers=make.headers(lead)).json()
    assert body["source_type"] == "referral" and body["source_id"] == str(event.subject_id)
    # The referrer finds it from their referral: the list filtered by the source.
    found = client.get("/api/v1/rapid-reviews", params={"source_id": str(event.subject_id)},
                       headers=make.headers(lead)).json()
    assert [item["id"] for item in found["items"]] == [str(rapid_review.id)]
    other = client.get("/api/v1/rapid-reviews", params={"source_id": str(uuid.uuid4())}, headers=make.headers(lead))
    assert other.json()["items"] == []


def test_agreed_case_mapping_referral_creates_a_case_mapping_review(client, db, make, frozen_now):
    school = make.agency("School")
    event = _decided(make, school, agreed=True, review_type="case_mapping", decided_on="2026-11-20")
    events.on_referral_decided(db, event)
    events.on_referral_decided(db, event)
    review = db.scalars(select(Review).where(Review.source_id == event.subject_id)).one()
    assert review.kind == ReviewKind.case_mapping and review.source_type == "referral"
    assert review.referral_id == event.subject_id and review.case_id == db.get(Referral, event.subject_id).case_id
    assert review.decided_on == date(2026, 11, 20) and [a.id for a in review.agencies] == [school.id]
    assert db.scalars(select(RapidReview)).all() == []
    lead = make.user(Role.agency_lead, school)
    found = client.get("/api/v1/reviews", params={"source_id": str(event.subject_id)}, headers=make.headers(lead))
    assert [item["id"] for item in found.json()["items"]] == [str(review.id)]


def test_referral_not_agreed_opens_nothing(db, make, frozen_now):
    for review_type in ("cspr", "case_mapping"):
        events.on_referral_decided(db, _decided(make, make.agency(), f"Child {review_type}", agreed=False,
                                                review_type=review_type))
    assert db.scalars(select(RapidReview)).all() == [] and db.scalars(select(Review)).all() == []
