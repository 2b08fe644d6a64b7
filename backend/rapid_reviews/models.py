import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import JSON, Column, ColumnElement, Enum, ForeignKey, String, Table, Text, UniqueConstraint, case, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class RapidReviewState(StrEnum):
    gathering_information = "gathering_information"
    meeting_held = "meeting_held"
    recommendation_made = "recommendation_made"
    decided = "decided"
    sent_to_panel = "sent_to_panel"
    panel_responded = "panel_responded"


class Recommendation(StrEnum):
    """What the rapid review meeting recommends to the safeguarding partners."""

    local_cspr = "local_cspr"
    no_cspr = "no_cspr"
    national_review_referral = "national_review_referral"


class ImmediateActionState(StrEnum):
    """Follows from `completed_on`: an action is open until its agency records it done."""

    open = "open"
    completed = "completed"


class RapidReviewSource(StrEnum):
    incident_notification = "incident_notification"
    referral = "referral"


rapid_review_agencies = Table(
    "rapid_review_agencies",
    Base.metadata,
    Column("rapid_review_id", ForeignKey("rapid_reviews.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
)


class RapidReview(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """Stage 1: the facts gathered from every involved agency, the meeting, and the safeguarding partners' decision."""

    __tablename__ = "rapid_reviews"

    state: Mapped[RapidReviewState] = mapped_column(
        Enum(RapidReviewState, native_enum=False, length=40), default=RapidReviewState.gathering_information
    )
    opened_on: Mapped[dt.date]
    # What opened it: a serious incident notification or an agreed referral (exactly one of the two).
    notification_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incident_notifications.id"), index=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("referrals.id"), index=True)

    recommendation: Mapped[Recommendation | None] = mapped_column(Enum(Recommendation, native_enum=False, length=40))
    recommendation_rationale: Mapped[str | None] = mapped_column(Text)
    # When no review is recommended, the named mechanisms that take the learning forward.
    learning_mechanisms: Mapped[list[str]] = mapped_column(JSON, default=list)

    hold_cspr: Mapped[bool | None]
    decision_comments: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[dt.date | None]
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    sent_to_panel_on: Mapped[dt.date | None]
    panel_agrees: Mapped[bool | None]
    panel_responded_on: Mapped[dt.date | None]
    panel_comments: Mapped[str | None] = mapped_column(Text)
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reviews.id"))

    agencies: Mapped[list[Agency]] = relationship(
        secondary=rapid_review_agencies, lazy="selectin", order_by=Agency.name
    )

    # What opened it, as the API has always said it; read-only, and filterable like a column.
    @hybrid_property
    def source_type(self) -> RapidReviewSource:
        return RapidReviewSource.referral if self.referral_id is not None else RapidReviewSource.incident_notification

    @source_type.inplace.expression
    @classmethod
    def _source_type_expression(cls) -> ColumnElement[str]:
        return case((cls.referral_id.is_not(None), RapidReviewSource.referral.value),
                    else_=RapidReviewSource.incident_notification.value)

    @hybrid_property
    def source_id(self) -> uuid.UUID | None:
        return self.referral_id if self.referral_id is not None else self.notification_id

    @source_id.inplace.expression
    @classmethod
    def _source_id_expression(cls) -> ColumnElement[uuid.UUID | None]:
        return func.coalesce(cls.referral_id, cls.notification_id)


class RapidReviewMeeting(IdMixin, TimestampMixin, Base):
    __tablename__ = "rapid_review_meetings"

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rapid_reviews.id", ondelete="CASCADE"), unique=True
    )
    held_on: Mapped[dt.date]
    # [{"name", "role", "agency"}]: attendees are often from outside the system's user list.
    attendees: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    facts_reviewed: Mapped[str] = mapped_column(Text)
    immediate_action_needed: Mapped[bool]
    # The learning the meeting identified: the report's "learning identified" section.
    immediate_learning: Mapped[str] = mapped_column(Text, default="")
    # The report's sections the meeting completes (Working Together 2023; the Panel's rapid review guidance).
    # Meetings recorded before these existed read them empty, and the report says they are still to be completed.
    key_practice_episodes: Mapped[str] = mapped_column(Text, default="", server_default="")
    # How the child's ethnicity, disability and other characteristics, racism and other inequalities shaped their
    # experience and the practice around them.
    characteristics_and_inequalities: Mapped[str] = mapped_column(Text, default="", server_default="")
    # May be "none identified", but must be answered.
    issues_of_national_importance: Mapped[str] = mapped_column(Text, default="", server_default="")
    # [{"agency_id", "agency_name", "state"}]: the information requests not yet answered when the meeting was held,
    # so the record says what the meeting did not have.
    responses_outstanding: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class ImmediateAction(IdMixin, TimestampMixin, Base):
    """An action the meeting found was needed at once for children's safety, owned by one agency."""

    __tablename__ = "immediate_actions"

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rapid_reviews.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    due_date: Mapped[dt.date]
    completed_on: Mapped[dt.date | None]

    agency: Mapped[Agency] = relationship(lazy="joined")

    @property
    def state(self) -> ImmediateActionState:
        return ImmediateActionState.open if self.completed_on is None else ImmediateActionState.completed


class RapidReviewComment(IdMixin, Base):
    """The independent scrutineer's comments on the rapid review and its decision."""

    __tablename__ = "rapid_review_comments"

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rapid_reviews.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[uuid.UUID]
    author_name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class LearningBriefing(IdMixin, TimestampMixin, Versioned, Base):
    """The 6 step learning briefing disseminated across the partnership, whichever way the review is decided."""

    __tablename__ = "learning_briefings"
    __table_args__ = (UniqueConstraint("rapid_review_id"),)

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rapid_reviews.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    case_in_brief: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    what_we_learned: Mapped[str] = mapped_column(Text, default="")
    good_practice: Mapped[str] = mapped_column(Text, default="")
    what_to_do_differently: Mapped[str] = mapped_column(Text, default="")
    questions_for_your_team: Mapped[str] = mapped_column(Text, default="")
