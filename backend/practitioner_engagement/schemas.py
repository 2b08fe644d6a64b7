import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import OptionalLongText, ShortText
from backend.practitioner_engagement.models import OneToOneState

_ALLOWED = "The steps you may take on it now: `edit`, `record_held`, `record_declined`"


class OneToOneCreate(RequestBody):
    """A one-to-one discussion offered to a practitioner who cannot attend the practitioner event."""

    agency_id: uuid.UUID = Field(description="The practitioner's agency")
    practitioner_name: ShortText
    practitioner_role: ShortText = Field(description='Their role, e.g. "Health visitor"')
    offered_on: dt.date
    offered_by: ShortText = Field(description="Who offered it (usually the business office or the lead reviewer)")
    notes: OptionalLongText = ""


class OneToOneUpdate(RequestBody):
    agency_id: NotNull[uuid.UUID] = None
    practitioner_name: NotNull[ShortText] = None
    practitioner_role: NotNull[ShortText] = None
    offered_on: NotNull[dt.date] = None
    offered_by: NotNull[ShortText] = None
    notes: NotNull[OptionalLongText] = None


class OneToOneHeld(RequestBody):
    held_on: dt.date
    held_by: ShortText = Field(description="Who held the discussion (usually the lead reviewer)")
    notes: OptionalLongText | None = Field(None, description="Replaces the notes when given")


class OneToOneDeclined(RequestBody):
    declined_on: dt.date
    notes: OptionalLongText | None = Field(None, description="Replaces the notes when given")


class OneToOneRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    review_id: uuid.UUID
    child_reference: str
    agency_id: uuid.UUID
    agency_name: str = ""
    practitioner_name: str
    practitioner_role: str
    offered_on: dt.date
    offered_by: str
    state: OneToOneState
    held_on: dt.date | None
    held_by: str | None
    declined_on: dt.date | None
    notes: str
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header, for `If-Match`")
    allowed_actions: list[str] = Field([], description=_ALLOWED)
