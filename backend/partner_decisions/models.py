import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, TimestampMixin
from backend.identity.models import SafeguardingPartner


class DecisionSubject(StrEnum):
    """The records the three safeguarding partners decide on."""

    rapid_review = "rapid_review"
    referral = "referral"


class PartnerPosition(TimestampMixin, Base):
    """One safeguarding partner's position on one rapid review or referral, as it now stands (its earlier
    positions are in the record's audit log). The id is `service.position_id(subject_id, partner)`, so the
    partner's deadline for it names it before it is recorded."""

    __tablename__ = "partner_positions"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "partner"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    subject_type: Mapped[DecisionSubject] = mapped_column(Enum(DecisionSubject, native_enum=False, length=40))
    subject_id: Mapped[uuid.UUID] = mapped_column(index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    partner: Mapped[SafeguardingPartner] = mapped_column(Enum(SafeguardingPartner, native_enum=False, length=40))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    # For a review: a rapid review's "hold a local Child Safeguarding Practice Review", a referral's "agreed".
    for_review: Mapped[bool]
    # A referral's review type when agreeing (cspr or case_mapping); None otherwise.
    review_type: Mapped[str | None] = mapped_column(String(20))
    agrees_with_recommendation: Mapped[bool]
    reasons: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    recorded_by_job_title: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime]
    recorded_on: Mapped[dt.date]
