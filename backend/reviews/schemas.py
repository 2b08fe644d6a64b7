import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.reviews.models import ReviewKind, ReviewStage


class LeadReviewer(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    kind: ReviewKind
    decided_on: dt.date
    stage: ReviewStage
    source_type: str | None = Field(description="What decided it: `rapid_review_id` or `referral_id`")
    source_id: uuid.UUID | None
    rapid_review_id: uuid.UUID | None
    referral_id: uuid.UUID | None
    lead_reviewer: LeadReviewer | None
    agencies: list[AgencySummary]
    due: DueDate | None = None


class ReviewUpdate(BaseModel):
    lead_reviewer_id: uuid.UUID | None = None
    agency_ids: list[uuid.UUID] | None = None
