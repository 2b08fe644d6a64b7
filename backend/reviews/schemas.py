import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from backend.core.schemas import RequestBody
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
    child_reference: str
    kind: ReviewKind
    decided_on: dt.date
    stage: ReviewStage
    source_type: str | None
    source_id: uuid.UUID | None
    lead_reviewer: LeadReviewer | None
    agencies: list[AgencySummary]
    due: DueDate | None = None


class ReviewUpdate(RequestBody):
    lead_reviewer_id: uuid.UUID | None = None
    agency_ids: list[uuid.UUID] | None = None
