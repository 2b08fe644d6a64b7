"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

from backend.audit.models import AuditEvent
from backend.calendar.models import ClosureDay
from backend.deadlines.models import Deadline
from backend.identity.models import Agency, IntegrationClient, RefreshToken, User
from backend.reminders.models import DigestItem, OutboxMessage, ReminderPolicyRow, ReminderProgress

__all__ = ["Agency", "AuditEvent", "ClosureDay", "Deadline", "DigestItem", "IntegrationClient", "OutboxMessage",
           "RefreshToken", "ReminderPolicyRow", "ReminderProgress", "User"]
