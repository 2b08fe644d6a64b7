"""The demo partnership's stage 1 case: one notification, one open rapid review, two agencies asked."""

from sqlalchemy import select

from backend.demo import seed_demo
from backend.identity.models import Agency, User
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.rapid_reviews.demo import seed_demo_rapid_reviews
from backend.rapid_reviews.models import RapidReview, RapidReviewState


def test_demo_rapid_review_has_one_answered_and_one_outstanding_request(db, frozen_now):
    seed_demo(db)
    agencies = {a.name: a for a in db.scalars(select(Agency))}
    users = {u.email.split("@")[0]: u for u in db.scalars(select(User))}
    seed_demo_rapid_reviews(db, agencies, users)
    rapid_review = db.scalars(select(RapidReview)).one()
    assert rapid_review.child_reference == "Child HT" and rapid_review.state == RapidReviewState.gathering_information
    states = {r.agency.name: r.state for r in db.scalars(select(InformationRequest))}
    assert states == {"Harbourside Police": InformationRequestState.submitted,
                      "Harbourside University Hospitals NHS Trust": InformationRequestState.requested}
