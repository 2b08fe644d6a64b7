"""The events a serious incident notification publishes (see core/domain_events.py)."""

import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent
from backend.incident_notifications.models import IncidentCategory


class IncidentNotificationCreated(DomainEvent):
    type: ClassVar[str] = "incident_notification.created"
    subject_type: ClassVar[str] = "incident_notification"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"category", "rapid_review_id"})
    category: IncidentCategory
    rapid_review_id: uuid.UUID | None  # None for a care leaver's death, which needs no rapid review
