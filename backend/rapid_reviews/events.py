"""What stage 1 does when a referral is decided: an agreed CSPR request opens a rapid review; an agreed
case mapping exercise goes straight to a review record."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.domain_events import DomainEvent, subscribe
from backend.rapid_reviews import service
from backend.referrals.models import Referral
from backend.reviews import service as reviews
from backend.reviews.models import Review, ReviewKind


def on_referral_decided(session: Session, event: DomainEvent) -> None:
    if not event.data.get("agreed"):
        return
    agency_ids = [event.agency_id] if event.agency_id else []
    review_type = event.data.get("review_type")
    referral = session.get(Referral, event.subject_id)
    if referral is None:
        return
    # What the referral opens joins the referral's case.
    if review_type == "cspr":
        # A rapid review per referral: a repeated event must not open a second one.
        if service.for_referral(session, referral.id) is None:
            service.open_rapid_review(session, None, case=referral.case, referral_id=referral.id,
                                      agency_ids=agency_ids)
    elif review_type == "case_mapping":
        existing = select(Review.id).where(Review.referral_id == referral.id)
        if session.scalar(existing.limit(1)) is None:
            reviews.create_review(session, None, case=referral.case, decided_on=_decided_on(event),
                                  kind=ReviewKind.case_mapping, referral_id=referral.id, agency_ids=agency_ids)


def _decided_on(event: DomainEvent) -> dt.date:
    raw = event.data.get("decided_on")
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return event.occurred_at.astimezone(clock.LONDON).date() if event.occurred_at else clock.today()


def register() -> None:
    """Called once by create_app; subscribing twice is harmless."""
    subscribe("referral.decided", on_referral_decided)
