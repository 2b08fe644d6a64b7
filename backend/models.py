"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

from backend.audit.models import AuditEvent
from backend.calendar.models import ClosureDay
from backend.deadlines.models import Deadline
from backend.identity.models import Agency, IntegrationClient, RefreshToken, User
from backend.integrations.models import IdempotencyKey, WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription

__all__ = ["Agency", "AuditEvent", "ClosureDay", "Deadline", "IdempotencyKey", "IntegrationClient", "RefreshToken",
           "User", "WebhookDelivery", "WebhookDeliveryAttempt", "WebhookSubscription"]
