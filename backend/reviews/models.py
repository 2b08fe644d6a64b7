import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, ColumnElement, Enum, ForeignKey, Table, case, func, null
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
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


class Review(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """A local Child Safeguarding Practice Review (or case mapping exercise), from its decision on."""

    __tablename__ = "reviews"

    kind: Mapped[ReviewKind] = mapped_column(Enum(ReviewKind, native_enum=False, length=20), default=ReviewKind.cspr)
    decided_on: Mapped[dt.date]
    stage: Mapped[ReviewStage] = mapped_column(
        Enum(ReviewStage, native_enum=False, length=40), default=ReviewStage.commissioning
    )
    # The stage 1 record that decided the review: a rapid review, or a referral agreed as a case mapping exercise.
    # (rapid_reviews.review_id points back; this side is declared after the table exists, hence use_alter.)
    rapid_review_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("rapid_reviews.id", use_alter=True), index=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    lead_reviewer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)

    lead_reviewer: Mapped[User | None] = relationship(lazy="joined")
    agencies: Mapped[list[Agency]] = relationship(secondary=review_agencies, lazy="selectin", order_by=Agency.name)

    # What decided it, as the API has always said it; read-only, and filterable like a column.
    @hybrid_property
    def source_type(self) -> str | None:
        if self.rapid_review_id is not None:
            return "rapid_review"
        return "referral" if self.referral_id is not None else None

    @source_type.inplace.expression
    @classmethod
    def _source_type_expression(cls) -> ColumnElement[str | None]:
        return case((cls.rapid_review_id.is_not(None), "rapid_review"), (cls.referral_id.is_not(None), "referral"),
                    else_=null())

    @hybrid_property
    def source_id(self) -> uuid.UUID | None:
        return self.rapid_review_id if self.rapid_review_id is not None else self.referral_id

    @source_id.inplace.expression
    @classmethod
    def _source_id_expression(cls) -> ColumnElement[uuid.UUID | None]:
        return func.coalesce(cls.rapid_review_id, cls.referral_id)
