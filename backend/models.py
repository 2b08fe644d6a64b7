"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

from backend.audit.models import AuditEvent
from backend.calendar.models import ClosureDay
from backend.deadlines.models import Deadline
from backend.identity.models import Agency, IntegrationClient, RefreshToken, User
from backend.incident_notifications.models import IncidentNotification, NotifiedChild
from backend.information_requests.models import InformationRequest
from backend.rapid_reviews.models import (
    ImmediateAction,
    LearningBriefing,
    RapidReview,
    RapidReviewComment,
    RapidReviewMeeting,
)
from backend.reviews.models import Review

__all__ = ["Agency", "AuditEvent", "ClosureDay", "Deadline", "ImmediateAction", "IncidentNotification",
           "InformationRequest", "IntegrationClient", "LearningBriefing", "NotifiedChild", "RapidReview",
           "RapidReviewComment", "RapidReviewMeeting", "RefreshToken", "Review", "User"]
