import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import LongText, OptionalLongText, ShortText
from backend.deadlines.schemas import DueDate
from backend.identity.models import SafeguardingPartner
from backend.identity.schemas import AgencySummary
from backend.partner_decisions.schemas import PartnerPositionRead
from backend.rapid_reviews.models import RapidReviewSource, RapidReviewState, Recommendation
from backend.rapid_reviews.policy import RAPID_REVIEW

Short = ShortText
Text = LongText
OptionalText = OptionalLongText


class Attendee(RequestBody):
    name: Short
    role: Short
    agency: Short


class ImmediateActionCreate(RequestBody):
    description: Text
    agency_id: uuid.UUID = Field(description="The agency that owns the action")
    due_date: dt.date


class ImmediateActionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    description: str
    agency: AgencySummary
    due_date: dt.date
    completed_on: dt.date | None
    due: DueDate | None = None
    allowed_actions: list[str] = Field(default=[], description="The steps you may take on this action now "
                                                               "(`complete`: `POST .../{action_id}/complete`)")


class ImmediateActionComplete(RequestBody):
    completed_on: dt.date


class MeetingCreate(RequestBody):
    """The rapid review meeting: facts reviewed, children's safety, immediate learning."""

    held_on: dt.date
    attendees: Annotated[list[Attendee], Field(min_length=1, max_length=100)]
    facts_reviewed: Text
    immediate_action_needed: bool = Field(description="Is immediate action needed to ensure children's safety?")
    immediate_actions: Annotated[list[ImmediateActionCreate], Field(max_length=50)] = []
    immediate_learning: OptionalText = ""


class MeetingUpdate(RequestBody):
    held_on: NotNull[dt.date] = None
    attendees: NotNull[Annotated[list[Attendee], Field(min_length=1, max_length=100)]] = None
    facts_reviewed: NotNull[Text] = None
    immediate_action_needed: NotNull[bool] = None
    immediate_learning: NotNull[OptionalText] = None


class OutstandingResponse(BaseModel):
    agency_id: uuid.UUID
    agency_name: str
    state: str = Field(description="The request's state at the meeting: requested, draft or returned")


class MeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    held_on: dt.date
    attendees: list[Attendee]
    facts_reviewed: str
    immediate_action_needed: bool
    immediate_learning: str
    responses_outstanding: list[OutstandingResponse] = Field(
        [], description="The agencies whose information was still to come when the meeting was held")


class RapidReviewRecommendationCreate(RequestBody):
    recommendation: Recommendation
    rationale: Text
    learning_mechanisms: list[Short] = Field(
        default=[], max_length=20,
        description="With `no_cspr`: the named mechanisms that take the learning forward",
    )


class RapidReviewPartnerPosition(RequestBody):
    """One safeguarding partner's position on the meeting's recommendation (recorded for the caller's partner)."""

    hold_cspr: bool = Field(description="Should a local Child Safeguarding Practice Review be held?")
    reasons: OptionalText = Field("", description="Required when the position differs from the meeting's "
                                                  "recommendation (a disagreement); comments otherwise")
    recorded_on: dt.date | None = Field(None, description="The day the partner reached it; not in the future; "
                                                          "defaults to today")
    partner: SafeguardingPartner | None = Field(None, description="The partner you record for: it must be your "
                                                                  "agency's (the default)")


class PanelSubmission(RequestBody):
    sent_on: dt.date = Field(description="The day the rapid review report was sent to the National Panel")


class PanelResponse(RequestBody):
    agrees: bool = Field(description="The National Panel agrees with the partnership's decision")
    responded_on: dt.date
    comments: OptionalText = ""


class CommentCreate(RequestBody):
    body: Text


class CommentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    author_name: str
    body: str
    created_at: dt.datetime


class RapidReviewSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID = Field(description="The child's case: the notification's or the referral's")
    child_reference: str
    state: RapidReviewState
    opened_on: dt.date
    source_type: RapidReviewSource = Field(description="What opened it: `notification_id` or `referral_id`")
    source_id: uuid.UUID
    notification_id: uuid.UUID | None
    referral_id: uuid.UUID | None
    agencies: list[AgencySummary]
    recommendation: Recommendation | None
    hold_cspr: bool | None
    review_id: uuid.UUID | None
    due: DueDate | None = Field(default=None, description="Sending the report to the National Panel")


class RapidReviewRead(RapidReviewSummary):
    meeting: MeetingRead | None = None
    immediate_actions: list[ImmediateActionRead] = []
    recommendation_rationale: str | None
    learning_mechanisms: list[str]
    decision_comments: str | None
    decided_on: dt.date | None
    decided_by_name: str | None
    sent_to_panel_on: dt.date | None
    panel_agrees: bool | None
    panel_responded_on: dt.date | None
    panel_comments: str | None
    comments: list[CommentRead] = []
    partner_positions: list[PartnerPositionRead] = Field(default=[], description=(
        "The three safeguarding partners in order, each with its position or null; the decision stands when all "
        "three have recorded theirs"))
    decision_outstanding_from: list[SafeguardingPartner] = Field(default=[], description=(
        "The partners whose position is still to be recorded (empty once decided)"))
    allowed_actions: list[str] = Field(default=[], description=(
        "Every step you may take on this rapid review now, state changes and edits alike (of "
        f"{', '.join(RAPID_REVIEW.steps)}); any other answers 403 or 409."))


class LearningBriefingUpdate(RequestBody):
    """The six steps; anonymised: the child is named only by the reference."""

    title: NotNull[Short] = None
    case_in_brief: NotNull[OptionalText] = None
    what_happened: NotNull[OptionalText] = None
    what_we_learned: NotNull[OptionalText] = None
    good_practice: NotNull[OptionalText] = None
    what_to_do_differently: NotNull[OptionalText] = None
    questions_for_your_team: NotNull[OptionalText] = None


class LearningBriefingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    rapid_review_id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    title: str
    case_in_brief: str
    what_happened: str
    what_we_learned: str
    good_practice: str
    what_to_do_differently: str
    questions_for_your_team: str
    updated_at: dt.datetime | None
