import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from backend.core.access import CLIENT_SCOPES, Role
from backend.core.schemas import NotNull, RequestBody
from backend.core.text import ShortText
from backend.identity.models import AgencyKind, ReminderDelivery

Name = ShortText
Password = Annotated[str, Field(min_length=12, max_length=200, description="At least 12 characters")]


class AgencyCreate(RequestBody):
    name: Name
    kind: AgencyKind
    statutory_partner: bool = False


class AgencyUpdate(RequestBody):
    name: NotNull[Name] = None
    kind: NotNull[AgencyKind] = None
    statutory_partner: NotNull[bool] = None
    active: NotNull[bool] = None


class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: AgencyKind
    statutory_partner: bool
    active: bool
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header")


class AgencySummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: AgencyKind


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
