import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import LongText, ShortText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.characteristics import (
    Ethnicity,
    LookedAfterStatus,
    PlacementType,
    PlanStatus,
    Sex,
    YesNoNotKnown,
)
from backend.incident_notifications.models import IncidentCategory

ChildReference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100),
                           Field(description='The anonymised reference used everywhere else, e.g. "Child BM"')]
Text = LongText
Short = ShortText


Council = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                   Field(description="An English local authority, e.g. \"Harbourside City Council\"")]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Agencies = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class NotifiedChildCharacteristics(RequestBody):
    """What the National Panel's notification asks about one child: not identifying, read by whoever reads the
    notification. Rules across the answers (placement only for a child who is or was looked after, a care
    leaver's death up to and including age 24, ...) are checked by the service and named field by field."""

    model_config = ConfigDict(from_attributes=True)

    age_at_incident: int | None = Field(
        default=None, ge=0, le=120,
        description="Age in whole years on the day of the incident. Worked out from the date of birth when left "
                    "out; one that does not match the date of birth is refused")
    sex: Sex
    ethnicity: Ethnicity = Field(description="The 2021 Census categories, or not known")
    ethnicity_description: Description | None = Field(
        default=None, description='Only for an "any other ..." background: the words the family use')
    disability: YesNoNotKnown
    disability_description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = \
        Field(default=None, description="Only when the child has a disability")
    looked_after_status: LookedAfterStatus
    placement_type: PlacementType | None = Field(
        default=None, description="Required for a child currently or previously looked after; allowed for a care "
                                  "leaver; refused otherwise")
    placement_description: Description | None = Field(default=None, description="Only when the placement is other")
    child_in_need_plan: PlanStatus
    child_protection_plan: PlanStatus
    known_to_agencies: YesNoNotKnown = Field(description="Whether the child was known to any agency")
    known_agencies: Agencies | None = Field(default=None, description="Which agencies, when known to any")


class NotifiedChildDetails(NotifiedChildCharacteristics):
    """One child of a new notification: the identifying details (kept in the case record, returned only to the
    business office, the safeguarding partners and the notifying agency, every read audited) and the
    characteristics."""

    name: Short
    date_of_birth: dt.date
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class NotifiedChildCharacteristicsRead(BaseModel):
    """One child's characteristics as the Panel receives them; `child` is their number on the notification."""

    model_config = ConfigDict(from_attributes=True)

    child: int = Field(description="1 to 4, the order the children were named in")
    age_at_incident: int
    sex: Sex
    ethnicity: Ethnicity
    ethnicity_description: str | None
    disability: YesNoNotKnown
    disability_description: str | None
    looked_after_status: LookedAfterStatus
    placement_type: PlacementType | None
    placement_description: str | None
    child_in_need_plan: PlanStatus
    child_protection_plan: PlanStatus
    known_to_agencies: YesNoNotKnown
    known_agencies: str | None


class NotifiedChildIdentity(BaseModel):
    """Who a child is: identifying, special category data."""

    model_config = ConfigDict(from_attributes=True)

    child: int = Field(description="1 to 4, as in `children_characteristics`")
    name: str
    date_of_birth: dt.date
    address: str


class IncidentNotificationCreate(RequestBody):
    """A new notification starts a child's case named `child_reference`, or joins the case `case_id` names."""

    child_reference: ChildReference | None = None
    case_id: uuid.UUID | None = Field(
        default=None, description="The child's case, when it already has one (say a referral came first): the "
                                  "notification joins it and is known by its reference")
    incident_date: dt.date
    became_aware_on: dt.date = Field(description="The day the local authority became aware of the incident")
    category: IncidentCategory = Field(description=(
        "The nature of the incident. `death_of_care_leaver_under_25` is the death of a care leaver up to and "
        "including age 24; it and `death_of_looked_after_child` need every child named to be a care leaver, or "
        "currently looked after"))
    abuse_or_neglect_suspected: bool = Field(description="Abuse or neglect is known or suspected")
    incident_council: Council = Field(description="The council where the incident happened")
    home_council: Council = Field(description="The child's home council")
    children: Annotated[list[NotifiedChildDetails], Field(min_length=1, max_length=4,
                                                          description="One to four children")]
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
    incident_council: NotNull[Council] = None
    home_council: NotNull[Council] = None
    children_characteristics: NotNull[Annotated[list[NotifiedChildCharacteristics], Field(max_length=4)]] = Field(
        default=None, description="Every child's characteristics, in the order the children were named: one for "
                                  "each child. The age, when given, must still match the date of birth")


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
    incident_council: str | None = Field(description="Null on notifications recorded before it was asked")
    home_council: str | None = Field(description="Null on notifications recorded before it was asked")
    notifying_agency: AgencySummary | None
    agencies: list[AgencySummary]
    created_at: dt.datetime
    due: DueDate | None = None


class IncidentNotificationRead(IncidentNotificationSummary):
    summary: str
    children_count: int
    children_characteristics: list[NotifiedChildCharacteristicsRead] = Field(
        default=[], description="What the National Panel asks about each child: for whoever reads the notification")
    children: list[NotifiedChildIdentity] | None = Field(
        default=None, description="Identifying details; null when the caller may not see them"
    )
    rapid_review_id: uuid.UUID | None = None
    allowed_actions: list[str] = Field(default=[], description=(
        "The changes you may make now (both by `PATCH`): `record_panel_notification` while the Panel has not been "
        "notified, `correct` to correct what was known at the time"))
