import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import OptionalLongText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.reviews.models import NoticeRecipient, ReviewKind, ReviewStage
from backend.reviews.tasks import ReviewTask


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
    tasks: list[ReviewTask] = Field([], description="What is done and outstanding at each stage, from every "
                                                    "stage 2 domain (on one review's read; empty in lists)")


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


class CommissioningNoticeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    recipient: NoticeRecipient
    address: str
    lead_reviewer_name: str
    sent_on: dt.date
    sent_by_name: str
    current: bool = Field(False, description="Names the lead reviewer appointed now")


class NoticeStatus(BaseModel):
    recipient: NoticeRecipient
    label: str = Field(description="“The National Panel”, “Ofsted”, “The Department for Education”")
    address: str = Field(description="Where the notice goes (a setting)")
    told_on: dt.date | None = Field(None, description="When they were told who leads the review now; null if not yet")


class CommissioningRead(BaseModel):
    """The review's commissioning: its lead reviewer, and whether each national body has been told."""

    review_id: uuid.UUID
    lead_reviewer: LeadReviewer | None
    recipients: list[NoticeStatus]
    notices: list[CommissioningNoticeRead] = Field(description="Every notice sent, oldest first")
    allowed_actions: list[str] = Field([], description="`send_notices` when you may send the notices now")


class DelayRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reason: str
    expected_completion: dt.date
    recorded_on: dt.date
    recorded_by_name: str
    panel_told_on: dt.date | None
    past_due: bool = Field(False, description="The new expected completion is after the six-month due date")
    panel_must_be_told: bool = Field(False, description="Past the due date and the National Panel not yet told")
    allowed_actions: list[str] = Field([], description="`record_panel_told` when you may record it now")


class TimescalesRead(BaseModel):
    """Six months from the decision, the delays recorded, and whether the National Panel must be told."""

    review_id: uuid.UUID
    decided_on: dt.date
    due_date: dt.date
    expected_completion: dt.date = Field(description="The latest delay's expected completion, or the due date")
    panel_must_be_told: bool
    delays: list[DelayRead]
    allowed_actions: list[str] = Field([], description="`record_delay` when you may record a delay")


class DelayCreate(RequestBody):
    reason: OptionalLongText = Field("", description="Why the review is delayed")
    expected_completion: dt.date | None = Field(None, description="When the review is now expected to be complete")


class PanelTold(RequestBody):
    told_on: dt.date | None = Field(None, description="The day the National Panel was told of the delay")
