import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import OptionalLongText, OptionalShortText, ShortText
from backend.parallel_processes.models import ParallelProcessKind, ParallelProcessStatus

Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]
Email = Annotated[EmailStr, Field(max_length=320)]
HeldUntil = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
_ALLOWED = "The steps you may take on it now: `edit`, `begin`, `conclude`, `invite_officer`"


class ParallelProcessFields(RequestBody):
    kind: ParallelProcessKind
    title: ShortText = Field(description='What it is, e.g. "Police investigation (Operation Kestrel)": never name '
                                         "the child")
    agency_id: uuid.UUID | None = Field(None, description="The agency running it, which alone of the agencies "
                                                          "sees it")
    started_on: dt.date | None = None
    next_key_date: dt.date | None = Field(None, description="The next date that matters (a hearing, a charging "
                                                            "decision, a trial)")
    next_key_date_note: OptionalShortText = ""
    officer_in_charge_name: OptionalShortText = ""
    officer_in_charge_email: Email | None = None
    officer_in_charge_phone: Phone = ""
    terms_of_reference_given_on: dt.date | None = Field(None, description="When the officer in charge was given "
                                                                          "the review's terms of reference")
    practitioner_event_date_given_on: dt.date | None = Field(None, description="When the officer in charge was "
                                                                               "told the practitioner event's date")
    holds_publication: bool = False
    publication_held_until: HeldUntil = Field("", description='What publication waits for, e.g. "the end of the '
                                                              'trial"; required when it holds publication')
    publication_held_until_date: dt.date | None = None
    notes: OptionalLongText = ""


class ParallelProcessCreate(ParallelProcessFields):
    status: Literal[ParallelProcessStatus.planned, ParallelProcessStatus.active] = Field(
        ParallelProcessStatus.active, description="Planned or already under way; a process concludes by its step")


class ParallelProcessUpdate(RequestBody):
    kind: NotNull[ParallelProcessKind] = None
    title: NotNull[ShortText] = None
    agency_id: uuid.UUID | None = None
    started_on: dt.date | None = None
    next_key_date: dt.date | None = None
    next_key_date_note: NotNull[OptionalShortText] = None
    officer_in_charge_name: NotNull[OptionalShortText] = None
    officer_in_charge_email: Email | None = None
    officer_in_charge_phone: NotNull[Phone] = None
    terms_of_reference_given_on: dt.date | None = None
    practitioner_event_date_given_on: dt.date | None = None
    holds_publication: NotNull[bool] = None
    publication_held_until: NotNull[HeldUntil] = None
    publication_held_until_date: dt.date | None = None
    notes: NotNull[OptionalLongText] = None


class ParallelProcessBegin(RequestBody):
    started_on: dt.date


class ParallelProcessConclude(RequestBody):
    concluded_on: dt.date
    outcome: OptionalLongText = Field("", description="What it concluded (a conviction, a final order, no "
                                                      "further action)")


class OfficerInvitation(RequestBody):
    event_id: uuid.UUID = Field(description="The review's practitioner event to invite the officer in charge to")


class ParallelProcessRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    review_id: uuid.UUID
    child_reference: str
    kind: ParallelProcessKind
    title: str
    agency_id: uuid.UUID | None
    agency_name: str | None = None
    status: ParallelProcessStatus
    started_on: dt.date | None
    concluded_on: dt.date | None
    next_key_date: dt.date | None
    next_key_date_note: str
    officer_in_charge_name: str
    officer_in_charge_email: str
    officer_in_charge_phone: str
    terms_of_reference_given_on: dt.date | None
    practitioner_event_date_given_on: dt.date | None
    holds_publication: bool
    holding_publication: bool = Field(description="Holds publication back now: marked so and not yet concluded")
    publication_held_until: str
    publication_held_until_date: dt.date | None
    outcome: str
    notes: str
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header, for `If-Match`")
    allowed_actions: list[str] = Field([], description=_ALLOWED)
