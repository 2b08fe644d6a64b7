"""The events a review publishes (see core/domain_events.py)."""

import datetime as dt
from typing import ClassVar

from backend.core.domain_events import DomainEvent
from backend.reviews.models import ReviewKind, ReviewStage


class ReviewEvent(DomainEvent):
    subject_type: ClassVar[str] = "review"


class ReviewOpened(ReviewEvent):
    """A decision to hold a review (or a case mapping exercise): its six months run from `decided_on`."""

    type: ClassVar[str] = "review.opened"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"kind", "decided_on", "due_date"})
    kind: ReviewKind
    decided_on: dt.date
    due_date: dt.date


class ReviewStageChanged(ReviewEvent):
    type: ClassVar[str] = "review.stage_changed"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"stage", "previous_stage"})
    stage: ReviewStage
    previous_stage: ReviewStage


class ReviewPublished(ReviewEvent):
    type: ClassVar[str] = "review.published"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"published_on"})
    published_on: dt.date
