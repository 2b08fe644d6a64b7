"""The no-account shapes a practitioner's phone sees: the event's practical details and nothing else.

Never the review, the child's reference or anything from the case: `PublicEvent` is built field
by field, and a test holds its exact key set.
"""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, EmailStr, Field

from backend.core.schemas import NotNull, RequestBody
from backend.events.models import Attendance, Seniority, SignUpStatus, SupportWanted
from backend.events.schemas import Line, OptionalLine, Paragraph


class PublicEvent(BaseModel):
    title: str
    kind: str
    date: str = Field(description="YYYY-MM-DD")
    start_time: str = Field(description="HH:MM, local time in `timezone`")
    end_time: str = Field(description="HH:MM, local time in `timezone`")
    timezone: str
    location: str | None
    virtual_link: str | None
    questions: list[str]
    support_note: str
    places_left: int
    waiting_list_open: bool = Field(description="True when the event is full and a new sign-up joins the waiting list")


Email = Annotated[EmailStr, Field(max_length=320)]


class PublicSignUpCreate(RequestBody):
    name: Line
    email: Email
    agency_name: Line
    agency_id: uuid.UUID | None = Field(default=None, description="Optional: the agency chosen from the list")
    job_title: Line
    team: OptionalLine = ""
    involvement: Paragraph = ""
    attendance: Attendance
    access_needs: Paragraph = ""
    support: SupportWanted
    seniority: Seniority
    directly_involved: bool


class PublicSignUpUpdate(RequestBody):
    name: NotNull[Line] = None
    agency_name: NotNull[Line] = None
    job_title: NotNull[Line] = None
    team: NotNull[OptionalLine] = None
    involvement: NotNull[Paragraph] = None
    attendance: NotNull[Attendance] = None
    access_needs: NotNull[Paragraph] = None
    support: NotNull[SupportWanted] = None
    seniority: NotNull[Seniority] = None
    directly_involved: NotNull[bool] = None


class PublicSignUpCreated(BaseModel):
    status: Literal["confirmed", "waiting_list"]
    manage_token: str = Field(description="The private link's token: keep it to change or cancel the sign-up")
    attendance: Attendance = Field(description="How the person chose to attend: the confirmation shows that place")
    flagged: bool
    flag_reason: str | None
    event: PublicEvent


class PublicSignUp(BaseModel):
    name: str
    email: str
    agency_name: str
    job_title: str
    team: str
    involvement: str
    attendance: Attendance
    access_needs: str
    support: SupportWanted
    seniority: Seniority
    directly_involved: bool
    status: SignUpStatus
    flagged: bool
    flag_reason: str | None
    event: PublicEvent


class PublicCancelled(BaseModel):
    status: Literal["cancelled"] = "cancelled"


class PublicAgency(BaseModel):
    id: uuid.UUID
    name: str


