import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, Enum, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency, User


class ReviewStage(StrEnum):
    """A Child Safeguarding Practice Review's stages, in order (seed 003, Appendix 4a)."""

    commissioning = "commissioning"
    terms_of_reference = "terms_of_reference"
    agency_submissions = "agency_submissions"
    practitioner_engagement = "practitioner_engagement"
    overview_report = "overview_report"
    sign_off = "sign_off"
    publication = "publication"
    published = "published"


class ReviewKind(StrEnum):
    cspr = "cspr"
    case_mapping = "case_mapping"


review_agencies = Table(
    "review_agencies",
    Base.metadata,
    Column("review_id", ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
)


class Review(IdMixin, TimestampMixin, Versioned, Base):
    """A local Child Safeguarding Practice Review (or case mapping exercise), from its decision on."""

    __tablename__ = "reviews"

    child_reference: Mapped[str] = mapped_column(String(100))
    kind: Mapped[ReviewKind] = mapped_column(Enum(ReviewKind, native_enum=False, length=20), default=ReviewKind.cspr)
    decided_on: Mapped[dt.date]
    stage: Mapped[ReviewStage] = mapped_column(
        Enum(ReviewStage, native_enum=False, length=40), default=ReviewStage.commissioning
    )
    # Set by the stage 1 domain that decided the review (rapid review or referral).
    source_type: Mapped[str | None] = mapped_column(String(40))
    source_id: Mapped[uuid.UUID | None]
    lead_reviewer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)

    lead_reviewer: Mapped[User | None] = relationship(lazy="joined")
    agencies: Mapped[list[Agency]] = relationship(secondary=review_agencies, lazy="selectin", order_by=Agency.name)
