import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from backend.core.access import CLIENT_SCOPES, Role
from backend.core.schemas import NotNull, RequestBody
from backend.core.text import ShortText
from backend.identity.models import AgencyKind, ReminderDelivery, SafeguardingPartner

Name = ShortText
Password = Annotated[str, Field(min_length=12, max_length=200, description="At least 12 characters")]


_PARTNER = ("Which of the three statutory safeguarding partners this agency is (one agency each), or null for "
            "a partner agency")


class AgencyCreate(RequestBody):
    name: Name
    kind: AgencyKind
    safeguarding_partner: SafeguardingPartner | None = Field(None, description=_PARTNER)


class AgencyUpdate(RequestBody):
    name: NotNull[Name] = None
    kind: NotNull[AgencyKind] = None
    safeguarding_partner: SafeguardingPartner | None = Field(None, description=_PARTNER + "; null: no longer one")
    active: NotNull[bool] = None


class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: AgencyKind
    safeguarding_partner: SafeguardingPartner | None = Field(description=_PARTNER)
    statutory_partner: bool = Field(description="Read-only: the agency is one of the three safeguarding partners "
                                                "(`safeguarding_partner` is set)")
    active: bool
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header")


class AgencySummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: AgencyKind


class SafeguardingPartnerRead(BaseModel):
    partner: SafeguardingPartner
    label: str = Field(description='How the partnership names it in a sentence, e.g. "the integrated care board"')
    agency: AgencySummary | None = Field(description="The partner's agency; null until the business office says "
                                                     "which agency it is")


class SafeguardingPartners(BaseModel):
    """The three statutory safeguarding partners and the words this partnership uses for them."""

    partners: list[SafeguardingPartnerRead]
    role_name: str = Field(description="What people call the `strategic_lead` role here, e.g. \"Safeguarding "
                                       "partner (lead or delegate)\"")


class UserCreate(RequestBody):
    name: Name
    email: Annotated[EmailStr, Field(max_length=320)]
    job_title: Annotated[str, StringConstraints(max_length=200)] | None = None
    role: Role
    agency_id: uuid.UUID | None = None
    password: Password


class UserUpdate(RequestBody):
    name: NotNull[Name] = None
    job_title: Annotated[str, StringConstraints(max_length=200)] | None = None
    role: NotNull[Role] = None
    agency_id: uuid.UUID | None = None
    active: NotNull[bool] = None
    password: NotNull[Password] = None
    reminder_delivery: NotNull[ReminderDelivery] = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str
    job_title: str | None
    role: Role
    agency: AgencySummary | None
    active: bool
    locked_until: datetime | None
    reminder_delivery: ReminderDelivery


class MeUpdate(RequestBody):
    """What users may change about themselves."""

    reminder_delivery: ReminderDelivery


class Me(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str = "user"
    name: str
    email: str | None
    role: Role | None
    agency: AgencySummary | None
    scopes: list[str] = []
    permissions: list[str]
    reminder_delivery: ReminderDelivery | None = None


ScopeName = Annotated[str, Field(json_schema_extra={"enum": sorted(CLIENT_SCOPES)})]


class IntegrationClientCreate(RequestBody):
    name: Name
    agency_id: uuid.UUID
    scopes: Annotated[list[ScopeName], Field(min_length=1, max_length=20)]


class IntegrationClientUpdate(RequestBody):
    name: NotNull[Name] = None
    scopes: NotNull[Annotated[list[ScopeName], Field(min_length=1, max_length=20)]] = None
    active: NotNull[bool] = None


class IntegrationClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: str
    name: str
    agency: AgencySummary
    scopes: list[str]
    active: bool
    created_at: datetime


class IntegrationClientCreated(IntegrationClientRead):
    client_secret: str = Field(description="Shown once, now; only a hash is kept.")


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str | None = None
    scope: str = ""
