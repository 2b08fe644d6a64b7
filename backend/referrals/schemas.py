"""The Appendix 1 form as types: every box a field, the repeating tables as lists of rows.

Drafts may leave any box empty (every field is optional here); `service.missing_boxes` lists what
is still empty when the agency submits, because the guidance returns an incomplete form.
"""

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from backend.core.schemas import LocalTime, RequestBody
from backend.core.text import LongText, OptionalLongText
from backend.deadlines.schemas import DueDate
from backend.identity.models import SafeguardingPartner
from backend.identity.schemas import AgencySummary
from backend.partner_decisions.schemas import PartnerPositionRead
from backend.referrals.policy import ReferralState, ReviewType

Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Paragraph = OptionalLongText
Required = LongText
ChildReference = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100),
    Field(description='The anonymised reference every list, timeline and e-mail uses, e.g. "Child BM"'),
]


class ContactDetails(RequestBody):
    """Telephone and e-mail are required before submission; a postal address is optional."""

    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    email: Annotated[EmailStr, Field(max_length=320)] | None = None
    address: Paragraph | None = None


class PersonBlock(RequestBody):
    """Name, designation and contact details of the referrer or of the senior manager for safeguarding."""

    name: Line | None = None
    designation: Line | None = None
    contact: ContactDetails = ContactDetails()


class OtherAgency(RequestBody):
    """A row of "Other agencies known": who, how to reach them, and why they were involved."""

    agency_id: uuid.UUID | None = Field(None, description="The partner agency, when it has an account here")
    agency: Line | None = None
    contact_details: Paragraph | None = None
    reason_for_involvement: Paragraph | None = None


class ChronologyEntry(RequestBody):
    """A key event around the time of the incident (not a full chronology at this stage)."""

    occurred_on: dt.date | None = None
    time: LocalTime | None = Field(None, description="Local time, when known, HH:MM")
    event: Paragraph | None = None


class ChildDetails(RequestBody):
    name: Line | None = None
    date_of_birth: dt.date | None = None
    date_of_death_or_serious_incident: dt.date | None = None
    home_address: Paragraph | None = None
    ethnic_origin: Line | None = None
    faith: Line | None = None
    disability: Paragraph | None = None
    child_protection_plan: Paragraph | None = Field(
        None, description="Subject to a plan now or before? If so when, for what and for how long")
    incident_location: Paragraph | None = Field(None, description="Address of the location of the incident(s)")
    carer_at_time_of_incident: Line | None = None
    criminal_investigation_known: bool | None = Field(
        None, description="Is the case known to be the subject of a criminal investigation?")


class FamilyMember(RequestBody):
    name: Line | None = None
    date_of_birth: dt.date | None = None
    address: Paragraph | None = None
    relationship: Line | None = Field(None, description="Relationship to the child")


class Themes(RequestBody):
    actions_taken: Paragraph | None = Field(None, description="Any actions taken as a result of learning")
    good_practice: Paragraph | None = None


class ReferralForm(RequestBody):
    """The boxes the referring agency completes. Nested blocks merge on update; lists replace."""

    child_reference: ChildReference | None = None
    referrer: PersonBlock | None = None
    senior_manager: PersonBlock | None = Field(
        None, description="The senior manager for safeguarding who will sign off; their agreement comes at sign-off")
    review_type_requested: ReviewType | None = None
    rationale: Paragraph | None = Field(None, description="Rationale against the criteria for the review type")
    other_agencies: Annotated[list[OtherAgency], Field(max_length=50)] | None = None
    chronology: Annotated[list[ChronologyEntry], Field(max_length=200)] | None = None
    child: ChildDetails | None = None
    family_members: Annotated[list[FamilyMember], Field(max_length=50)] | None = None
    background: Paragraph | None = Field(None, description="History of concerns and the incident itself")
    areas_of_learning: Paragraph | None = None
    themes: Themes | None = None


class ReferralCreate(ReferralForm):
    """A new draft for the caller's agency; without a child reference one is assigned."""


class ReferralUpdate(ReferralForm):
    """Change a draft or returned referral: only the fields sent change."""


class SignOff(RequestBody):
    """The senior manager for safeguarding agrees to the request; their own name and date are recorded."""

    agree: Literal[True] = Field(description="I agree with this request for consideration of a review")
    designation: Line | None = Field(None, description="Defaults to the designation the referrer entered")
    contact: ContactDetails | None = None


class Reasons(RequestBody):
    reasons: Required


class StartConsideration(RequestBody):
    child_reference: ChildReference | None = Field(None, description="Replace the reference given so far")


class ReferralRecommendationCreate(RequestBody):
    """The business office's recommendation (for internal use on the form)."""

    review_recommended: bool
    review_type: ReviewType | None = Field(None, description="Required when a review is recommended")
    comments: Required
    reason: Required
    legal_advice_sought: bool
    recommended_on: dt.date | None = Field(None, description="Defaults to today")

    @model_validator(mode="after")
    def _type_when_recommended(self) -> "ReferralRecommendationCreate":
        if self.review_recommended and self.review_type is None:
            raise ValueError("review_type is required when a review is recommended")
        if not self.review_recommended and self.review_type is not None:
            raise ValueError("review_type must be empty when no review is recommended")
        return self


class ReferralPartnerPosition(RequestBody):
    """One safeguarding partner's position on the referral (recorded for the caller's partner): is a review agreed?"""

    agreed: bool = Field(description="A review goes ahead")
    review_type: ReviewType | None = Field(
        None, description="When agreeing: the review; defaults to the recommended type (required if none was "
                          "recommended)")
    reasons: OptionalLongText = Field("", description="Required when the position differs from the business office's "
                                                      "recommendation (a disagreement); comments otherwise")
    recorded_on: dt.date | None = Field(None, description="The day the partner reached it; not in the future; "
                                                          "defaults to today")
    partner: SafeguardingPartner | None = Field(None, description="The partner you record for: it must be your "
                                                                  "agency's (the default)")


class SignatureRead(BaseModel):
    signed_by_id: uuid.UUID | None
    signed_by_name: str | None
    signed_on: dt.date | None


class ReferrerRead(PersonBlock):
    model_config = ConfigDict(extra="ignore")  # a response: PersonBlock's strictness is for requests

    agency: AgencySummary
    signature: SignatureRead


class SeniorManagerRead(PersonBlock):
    model_config = ConfigDict(extra="ignore")  # a response: PersonBlock's strictness is for requests

    agreed: bool
    signature: SignatureRead


class ReferralRecommendationRead(BaseModel):
    review_recommended: bool
    review_type: ReviewType | None
    comments: str
    reason: str
    legal_advice_sought: bool
    recommended_on: dt.date
    recommended_by_name: str | None


class DecisionRead(BaseModel):
    agreed: bool
    review_type: ReviewType | None
    comments: str
    decided_on: dt.date
    decided_by_name: str | None


class ReferralRead(BaseModel):
    """The whole form. Identifying details of the child and family are null unless
    `identifying_details_shown` (business office, safeguarding partners, the referring agency)."""

    id: uuid.UUID
    case_id: uuid.UUID = Field(description="The child's case this referral belongs to")
    child_reference: str
    state: ReferralState
    referrer: ReferrerRead
    senior_manager: SeniorManagerRead
    submitted_to_business_office_on: dt.date | None
    review_type_requested: ReviewType | None
    rationale: str | None
    other_agencies: list[OtherAgency]
    chronology: list[ChronologyEntry]
    child: ChildDetails
    family_members: list[FamilyMember]
    background: str | None
    areas_of_learning: str | None
    themes: Themes
    identifying_details_shown: bool
    sign_off_declined_reasons: str | None
    returned_reasons: str | None
    recommendation: ReferralRecommendationRead | None = Field(
        description="Part of the written response to the referrer")
    decision: DecisionRead | None = Field(description="Part of the written response to the referrer")
    partner_positions: list[PartnerPositionRead] = Field(description=(
        "The three safeguarding partners in order, each with its position or null; the decision stands when all "
        "three have recorded theirs"))
    decision_outstanding_from: list[SafeguardingPartner] = Field(description=(
        "The partners whose position is still to be recorded (empty once decided)"))
    due: DueDate | None = Field(description="The business office's deadline to reach a decision")
    allowed_actions: list[str] = Field(description=(
        "The steps you may take on this referral now: `edit` is `PATCH /referrals/{id}`, "
        "`record_partner_position` is `POST /referrals/{id}/partner-positions`, each other is "
        "`POST /referrals/{id}/<step>` with underscores as hyphens. Any other step answers 403 or 409; a 409 "
        "names the steps open now as `allowed_actions`."))
    created_at: dt.datetime
    updated_at: dt.datetime


class ReferralSummary(BaseModel):
    """A line in a list: never any identifying detail, only the child reference."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    state: ReferralState
    agency: AgencySummary
    review_type_requested: ReviewType | None
    submitted_to_business_office_on: dt.date | None
    due: DueDate | None
    created_at: dt.datetime
    updated_at: dt.datetime
