import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import LongText, ShortText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.models import IncidentCategory

ChildReference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100),
                           Field(description='The anonymised reference used everywhere else, e.g. "Child BM"')]
Text = LongText
Short = ShortText


class NotifiedChildDetails(RequestBody):
    """Identifying details: returned only to the business office, safeguarding partners and the notifying agency."""

    model_config = ConfigDict(from_attributes=True)

    name: Short
    date_of_birth: dt.date
    sex: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    ethnicity: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class IncidentNotificationCreate(RequestBody):
    """A new notification starts a child's case named `child_reference`, or joins the case `case_id` names."""

    child_reference: ChildReference | None = None
    case_id: uuid.UUID | None = Field(
        default=None, description="The child's case, when it already has one (say a referral came first): the "
                                  "notification joins it and is known by its reference")
    incident_date: dt.date
    became_aware_on: dt.date = Field(description="The day the local authority became aware of the incident")
    category: IncidentCategory
    abuse_or_neglect_suspected: bool = Field(description="Abuse or neglect is known or suspected")
    children: Annotated[list[NotifiedChildDetails], Field(min_length=1, max_length=4)]
    summary: Text
    notified_panel_on: dt.date | None = None
    agency_ids: list[uuid.UUID] = Field(default=[], max_length=100,
                                        description="Agencies involved with the child or family")
    notifying_agency_id: uuid.UUID | None = Field(
        default=None, description="The local authority's agency (an integration client's own agency when it notifies)"
    )

    @model_validator(mode="after")
    def _names_the_child(self) -> "IncidentNotificationCreate":
        if self.child_reference is None and self.case_id is None:
            raise ValueError("give the child_reference of a new case, or the case_id of the child's existing case")
        return self


class IncidentNotificationUpdate(RequestBody):
    """Record the day the National Panel was notified, or correct what was known at the time."""

    notified_panel_on: dt.date | None = None
    became_aware_on: NotNull[dt.date] = None
    abuse_or_neglect_suspected: NotNull[bool] = None
    summary: NotNull[Text] = None
    agency_ids: NotNull[Annotated[list[uuid.UUID], Field(max_length=100)]] = None


class IncidentNotificationSummary(BaseModel):
    """A notification in a list: never the children's identifying details."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID = Field(description="The child's case this notification started")
    child_reference: str
    incident_date: dt.date
    became_aware_on: dt.date
    category: IncidentCategory
    abuse_or_neglect_suspected: bool
    notified_panel_on: dt.date | None
    notifying_agency: AgencySummary | None
    agencies: list[AgencySummary]
    created_at: dt.datetime
    due: DueDate | None = None


class IncidentNotificationRead(IncidentNotificationSummary):
    summary: str
    children_count: int
    children: list[NotifiedChildDetails] | None = Field(
        default=None, description="Identifying details; null when the caller may not see them"
    )
    rapid_review_id: uuid.UUID | None = None
    allowed_actions: list[str] = Field(default=[], description=(
        "The changes you may make now (both by `PATCH`): `record_panel_notification` while the Panel has not been "
        "notified, `correct` to correct what was known at the time"))
