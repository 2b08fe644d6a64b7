"""The demo partnership's stage 1 case: one notification, one open rapid review, two agencies asked."""

from sqlalchemy import select

from backend.demo import seed_demo
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.rapid_reviews.models import RapidReview, RapidReviewState


def test_demo_rapid_review_has_one_answered_and_one_outstanding_request(db, frozen_now):
    seed_demo(db)
    rapid_review = db.scalars(select(RapidReview).where(RapidReview.child_reference == "Child HT")).one()
    assert rapid_review.state == RapidReviewState.gathering_information
    requests = select(InformationRequest).where(InformationRequest.rapid_review_id == rapid_review.id)
    states = {r.agency.name: r.submission.state for r in db.scalars(requests)}
    assert states == {"Harbourside Police": InformationRequestState.submitted,
                      "Harbourside University Hospitals NHS Trust": InformationRequestState.requested}
