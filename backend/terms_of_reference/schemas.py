import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.schemas import LocalMinute, LocalTime, NotNull, RequestBody
from backend.core.text import OptionalLongText, ShortText
from backend.events.models import EventStatus
from backend.events.schemas import Capacity, Link, Place
from backend.terms_of_reference.models import TermsState

_ALLOWED = "The steps you may take on it now"
LineOfEnquiry = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
# A review has a handful of key lines of enquiry; 30 is far beyond any the partnership has set.
LinesOfEnquiry = Annotated[list[LineOfEnquiry], Field(max_length=30)]


class TermsOfReferenceVersionCreate(RequestBody):
    """A new draft; what is left out is copied from the latest version (or starts empty)."""

    terms: NotNull[OptionalLongText] = Field(None, description="The terms of reference: scope, period, purpose")
    key_lines_of_enquiry: NotNull[LinesOfEnquiry] = Field(None, description="At most 30, each up to 1,000 characters")


class TermsOfReferenceVersionUpdate(RequestBody):
    terms: NotNull[OptionalLongText] = None
    key_lines_of_enquiry: NotNull[LinesOfEnquiry] = None


class ObservationCreate(RequestBody):
    text: OptionalLongText = Field("", description="The scrutineer's observation on this version")


class AgreementCreate(RequestBody):
    agreed_on: dt.date | None = Field(None, description="The day the review group agreed it (default today)")
    meeting_id: uuid.UUID | None = Field(None, description="The review group meeting that agreed it, if recorded")


class AuthorBriefingCreate(RequestBody):
    """The authors' briefing, an event of the events domain (kind `author_briefing`); invitation only."""

    title: ShortText = "Authors' briefing"
    date: dt.date
    start_time: LocalMinute = Field(description="Local wall-clock time (Europe/London), HH:MM")
    end_time: LocalMinute = Field(description="Local wall-clock time (Europe/London), HH:MM")
    location: Place | None = None
    virtual_link: Link | None = None
    capacity: Capacity = 30


class ObservationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    author_name: str
    text: str
    created_at: dt.datetime


class TermsOfReferenceVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    review_id: uuid.UUID
    number: int
    state: TermsState
    terms: str
    key_lines_of_enquiry: list[str]
    drafted_by_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    agreed_on: dt.date | None
    agreed_by_name: str | None
    agreed_at_meeting_id: uuid.UUID | None
    observations: list[ObservationRead]
    allowed_actions: list[str] = Field([], description=_ALLOWED + ": `edit`, `agree`, `comment`")


class AuthorBriefingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The event's id (`/events/{id}` to invite the authors)")
    title: str
    date: dt.date
    start_time: LocalTime
    end_time: LocalTime
    location: str | None
    virtual_link: str | None
    status: EventStatus


class TermsOfReferenceRead(BaseModel):
    """Every version the caller may see, newest first (an agency sees agreed versions only), the authors' briefings,
    and the steps open on the review's terms of reference."""

    review_id: uuid.UUID
    agreed_version: int | None = Field(description="The number of the version in force, if one was agreed")
    versions: list[TermsOfReferenceVersionRead]
    author_briefings: list[AuthorBriefingRead]
    allowed_actions: list[str] = Field([], description=_ALLOWED + ": `new_version`, `schedule_author_briefing`")
