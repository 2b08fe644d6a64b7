"""Who sees which reviews: the one visibility rule every review-scoped query uses."""

from sqlalchemy import ColumnElement, exists, false, select, true

from backend.core.access import Principal, Role
from backend.reviews.models import Review, review_agencies


def visible_reviews(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; a lead reviewer their assigned reviews; agencies the reviews they are in."""
    if principal.sees_all_agencies:
        return true()
    if principal.kind == "user" and principal.role == Role.lead_reviewer:
        return Review.lead_reviewer_id == principal.id
    if principal.agency_id is None:
        return false()
    return exists(
        select(review_agencies.c.review_id).where(
            review_agencies.c.review_id == Review.id, review_agencies.c.agency_id == principal.agency_id
        )
    )
