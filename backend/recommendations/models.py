"""The learning outputs of a review: learning points, recommendations (with sub-parts), questions for the
partnership and single-agency recommendations; the partnership's response to each; their themes; and the
earlier recommendations each repeats.

Where each comes from is one of three sources: a case's rapid review, a case's review (a case mapping exercise
is a kind of review), or another source outside any child's case (an audit, a national review, another area's
review), named by title and reference. The first two hang off the case; the third has none, and the CHECK
constraint `source` holds the rows to exactly that.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Column, Enum, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import MayBelongToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.themes.models import Theme


class LearningKind(StrEnum):
    """What a review's learning output is (seed 000: learning, questions, single-agency recommendations)."""

    learning_point = "learning_point"
    recommendation = "recommendation"
    question = "question"
    single_agency_recommendation = "single_agency_recommendation"


class SourceType(StrEnum):
    rapid_review = "rapid_review"
    review = "review"  # a Child Safeguarding Practice Review or a case mapping exercise (`Review.kind`)
    other = "other"


class OtherSourceKind(StrEnum):
    """For a recommendation from outside the partnership's own case reviews."""

    audit = "audit"
    national_review = "national_review"
    another_area_review = "another_area_review"
    # One of the partnership's own reviews from before the product, imported with its learning (learning/history.py):
    # its anonymised reference is `source_reference`, its title `source_title`.
    past_review = "past_review"
    other = "other"


recommendation_agencies = Table(
    "recommendation_agencies",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
)

recommendation_themes = Table(
    "recommendation_themes",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id"), primary_key=True, index=True),
)

# "Improvements previously identified": this recommendation repeats an earlier one.
recommendation_repeats = Table(
    "recommendation_repeats",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True),
    Column("earlier_id", ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True, index=True),
)

_SOURCE_RULE = (
    "(source_type = 'rapid_review' AND rapid_review_id IS NOT NULL AND review_id IS NULL AND case_id IS NOT NULL)"
    " OR (source_type = 'review' AND review_id IS NOT NULL AND rapid_review_id IS NULL AND case_id IS NOT NULL)"
    " OR (source_type = 'other' AND rapid_review_id IS NULL AND review_id IS NULL AND case_id IS NULL"
    " AND source_title IS NOT NULL)"
)


class Recommendation(IdMixin, TimestampMixin, Versioned, MayBelongToCase, Base):
    """One numbered learning output ("Recommendation 3"), or one sub-part of one ("3a", with `parent_id`).

    A sub-part shares its parent's kind, number and source; it has its own text, addressees, themes and the
    partnership's response to it, as seed 004 answers 3a and 3b separately. `made_on` is when the source made it
    (the review's publication, the rapid review's meeting, the audit's date): recurrent themes are counted by it.
    """

    __tablename__ = "recommendations"
    __table_args__ = (
        CheckConstraint(_SOURCE_RULE, name="source"),
        Index("ix_recommendations_made_on", "made_on"),
    )

    kind: Mapped[LearningKind] = mapped_column(Enum(LearningKind, native_enum=False, length=40))
    number: Mapped[int]
    part: Mapped[str | None] = mapped_column(String(5))  # "a", "b" for a sub-part; None for the whole
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("recommendations.id", ondelete="CASCADE"),
                                                        index=True)
    text: Mapped[str] = mapped_column(Text)
    made_on: Mapped[dt.date]

    source_type: Mapped[SourceType] = mapped_column(Enum(SourceType, native_enum=False, length=20))
    rapid_review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rapid_reviews.id"), index=True)
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    source_kind: Mapped[OtherSourceKind | None] = mapped_column(Enum(OtherSourceKind, native_enum=False, length=30))
    source_title: Mapped[str | None] = mapped_column(String(300))
    source_reference: Mapped[str | None] = mapped_column(String(100))

    # To the partnership as a whole, to named agencies, or both (seed 004: "partner agencies ... should").
    addressed_to_partnership: Mapped[bool] = mapped_column(Boolean, default=False)
    # The partnership's response: what will be done and by whom (seed 004's paragraph under each recommendation).
    response: Mapped[str] = mapped_column(Text, default="")
    response_updated_at: Mapped[dt.datetime | None]

    agencies: Mapped[list[Agency]] = relationship(secondary=recommendation_agencies, lazy="selectin",
                                                  order_by=Agency.name)
    themes: Mapped[list[Theme]] = relationship(secondary=recommendation_themes, lazy="selectin",
                                               order_by=Theme.name)
    # Sub-parts ("3a", "3b"), in order; each is a recommendation of its own with `parent_id`.
    parts: Mapped[list["Recommendation"]] = relationship(lazy="selectin", order_by=lambda: Recommendation.part,
                                                         cascade="all, delete-orphan")
    # Earlier recommendations this one repeats (loaded when read one by one, not in lists).
    repeats: Mapped[list["Recommendation"]] = relationship(
        secondary=recommendation_repeats, lazy="select",
        primaryjoin=lambda: Recommendation.id == recommendation_repeats.c.recommendation_id,
        secondaryjoin=lambda: Recommendation.id == recommendation_repeats.c.earlier_id)

    @property
    def label(self) -> str:
        """How people cite it: "3", "3a"."""
        return f"{self.number}{self.part or ''}"
