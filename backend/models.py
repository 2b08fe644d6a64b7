"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

from backend.actions.models import ActionUpdate, AgencyAction
from backend.audit.models import AuditEvent
from backend.calendar.models import ClosureDay
from backend.cases.models import Case, CaseAccess
from backend.deadlines.models import Deadline
from backend.events.models import Event, Invitation, SignUp
from backend.identity.models import Agency, IntegrationClient, RefreshToken, User
from backend.incident_notifications.models import IncidentNotification, NotifiedChild
from backend.information_requests.models import InformationRequest
from backend.integrations.models import IdempotencyKey, WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription
from backend.learning.models import Dissemination
from backend.rapid_reviews.models import (
    ImmediateAction,
    LearningBriefing,
    RapidReview,
    RapidReviewComment,
    RapidReviewMeeting,
)
from backend.recommendations.models import Recommendation
from backend.referrals.models import Referral
from backend.reminders.models import DigestItem, OutboxMessage, ReminderPolicyRow, ReminderProgress
from backend.reviews.models import Review
from backend.submissions.models import AgencySubmission, AgencySubmissionRevision
from backend.themes.models import Theme

__all__ = [
    "ActionUpdate",
    "AgencyAction",
    "Agency",
    "AgencySubmission",
    "AgencySubmissionRevision",
    "AuditEvent",
    "Case",
    "CaseAccess",
    "ClosureDay",
    "Deadline",
    "Dissemination",
    "DigestItem",
    "Event",
    "IdempotencyKey",
    "ImmediateAction",
    "IncidentNotification",
    "InformationRequest",
    "IntegrationClient",
    "Invitation",
    "LearningBriefing",
    "NotifiedChild",
    "OutboxMessage",
    "RapidReview",
    "RapidReviewComment",
    "RapidReviewMeeting",
    "Recommendation",
    "Referral",
    "RefreshToken",
    "ReminderPolicyRow",
    "ReminderProgress",
    "Review",
    "SignUp",
    "Theme",
    "User",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookSubscription",
]
