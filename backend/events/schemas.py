"""What staff send and receive for events, invitations, attendees and attendance."""

import datetime as dt
import uuid
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    StringConstraints,
    UrlConstraints,
    field_validator,
)

from backend.core.schemas import LocalMinute, NotNull, RequestBody
from backend.core.text import OptionalShortText, ShortText
from backend.events.models import (
    Attendance,
    Event,
    EventKind,
    EventStatus,
    Seniority,
    SignUpStatus,
    SupportWanted,
)

Line = ShortText
OptionalLine = OptionalShortText
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Link = Annotated[HttpUrl, UrlConstraints(max_length=500)]
Capacity = Annotated[int, Field(ge=1, le=1000)]
Questions = Annotated[list[Question], Field(max_length=30)]
_ALLOWED = "The steps you may take on it now, named as in its refusals' `action`"


def _zone(value: str | None) -> str | None:
    if value is not None and value not in available_timezones():
        raise ValueError("not a known time zone name")
    return value


class EventCreate(RequestBody):
    review_id: uuid.UUID
    kind: EventKind
    title: Line = Field(description="Shown publicly on the sign-up page: never name the child.")
    date: dt.date
    start_time: LocalMinute = Field(description="Local wall-clock time in `timezone`, HH:MM")
    end_time: LocalMinute = Field(description="Local wall-clock time in `timezone`, HH:MM")
    timezone: Annotated[str, Field(max_length=64)] = "Europe/London"
    location: Place | None = None
    virtual_link: Link | None = None
    capacity: Capacity
    questions: Questions = []
    support_note: Paragraph = ""
    sign_up_open: bool = True
    create_open_link: bool = Field(
        default=True, description="An open sign-up link anyone holding it may use (shown once in the response); "
                                  "false for an invitation-only event")
    open_link_expires_at: AwareDatetime | None = Field(
        default=None, description="When the open sign-up link stops working; the event's end when absent")

    _tz = field_validator("timezone")(_zone)


class EventUpdate(RequestBody):
    kind: NotNull[EventKind] = None
    title: NotNull[Line] = None
    date: NotNull[dt.date] = None
    start_time: NotNull[LocalMinute] = None
    end_time: NotNull[LocalMinute] = None
    timezone: NotNull[Annotated[str, Field(max_length=64)]] = None
    location: Place | None = None
    virtual_link: Link | None = None
    capacity: NotNull[Capacity] = None
    questions: NotNull[Questions] = None
    support_note: NotNull[Paragraph] = None
    sign_up_open: NotNull[bool] = None
    open_link_expires_at: AwareDatetime | None = None

    _tz = field_validator("timezone")(_zone)


class EventCancel(RequestBody):
    reason: Paragraph = ""


class OpenLinkCreate(RequestBody):
    expires_at: AwareDatetime | None = Field(default=None, description="The event's end when absent")


class SignUpCancel(RequestBody):
    reason: Paragraph = ""


class PlaceCounts(BaseModel):
    confirmed: int = 0
    waiting: int = 0


class EventRead(BaseModel):
    id: uuid.UUID
    review_id: uuid.UUID
    child_reference: str
    kind: EventKind
    title: str
    date: dt.date
    start_time: str
    end_time: str
    timezone: str
    starts_at: dt.datetime = Field(description="The start as an aware UTC instant")
    ends_at: dt.datetime
    location: str | None
    virtual_link: str | None
    capacity: int
    questions: list[str]
    support_note: str
    status: EventStatus
    sign_up_open: bool
    has_open_link: bool
    sign_up_expires_at: dt.datetime
    confirmed: int
    waiting: int
    places_left: int
    created_at: dt.datetime
    allowed_actions: list[str] = Field(default=[], description=_ALLOWED)

    @classmethod
    def build(cls, event: Event, counts: PlaceCounts, allowed_actions: list[str]) -> "EventRead":
        return cls(
            id=event.id, review_id=event.review_id, child_reference=event.review.child_reference, kind=event.kind,
            title=event.title, date=event.date, start_time=event.start_time.strftime("%H:%M"),
            end_time=event.end_time.strftime("%H:%M"), timezone=event.timezone, starts_at=event.starts_at,
            ends_at=event.ends_at, location=event.location, virtual_link=event.virtual_link,
            capacity=event.capacity, questions=list(event.questions), support_note=event.support_note,
            status=event.status, sign_up_open=event.sign_up_open, has_open_link=event.open_link_hash is not None,
            sign_up_expires_at=event.sign_up_expires_at, confirmed=counts.confirmed, waiting=counts.waiting,
            places_left=max(event.capacity - counts.confirmed, 0), created_at=event.created_at,
            allowed_actions=allowed_actions,
        )


class OpenLink(BaseModel):
    """The event's open sign-up link: shown in this response only (only its hash is stored)."""

    url: str
    token: str
    expires_at: dt.datetime


class EventCreated(EventRead):
    open_link: OpenLink | None = None


class InvitationCreate(RequestBody):
    name: Line
    email: Annotated[EmailStr, Field(max_length=320)]
    job_title: OptionalLine = ""
    team: OptionalLine = ""
    involvement: Paragraph = Field(default="", description="How they were involved with the child or family")
    agency_id: uuid.UUID | None = Field(
        default=None, description="Agency leads nominate for their own agency; the business office may leave it "
                                  "empty (e.g. the officer in charge of a criminal case) or name any agency")


class InvitationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    agency_id: uuid.UUID | None
    agency_name: str | None = None
    name: str
    email: str
    job_title: str
    team: str
    involvement: str
    invited_by_name: str
    revoked_at: dt.datetime | None
    signed_up: bool = False
    created_at: dt.datetime
    allowed_actions: list[str] = Field(default=[], description=_ALLOWED)


class InvitationCreated(InvitationRead):
    """The invitation's sign-up link, in this response only (it is also e-mailed to the person)."""

    sign_up_url: str


class SignUpRead(BaseModel):
    """A sign-up as staff see it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    invitation_id: uuid.UUID | None
    agency_id: uuid.UUID | None
    agency_name: str
    name: str
    email: str
    job_title: str
    team: str
    involvement: str
    attendance: Attendance
    access_needs: str
    support: SupportWanted
    seniority: Seniority
    directly_involved: bool
    status: SignUpStatus
    queue_number: int
    flagged: bool
    flag_reason: str | None
    attended: bool | None
    created_at: dt.datetime
    cancelled_at: dt.datetime | None
    allowed_actions: list[str] = Field(default=[], description=_ALLOWED)


class Attendees(BaseModel):
    nominations: list[InvitationRead]
    sign_ups: list[SignUpRead]


class AttendanceMark(RequestBody):
    sign_up_id: uuid.UUID
    attended: bool


class AttendanceMarks(RequestBody):
    marks: Annotated[list[AttendanceMark], Field(min_length=1, max_length=1000)]


class AgencyNumbers(BaseModel):
    agency_id: uuid.UUID | None
    agency_name: str
    invited: int = 0
    confirmed: int = 0
    waiting: int = 0
    attended: int = 0


class EventSummary(BaseModel):
    event_id: uuid.UUID
    capacity: int
    agencies: list[AgencyNumbers]
    totals: AgencyNumbers
