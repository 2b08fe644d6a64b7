"""Who sees which reviews, and the review's stages: who moves it on, from which stage, and what must be true first."""

from collections.abc import Callable

from sqlalchemy import ColumnElement

from backend.chronologies.readiness import agency_submissions_outstanding
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Step, Workflow
from backend.reviews.models import Review, ReviewStage, review_agencies


def visible_reviews(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; a lead reviewer their assigned reviews; agencies the reviews they are in."""
    return visible(principal, agency=lambda agency_id: involves(review_agencies, Review.id, agency_id),
                   lead_reviewer=lambda user_id: Review.lead_reviewer_id == user_id)


def _lead_reviewer_appointed(review: Review) -> str | None:
    return None if review.lead_reviewer_id else "Appoint the lead reviewer before agreeing the terms of reference."


def _stage_step(name: str, label: str, source: ReviewStage, target: ReviewStage,
                condition: Callable[[Review], str | None] | None = None) -> Step[Review, ReviewStage]:
    return Step(name, label, frozenset({source}), target, Permission.reviews_manage, condition=condition)


St = ReviewStage

# The review's stages, in order (seed 003, Appendix 4a); the business office moves the review on.
STAGES: Workflow[Review, ReviewStage] = Workflow("review", "review", (
    _stage_step("begin_terms_of_reference", "Move on to the terms of reference", St.commissioning,
                St.terms_of_reference, _lead_reviewer_appointed),
    _stage_step("begin_agency_submissions", "Move on to the agencies' submissions", St.terms_of_reference,
                St.agency_submissions),
    _stage_step("begin_practitioner_engagement", "Move on to practitioner engagement", St.agency_submissions,
                St.practitioner_engagement, agency_submissions_outstanding),
    _stage_step("begin_overview_report", "Move on to the overview report", St.practitioner_engagement,
                St.overview_report),
    _stage_step("begin_sign_off", "Move on to sign-off", St.overview_report, St.sign_off),
    _stage_step("begin_publication", "Move on to publication", St.sign_off, St.publication),
    _stage_step("publish", "Record the review as published", St.publication, St.published),
), state="stage")
