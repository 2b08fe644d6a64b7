"""Who sees which agency chronologies, and when they can be worked on. The steps (save a draft, submit, return for
more) are an agency's submission's: backend/submissions/policy.py, kind `chronology`."""

import uuid

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import InstrumentedAttribute

from backend.chronologies.models import AgencyChronology
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Workflow
from backend.reviews.models import Review, ReviewStage, review_agencies
from backend.submissions.models import AgencySubmission, SubmissionKind, SubmissionState
from backend.submissions.policy import workflow

KIND = SubmissionKind.chronology
STEPS: Workflow[AgencySubmission, SubmissionState] = workflow(KIND)

# The review's stages in which the agencies' submissions are asked for, written, submitted and returned; a
# submission returned after the practitioner event can still be revised while the overview report is written.
REQUEST_STAGE = ReviewStage.agency_submissions
OPEN_STAGES = frozenset({ReviewStage.agency_submissions, ReviewStage.practitioner_engagement,
                         ReviewStage.overview_report})


def is_open(review: Review) -> bool:
    """Whether the review is at a stage in which its agencies' submissions are written, submitted and returned."""
    return review.stage in OPEN_STAGES


def not_open(review: Review, what: str) -> str | None:
    """Why the caller cannot `what` ("write chronologies") at the review's stage now (a 409), or None."""
    if is_open(review):
        return None
    if list(ReviewStage).index(review.stage) < list(ReviewStage).index(REQUEST_STAGE):
        return f"You can {what} once the review has reached the agencies' submissions stage."
    return f"The review has moved past the agencies' submissions: you can no longer {what}."


def assigned_to(user_id: uuid.UUID, review_id: InstrumentedAttribute[uuid.UUID]) -> ColumnElement[bool]:
    """The record belongs to a review this lead reviewer is assigned to."""
    return review_id.in_(select(Review.id).where(Review.lead_reviewer_id == user_id))


def visible_chronologies(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see every chronology; a lead reviewer those of their reviews; an agency its own, while it
    is involved in the review. Entries of a draft are the agency's alone (the service shows them only to it)."""
    return visible(
        principal, Permission.chronologies_read,
        agency=lambda agency_id: and_(AgencyChronology.agency_id == agency_id,
                                      involves(review_agencies, AgencyChronology.review_id, agency_id)),
        lead_reviewer=lambda user_id: assigned_to(user_id, AgencyChronology.review_id))
