"""Who sees which agency chronologies. The steps (save a draft, submit, return for more) are an agency's
submission's: backend/submissions/policy.py, kind `chronology`; the review's stages that take them are
backend/submissions/reviews.py's."""

import uuid

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import InstrumentedAttribute

from backend.chronologies.models import AgencyChronology
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Workflow
from backend.reviews.models import Review, review_agencies
from backend.submissions.models import AgencySubmission, SubmissionKind, SubmissionState
from backend.submissions.policy import workflow

KIND = SubmissionKind.chronology
STEPS: Workflow[AgencySubmission, SubmissionState] = workflow(KIND)


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
