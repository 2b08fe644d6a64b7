"""What stage 1 does when a referral is decided: an agreed CSPR request opens a rapid review; an agreed
case mapping exercise goes straight to a review record, its six months counted from the decision date."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.actions.events import ActionCompleted
from backend.core.domain_events import subscribe
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind
from backend.rapid_reviews import service
from backend.rapid_reviews.models import ImmediateAction
from backend.referrals.events import ReferralDecided
from backend.referrals.models import Referral
from backend.referrals.policy import ReviewType
from backend.reviews import service as reviews
from backend.reviews.models import Review, ReviewKind


def on_referral_decided(session: Session, event: ReferralDecided) -> None:
    if not event.agreed:
        return
    referral = session.get(Referral, event.subject_id)
    if referral is None:
        return
    agency_ids = list(event.agency_ids)
    # What the referral opens joins the referral's case.
    if event.review_type == ReviewType.cspr:
        # A rapid review per referral: a repeated event must not open a second one.
        if service.for_referral(session, referral.id) is None:
            service.open_rapid_review(session, None, case=referral.case, referral_id=referral.id,
                                      agency_ids=agency_ids)
    elif event.review_type == ReviewType.case_mapping:
        existing = select(Review.id).where(Review.referral_id == referral.id)
        if session.scalar(existing.limit(1)) is None:
            reviews.create_review(session, None, case=referral.case, decided_on=event.decided_on,
                                  kind=ReviewKind.case_mapping, referral_id=referral.id, agency_ids=agency_ids)


def on_action_completed(session: Session, event: ActionCompleted) -> None:
    """The tracker closed the action answering an immediate action: the immediate action is complete that day."""
    if event.immediate_action_id is None:
        return
    action = session.get(ImmediateAction, event.immediate_action_id)
    if action is not None and action.completed_on is None:
        action.completed_on = event.completed_on
        deadlines.meet(session, DeadlineKind.immediate_action, action.id)


def register() -> None:
    """Called once by create_app; subscribing twice is harmless."""
    subscribe(ReferralDecided, on_referral_decided)
    subscribe(ActionCompleted, on_action_completed)
