import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.schemas import NotNull, RequestBody
from backend.core.text import OptionalLongText, OptionalShortText, ShortText
from backend.family_engagement.models import FamilyAnswer, FamilyContactKind, RelationshipKind

Address = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]


class FamilyContactCreate(RequestBody):
    """One entry of the family engagement log."""

    kind: FamilyContactKind
    occurred_on: dt.date = Field(description="When the letter was sent or the contact happened")
    with_whom: OptionalShortText = Field("", description='Who it was with or to, by relationship, e.g. "Mother '
                                                         'and her partner"')
    delivered_by: OptionalShortText = Field("", description="With the initial letter: who delivered it (required), "
                                                            'e.g. "the allocated social worker"')
    answer: FamilyAnswer | None = Field(None, description="Consent to medical records: `given` or `refused` "
                                                          "(required); the offer to hear the findings: `accepted` or "
                                                          "`declined` once they answer")
    answered_on: dt.date | None = None
    notes: OptionalLongText = ""


class FamilyContactUpdate(RequestBody):
    occurred_on: NotNull[dt.date] = None
    with_whom: NotNull[OptionalShortText] = None
    delivered_by: NotNull[OptionalShortText] = None
    answer: FamilyAnswer | None = None
    answered_on: dt.date | None = None
    notes: NotNull[OptionalLongText] = None


class FamilyContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    review_id: uuid.UUID
    kind: FamilyContactKind
    occurred_on: dt.date
    with_whom: str
    delivered_by: str
    answer: FamilyAnswer | None
    answered_on: dt.date | None
    notes: str
    recorded_by_name: str
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header, for `If-Match`")
    allowed_actions: list[str] = Field([], description="`edit` when you may correct it")


class FamilyLog(BaseModel):
    review_id: uuid.UUID
    child_reference: str
    contacts: list[FamilyContactRead] = Field(description="Oldest first")
    allowed_actions: list[str] = Field([], description="`record_contact` when you may add to the log")


class FamilyMemberCreate(RequestBody):
    name: ShortText
    relationship_to_child: ShortText = Field(description='e.g. "Mother", "Mother\'s partner", "Half-brother"')
    date_of_birth: dt.date | None = None
    address: Address = ""
    household: OptionalShortText = Field("", description='Who lives together, e.g. "Mother\'s home"')
    deceased: bool = False
    notes: OptionalLongText = ""


class FamilyMemberUpdate(RequestBody):
    name: NotNull[ShortText] = None
    relationship_to_child: NotNull[ShortText] = None
    date_of_birth: dt.date | None = None
    address: NotNull[Address] = None
    household: NotNull[OptionalShortText] = None
    deceased: NotNull[bool] = None
    notes: NotNull[OptionalLongText] = None


class FamilyMemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    relationship_to_child: str
    date_of_birth: dt.date | None
    address: str
    household: str
    deceased: bool
    notes: str
    version: int = Field(description="Changes on every edit; the same value as the `ETag` header, for `If-Match`")
    allowed_actions: list[str] = Field([], description="`edit`, `remove` when you may")


class FamilyRelationshipCreate(RequestBody):
    from_member_id: uuid.UUID
    to_member_id: uuid.UUID
    kind: RelationshipKind = Field(description="The first member is the `kind` of the second")
    description: OptionalShortText = ""


class FamilyRelationshipRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    from_member_id: uuid.UUID
    to_member_id: uuid.UUID
    kind: RelationshipKind
    description: str
    allowed_actions: list[str] = Field([], description="`remove` when you may")


class Genogram(BaseModel):
    review_id: uuid.UUID
    child_reference: str
    members: list[FamilyMemberRead] = Field(description="Oldest first; those without a date of birth last")
    relationships: list[FamilyRelationshipRead]
    allowed_actions: list[str] = Field([], description="`add_member`, `add_relationship` when you may")
