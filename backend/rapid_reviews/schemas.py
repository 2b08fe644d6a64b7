import datetime as dt
import uuid
from enum import StrEnum
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
    """The rapid review meeting: facts reviewed, children's safety, and the report's sections the meeting completes
    (key practice episodes, the child's characteristics and inequalities, learning, issues of national importance)."""

    held_on: dt.date
    attendees: Annotated[list[Attendee], Field(min_length=1, max_length=100)]
    facts_reviewed: Text
    immediate_action_needed: bool = Field(description="Is immediate action needed to ensure children's safety?")
    immediate_actions: Annotated[list[ImmediateActionCreate], Field(max_length=50)] = []
    immediate_learning: Text = Field(description="The learning identified (the report's \"learning identified\")")
    key_practice_episodes: Text = Field(description="The analysis of key practice episodes")
    characteristics_and_inequalities: Text = Field(description=(
        "How the child's ethnicity, disability and other characteristics, racism and other inequalities shaped "
        "their experience and the practice around them"))
    issues_of_national_importance: Text = Field(description="Issues of national importance, or that none were "
                                                            "identified")


class MeetingUpdate(RequestBody):
    held_on: NotNull[dt.date] = None
    attendees: NotNull[Annotated[list[Attendee], Field(min_length=1, max_length=100)]] = None
    facts_reviewed: NotNull[Text] = None
    immediate_action_needed: NotNull[bool] = None
    immediate_learning: NotNull[Text] = None
    key_practice_episodes: NotNull[Text] = None
    characteristics_and_inequalities: NotNull[Text] = None
    issues_of_national_importance: NotNull[Text] = None


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
    key_practice_episodes: str = Field(description="Empty for a meeting recorded before the report's sections")
    characteristics_and_inequalities: str
    issues_of_national_importance: str
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


class PanelClockStart(StrEnum):
    """What the 15 working days count from: the day the notification was sent to the Panel, or (by the partnership's
    setting) the day the local authority became aware; for a rapid review opened by a referral, the day it opened."""

    panel_notified = "panel_notified"
    became_aware = "became_aware"
    rapid_review_opened = "rapid_review_opened"


class PanelTimeliness(BaseModel):
    """The 15 working days for the rapid review report to reach the National Panel, as they stand."""

    counted_from: dt.date
    counted_from_event: PanelClockStart
    due_date: dt.date = Field(description="The 15th working day after `counted_from`")
    working_days_allowed: int
    working_days_used: int = Field(description="Working days after `counted_from` up to the day the report was "
                                               "sent, or up to today while it is not sent")
    sent_on: dt.date | None = Field(description="The day the report was sent to the Panel (the rapid review's "
                                                "`sent_to_panel_on`)")
    sent_on_time: bool | None = Field(description="Whether it was sent by the due date; false once overdue and "
                                                  "not sent; null while not sent and not yet due")
    working_days_late: int = Field(description="Working days after the due date it was sent, or is overdue by; 0 "
                                               "when on time")


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
    panel_timeliness: PanelTimeliness | None = Field(
        default=None, description="Working days used of the 15 and whether the report was sent on time; null "
                                  "until the day they count from is known")


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


class ReportEntryRead(BaseModel):
    label: str = Field(description="Empty for a plain paragraph")
    text: str


class ReportPartRead(BaseModel):
    heading: str = Field(description="An agency, a child, an action, a partner; empty when the section has one part")
    entries: list[ReportEntryRead]


class ReportSectionRead(BaseModel):
    key: str = Field(description="facts, agency_involvement, key_practice_episodes, characteristics_and_inequalities, "
                                 "immediate_actions, learning, decision, national_importance or sign_off")
    number: int
    heading: str
    parts: list[ReportPartRead]
    to_complete: str | None = Field(description="What is still to be completed in this section, and where; null "
                                                "when the records fill it")


class ReportFindingRead(BaseModel):
    """Something in the report that could identify the child, and where it is."""

    section: str = Field(description="The section's key")
    section_heading: str
    part: str = Field(description="The part of the section (an agency, a child, an action), or empty")
    field: str = Field(description="The answer it is in (\"Analysis\"), or empty")
    kind: str = Field(description="What it is: name, date, address, postcode, school, ... (backend/anonymisation)")
    severity: str = Field(description="`identifier` refuses the download until the record is corrected; "
                                      "`warning` (jigsaw identification) is for the reader to judge")
    reason: str
    text: str | None = Field(description="The words found: only for those who may read the case's identifying "
                                         "details")


class RapidReviewReportRead(BaseModel):
    """The rapid review report as it would be generated now, for the preview."""

    rapid_review_id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    title: str
    sections: list[ReportSectionRead]
    sections_to_complete: list[str] = Field(description="The headings of the sections still to be completed")
    findings: list[ReportFindingRead] = Field(description="The anonymisation check's findings, section by section")
    download_refused: str | None = Field(description="Why the report cannot be downloaded now (it identifies the "
                                                     "child, naming the sections); null when it can")
