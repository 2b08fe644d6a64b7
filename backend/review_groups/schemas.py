import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import OptionalLongText, OptionalShortText
from backend.identity.schemas import AgencySummary

_ALLOWED = "The steps you may take on this record now"
# A review group is a handful of people; a meeting's attendees are some of them.
Attendees = Annotated[list[uuid.UUID], Field(max_length=60, description="Members who attended (at most 60)")]


class MemberCreate(RequestBody):
    """A user of the service (`user_id`), or a person from outside it named in `name`."""

    user_id: uuid.UUID | None = None
    name: OptionalShortText = Field("", description="For someone without an account; ignored with `user_id`")
    agency_id: uuid.UUID | None = Field(None, description="The agency they represent; a user's own by default")
    role: OptionalShortText = Field("", description="Their role in the group, e.g. “Designated nurse”")


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID | None
    name: str
    agency: AgencySummary | None
    role: str
    allowed_actions: list[str] = Field([], description=_ALLOWED)


class PartnerPresenceRead(BaseModel):
    partner: str = Field(description="`local_authority`, `health` or `police`")
    label: str
    agency_names: list[str]
    met: bool


class CompositionRead(BaseModel):
    """The guidance's composition: the three statutory partners, two further partner agencies, one of them with no
    involvement with the family."""

    met: bool
    statutory_partners: list[PartnerPresenceRead]
    further_agencies: list[str]
    uninvolved_agencies: list[str] = Field(description="Further agencies with no involvement with the family")
    missing: list[str] = Field(description="What the group still needs, in words")


class MemberSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str


class GroupMeetingCreate(RequestBody):
    held_on: dt.date | None = None
    attendee_ids: Attendees = []
    minutes: OptionalLongText = ""
    decisions: OptionalLongText = ""
    family_engagement: OptionalLongText = Field("", description="The family engagement update: an item of every "
                                                                "meeting, so it must be filled in")


class GroupMeetingUpdate(RequestBody):
    held_on: NotNull[dt.date] = None
    attendee_ids: NotNull[Attendees] = None
    minutes: NotNull[OptionalLongText] = None
    decisions: NotNull[OptionalLongText] = None
    family_engagement: NotNull[OptionalLongText] = None


class GroupMeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    review_id: uuid.UUID
    held_on: dt.date
    attendees: list[MemberSummary]
    minutes: str
    decisions: str
    family_engagement: str
    recorded_by_name: str
    allowed_actions: list[str] = Field([], description=_ALLOWED)


class ReviewGroupRead(BaseModel):
    review_id: uuid.UUID
    members: list[MemberRead]
    composition: CompositionRead
    meetings: list[GroupMeetingRead] = Field(description="Oldest first; empty for an agency whose people are not "
                                                         "in the group")
    allowed_actions: list[str] = Field([], description="`add_member`, `record_meeting`")
