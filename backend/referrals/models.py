import datetime as dt
import uuid
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter
from sqlalchemy import JSON, Date, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.referrals.policy import ReferralState, ReviewType
from backend.referrals.schemas import ChronologyEntry, FamilyMember, OtherAgency

Row = TypeVar("Row", bound=BaseModel)


class FormRows(TypeDecorator[list[Row]], Generic[Row]):
    """A repeating table of the form, stored as JSON and validated as Pydantic rows both ways.

    Migrations declare these columns as plain `sa.JSON()`; the row type is the application's business.
    """

    impl = JSON
    cache_ok = True

    def __init__(self, row: type[Row]) -> None:
        super().__init__()
        self.row = row
        self._adapter: TypeAdapter[list[Row]] = TypeAdapter(list[row])  # type: ignore[valid-type]

    def process_bind_param(self, value: list[Row] | None, dialect: Any) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        return self._adapter.dump_python(self._adapter.validate_python(value), mode="json")

    def process_result_value(self, value: Any, dialect: Any) -> list[Row] | None:
        return None if value is None else self._adapter.validate_python(value)


def _state_enum() -> Enum:
    return Enum(ReferralState, native_enum=False, length=30)


def _review_type() -> Enum:
    return Enum(ReviewType, native_enum=False, length=20)


class Referral(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """A request for consideration of a review (Appendix 1), from one agency."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_state_agency", "state", "agency_id"),
        # Lists are newest change first: a page is read off this index instead of sorting every referral.
        Index("ix_referrals_updated_at", "updated_at"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    state: Mapped[ReferralState] = mapped_column(_state_enum(), default=ReferralState.draft)

    referrer_name: Mapped[str | None] = mapped_column(String(300))
    referrer_designation: Mapped[str | None] = mapped_column(String(300))
    referrer_phone: Mapped[str | None] = mapped_column(String(40))
    referrer_email: Mapped[str | None] = mapped_column(String(320))
    referrer_address: Mapped[str | None] = mapped_column(Text)
    referrer_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    referrer_signed_on: Mapped[dt.date | None] = mapped_column(Date)

    senior_manager_name: Mapped[str | None] = mapped_column(String(300))
    senior_manager_designation: Mapped[str | None] = mapped_column(String(300))
    senior_manager_phone: Mapped[str | None] = mapped_column(String(40))
    senior_manager_email: Mapped[str | None] = mapped_column(String(320))
    senior_manager_address: Mapped[str | None] = mapped_column(Text)
    senior_manager_agreed: Mapped[bool] = mapped_column(default=False)
    senior_manager_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    senior_manager_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    sign_off_declined_reasons: Mapped[str | None] = mapped_column(Text)

    submitted_to_business_office_on: Mapped[dt.date | None] = mapped_column(Date)
    review_type_requested: Mapped[ReviewType | None] = mapped_column(_review_type())
    rationale: Mapped[str | None] = mapped_column(Text)
    other_agencies: Mapped[list[OtherAgency]] = mapped_column(FormRows(OtherAgency), default=list)
    chronology: Mapped[list[ChronologyEntry]] = mapped_column(FormRows(ChronologyEntry), default=list)

    child_name: Mapped[str | None] = mapped_column(String(300))
    child_date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    child_date_of_death_or_serious_incident: Mapped[dt.date | None] = mapped_column(Date)
    child_home_address: Mapped[str | None] = mapped_column(Text)
    child_ethnic_origin: Mapped[str | None] = mapped_column(String(300))
    child_faith: Mapped[str | None] = mapped_column(String(300))
    child_disability: Mapped[str | None] = mapped_column(Text)
    child_child_protection_plan: Mapped[str | None] = mapped_column(Text)
    child_incident_location: Mapped[str | None] = mapped_column(Text)
    child_carer_at_time_of_incident: Mapped[str | None] = mapped_column(String(300))
    child_criminal_investigation_known: Mapped[bool | None]
    family_members: Mapped[list[FamilyMember]] = mapped_column(FormRows(FamilyMember), default=list)

    background: Mapped[str | None] = mapped_column(Text)
    areas_of_learning: Mapped[str | None] = mapped_column(Text)
    themes_actions_taken: Mapped[str | None] = mapped_column(Text)
    themes_good_practice: Mapped[str | None] = mapped_column(Text)

    returned_reasons: Mapped[str | None] = mapped_column(Text)

    recommendation_review_recommended: Mapped[bool | None]
    recommendation_review_type: Mapped[ReviewType | None] = mapped_column(_review_type())
    recommendation_comments: Mapped[str | None] = mapped_column(Text)
    recommendation_reason: Mapped[str | None] = mapped_column(Text)
    recommendation_legal_advice_sought: Mapped[bool | None]
    recommended_on: Mapped[dt.date | None] = mapped_column(Date)
    recommended_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    decision_agreed: Mapped[bool | None]
    decision_review_type: Mapped[ReviewType | None] = mapped_column(_review_type())
    decision_comments: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    # List queries joinedload the agency so a page of referrals costs the same few statements.
    agency: Mapped[Agency] = relationship()
