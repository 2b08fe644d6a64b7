"""Agency actions: what an agency does in answer to a recommendation, or to a rapid review's immediate action.

Immediate actions and the tracker: linked, not unified. A rapid review's `ImmediateAction` stays what the meeting
decided (its text, agency and date, on the rapid review's page, completed there as the safety step done); the
tracker opens one `AgencyAction` answering it (`immediate_action_id`, unique) when the rapid review adds it, so
the same tracker lists, filters, chases and exports both, and the agency reports progress and evidence of impact
on both the same way. Unifying the tables would have moved a stage 1 record (and its API, screens and history)
into the learning tracker for no gain to either. The two stay in step by events only: closing the tracker's
action marks the immediate action complete (rapid_reviews/subscribers.py). An action answering an immediate
action shares the immediate action's deadline (`deadline_key`), so nobody is reminded twice.

Progress updates and the evidence of impact are the agency's submissions (backend/submissions, kind
`action_update`): one `ActionUpdate` per update, its draft the agency's own until submitted, every submission
kept as a revision; the business office sends a completion request back by returning its submission.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import MayBelongToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.deadlines.models import DeadlineKind
from backend.identity.models import Agency, User
from backend.rapid_reviews.models import ImmediateAction
from backend.recommendations.models import Recommendation
from backend.submissions.models import AgencySubmission


class ActionStatus(StrEnum):
    not_started = "not_started"
    in_progress = "in_progress"
    completion_requested = "completion_requested"
    complete = "complete"
    cancelled = "cancelled"


CLOSED_STATUSES = frozenset({ActionStatus.complete, ActionStatus.cancelled})


class AgencyAction(IdMixin, TimestampMixin, Versioned, MayBelongToCase, Base):
    """One agency's action, owned by a person of that agency, due on a date, with its progress and evidence.

    It answers exactly one thing: a recommendation (of any source) or a rapid review's immediate action. Its case
    is the recommendation's (none for a recommendation from another source) or the immediate action's rapid
    review's.
    """

    __tablename__ = "agency_actions"
    __table_args__ = (
        CheckConstraint("(recommendation_id IS NULL) <> (immediate_action_id IS NULL)", name="answers_one"),
        Index("ix_agency_actions_status_due_date", "status", "due_date"),
    )

    recommendation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("recommendations.id"), index=True)
    immediate_action_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("immediate_actions.id"), unique=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    intended_outcome: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date]
    status: Mapped[ActionStatus] = mapped_column(Enum(ActionStatus, native_enum=False, length=30),
                                                 default=ActionStatus.not_started)

    # The evidence of impact from the agency's latest update that gave it: what changed in frontline practice,
    # and how that is known (an audit, supervision records, feedback from children and families...).
    evidence_of_impact: Mapped[str | None] = mapped_column(Text)
    impact_known_by: Mapped[str | None] = mapped_column(Text)

    completion_requested_at: Mapped[dt.datetime | None]
    completion_requested_by_id: Mapped[uuid.UUID | None]
    sent_back_reasons: Mapped[str | None] = mapped_column(Text)  # the latest send-back's
    closed_at: Mapped[dt.datetime | None]  # closure approved (complete) or cancelled
    closed_by_name: Mapped[str | None] = mapped_column(String(200))
    completed_on: Mapped[dt.date | None]
    cancelled_reason: Mapped[str | None] = mapped_column(Text)

    agency: Mapped[Agency] = relationship(lazy="joined")
    owner: Mapped[User | None] = relationship(lazy="joined")
    recommendation: Mapped[Recommendation | None] = relationship(lazy="joined")
    immediate_action: Mapped[ImmediateAction | None] = relationship(lazy="joined")

    @property
    def deadline_key(self) -> tuple[DeadlineKind, uuid.UUID]:
        """The registry's deadline this action is chased by: its own, or its immediate action's."""
        if self.immediate_action_id is not None:
            return DeadlineKind.immediate_action, self.immediate_action_id
        return DeadlineKind.agency_action, self.id

    @property
    def rapid_review_id(self) -> uuid.UUID | None:
        if self.immediate_action is not None:
            return self.immediate_action.rapid_review_id
        return self.recommendation.rapid_review_id if self.recommendation is not None else None

    @property
    def review_id(self) -> uuid.UUID | None:
        return self.recommendation.review_id if self.recommendation is not None else None


class UpdatePurpose(StrEnum):
    progress = "progress"
    completion_request = "completion_request"


class ActionUpdate(IdMixin, TimestampMixin, Base):
    """One dated update on an action: progress, or the request to close it with the evidence of impact.

    What it says is its `AgencySubmission`'s content (`progress`, `evidence_of_impact`, `impact_known_by`), dated
    by the submission; a completion request sent back is that submission returned with the reasons.
    """

    __tablename__ = "action_updates"
    __table_args__ = (UniqueConstraint("action_id", "number"),)

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_actions.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_submissions.id"), unique=True)
    purpose: Mapped[UpdatePurpose] = mapped_column(Enum(UpdatePurpose, native_enum=False, length=30))
    number: Mapped[int]  # 1, 2, … in the order the agency made them

    submission: Mapped[AgencySubmission] = relationship(lazy="joined")
