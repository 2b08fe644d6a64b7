import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.access import Role
from backend.core.schemas import RequestBody
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.models import IncidentCategory
from backend.information_requests.models import InformationRequestState
from backend.rapid_reviews.models import RapidReviewState
from backend.referrals.policy import ReferralState
from backend.reviews.models import ReviewKind, ReviewStage

Reference = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100),
    Field(description='The anonymised reference every list, timeline and e-mail uses, e.g. "Child BM"'),
]


class CaseSummary(BaseModel):
    """A case in a list: its reference only."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CaseNotification(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    category: IncidentCategory
    became_aware_on: dt.date
    notified_panel_on: dt.date | None


class CaseReferral(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    state: ReferralState
    agency: AgencySummary
    submitted_to_business_office_on: dt.date | None


class CaseRapidReview(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    state: RapidReviewState
    opened_on: dt.date


class CaseInformationRequest(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    rapid_review_id: uuid.UUID
    agency: AgencySummary
    state: InformationRequestState


class CaseReview(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: ReviewKind
    stage: ReviewStage
    decided_on: dt.date


class CaseRead(CaseSummary):
    """The case and its stages: only the records the caller may see, each by id and state."""

    notifications: list[CaseNotification]
    referrals: list[CaseReferral]
    rapid_reviews: list[CaseRapidReview]
    information_requests: list[CaseInformationRequest]
    reviews: list[CaseReview]


class CaseUpdate(RequestBody):
    """Rename the case: every stage, deadline and e-mail shows the new reference from now on."""

    reference: Reference


class DetailKind(StrEnum):
    name = "name"
    date_of_birth = "date_of_birth"
    date_of_incident = "date_of_incident"
    address = "address"
    school = "school"
    place = "place"
    carer = "carer"
    sex = "sex"
    ethnicity = "ethnicity"
    faith = "faith"
    disability = "disability"


class DetailSource(BaseModel):
    record_type: Literal["referral", "incident_notification", "family_member"] = Field(
        description="`family_member`: a person of a review's genogram")
    record_id: uuid.UUID
    field: str = Field(description='Where in the record, e.g. "family_members.0.name"')


class IdentifyingDetail(BaseModel):
    kind: DetailKind
    value: str
    about: str = Field(description='Whom it identifies, e.g. "the child", "Mother"')
    source: DetailSource


class CaseIdentifyingDetails(BaseModel):
    """Special category data: what identifies the child and family, from every record that holds it."""

    case_id: uuid.UUID
    reference: str
    details: list[IdentifyingDetail]


class CaseAccessRead(BaseModel):
    """One request that read the case's records."""

    model_config = ConfigDict(from_attributes=True)

    occurred_at: dt.datetime
    actor_type: Literal["user", "client"]
    actor_id: uuid.UUID
    actor_name: str
    actor_role: Role | None
    actor_agency: AgencySummary | None
    record_type: str
    record_id: uuid.UUID
    method: str
    path: str
