import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backend.core.schemas import NotNull, RequestBody
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
    allowed_actions: list[str] = Field([], description="The steps you may take on this review now "
                                                        "(`POST /reviews/{id}/stage` with `step`)")


class ReviewUpdate(RequestBody):
    lead_reviewer_id: uuid.UUID | None = None
    agency_ids: NotNull[Annotated[list[uuid.UUID], Field(max_length=100)]] = None


class ReviewStep(StrEnum):
    begin_terms_of_reference = "begin_terms_of_reference"
    begin_agency_submissions = "begin_agency_submissions"
    begin_practitioner_engagement = "begin_practitioner_engagement"
    begin_overview_report = "begin_overview_report"
    begin_sign_off = "begin_sign_off"
    begin_publication = "begin_publication"
    publish = "publish"


class ReviewStageChange(RequestBody):
    """Move the review on to its next stage."""

    step: ReviewStep
    published_on: dt.date | None = Field(None, description="With `publish`: the day it was published (defaults to "
                                                           "today; not in the future)")
