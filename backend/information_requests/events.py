"""The events an information request publishes; subscribers import these models (see core/domain_events.py)."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent


class InformationRequestEvent(DomainEvent):
    subject_type: ClassVar[str] = "information_request"
    rapid_review_id: uuid.UUID


class InformationRequestCreated(InformationRequestEvent):
    """An agency is asked for additional information, due within 7 working days."""

    type: ClassVar[str] = "information_request.created"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"rapid_review_id", "due_date"})
    due_date: dt.date
    purpose: str  # the business office's note to the agency


class InformationRequestSubmitted(InformationRequestEvent):
    type: ClassVar[str] = "information_request.submitted"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"rapid_review_id", "submitted_at"})
    submitted_at: dt.datetime


class InformationRequestChased(InformationRequestEvent):
    """The business office reminds the agency now, outside the reminder schedule."""

    type: ClassVar[str] = "information_request.chased"
    due_date: dt.date | None


class InformationRequestReturned(InformationRequestEvent):
    """Sent back to the agency for more; the deadline stays where it was."""

    type: ClassVar[str] = "information_request.returned"
    reasons: str
    due_date: dt.date | None
