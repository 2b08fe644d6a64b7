"""The events an agency chronology publishes; subscribers import these models (see core/domain_events.py)."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent


class ChronologyEvent(DomainEvent):
    subject_type: ClassVar[str] = "chronology"
    review_id: uuid.UUID


class ChronologyRequested(ChronologyEvent):
    """An agency involved in the review is asked for its chronology, due on `due_date`."""

    type: ClassVar[str] = "chronology.requested"
    due_date: dt.date


class ChronologySubmitted(ChronologyEvent):
    type: ClassVar[str] = "chronology.submitted"
    revision: int
    entries: int


class ChronologyReturned(ChronologyEvent):
    """Sent back to the agency for more work, with the reasons."""

    type: ClassVar[str] = "chronology.returned"
    reasons: str
