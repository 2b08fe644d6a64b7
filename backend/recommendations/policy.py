"""Who sees which recommendations, and what each caller may do with one.

Recommendations have no states of their own (the actions answering them do, actions/policy.py), so what a reader
may do is a short table of permissions rather than a workflow.
"""

from sqlalchemy import ColumnElement, or_, select

from backend.actions.models import AgencyAction
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.rapid_reviews.models import rapid_review_agencies
from backend.recommendations.models import Recommendation, SourceType, recommendation_agencies
from backend.reviews.models import Review, review_agencies

P = Permission


def visible_recommendations(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all. An agency sees those of the rapid reviews and reviews it is involved in, those
    addressed to it or answered by its actions, and every one from another source (audits, national reviews:
    nothing of a child's case). A lead reviewer sees those of the reviews they are assigned to."""
    return visible(
        principal, P.recommendations_read,
        agency=lambda agency_id: or_(
            Recommendation.source_type == SourceType.other,
            involves(recommendation_agencies, Recommendation.id, agency_id),
            Recommendation.rapid_review_id.in_(select(rapid_review_agencies.c.rapid_review_id).where(
                rapid_review_agencies.c.agency_id == agency_id)),
            Recommendation.review_id.in_(select(review_agencies.c.review_id).where(
                review_agencies.c.agency_id == agency_id)),
            Recommendation.id.in_(select(AgencyAction.recommendation_id).where(AgencyAction.agency_id == agency_id)),
        ),
        lead_reviewer=lambda user_id: Recommendation.review_id.in_(
            select(Review.id).where(Review.lead_reviewer_id == user_id)),
    )


# What may be done to a recommendation the caller sees, and the permission each needs.
EDITS: tuple[tuple[str, Permission], ...] = (
    ("edit", P.recommendations_manage),
    ("add_part", P.recommendations_manage),
    ("add_action", P.actions_manage),
)


def allowed_actions(principal: Principal, recommendation: Recommendation) -> list[str]:
    return [name for name, permission in EDITS if principal.can(permission)
            and not (name == "add_part" and recommendation.parent_id is not None)]
