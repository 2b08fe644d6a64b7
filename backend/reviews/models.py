import calendar as month_calendar
import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, ColumnElement, Enum, ForeignKey, String, Table, Text, case, func, null
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


def six_months_after(day: dt.date) -> dt.date:
    """Statutory reviews finish within six calendar months of the decision (same day, or month end)."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


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
    # Small, and read by the stage conditions of every review in a list: loaded with the page in one query each.
    commissioning_notices: Mapped[list["CommissioningNotice"]] = relationship(
        lazy="selectin", order_by="CommissioningNotice.created_at", back_populates="review")
    delays: Mapped[list["ReviewDelay"]] = relationship(
        lazy="selectin", order_by="ReviewDelay.created_at", back_populates="review")

    @property
    def due_date(self) -> dt.date:
        """Six calendar months from the decision; a delay never moves it (it is the statutory limit)."""
        return six_months_after(self.decided_on)

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


class NoticeRecipient(StrEnum):
    """Who the business office tells that a review has been commissioned, and who leads it (seed 003)."""

    national_panel = "national_panel"
    ofsted = "ofsted"
    dfe = "dfe"


class CommissioningNotice(IdMixin, TimestampMixin, Base):
    """One e-mail telling one national body that the review was commissioned and who leads it.

    Kept as history: appointing a different lead reviewer afterwards calls for a new notice naming them.
    """

    __tablename__ = "review_commissioning_notices"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[NoticeRecipient] = mapped_column(Enum(NoticeRecipient, native_enum=False, length=20))
    address: Mapped[str] = mapped_column(String(320))
    lead_reviewer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    lead_reviewer_name: Mapped[str] = mapped_column(String(200))
    sent_on: Mapped[dt.date]
    sent_by_name: Mapped[str] = mapped_column(String(200))
    outbox_message_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="SET NULL"))

    review: Mapped[Review] = relationship(back_populates="commissioning_notices")


class DelayState(StrEnum):
    """Follows from `panel_told_on`."""

    recorded = "recorded"
    panel_told = "panel_told"


class ReviewDelay(IdMixin, TimestampMixin, Base):
    """A delay to the review, why, and when it is now expected to be complete; past the six months, the
    National Panel must be told (seed 003, "Overview and Timescales"), and the day it was told is kept here."""

    __tablename__ = "review_delays"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    expected_completion: Mapped[dt.date]
    recorded_on: Mapped[dt.date]
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    panel_told_on: Mapped[dt.date | None]

    review: Mapped[Review] = relationship(back_populates="delays")

    @property
    def state(self) -> DelayState:
        return DelayState.recorded if self.panel_told_on is None else DelayState.panel_told

    @property
    def past_due(self) -> bool:
        return self.expected_completion > self.review.due_date
