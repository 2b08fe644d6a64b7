"""The events a rapid review publishes; subscribers import these models (see core/domain_events.py)."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent
from backend.rapid_reviews.models import RapidReviewSource, Recommendation


class RapidReviewEvent(DomainEvent):
    subject_type: ClassVar[str] = "rapid_review"


class RapidReviewOpened(RapidReviewEvent):
    type: ClassVar[str] = "rapid_review.opened"
    source_type: RapidReviewSource
    source_id: uuid.UUID


class RapidReviewDecided(RapidReviewEvent):
    """The three safeguarding partners' decision on a local review; `review_id` is the review it opened, if any."""

    type: ClassVar[str] = "rapid_review.decided"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"hold_cspr", "decided_on", "review_id", "recommendation"})
    hold_cspr: bool
    decided_on: dt.date
    review_id: uuid.UUID | None
    recommendation: Recommendation | None


class ImmediateActionAdded(RapidReviewEvent):
    """The meeting (or the business office since) set an immediate action for one agency; the action tracker
    follows it from here (actions/subscribers.py)."""

    type: ClassVar[str] = "rapid_review.immediate_action_added"
    immediate_action_id: uuid.UUID
    due_date: dt.date
