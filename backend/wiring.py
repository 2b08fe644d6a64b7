"""Cross-domain subscriptions, registered once by every entry point (app, CLI, worker, tests).

A domain publishes events without knowing who listens; this is the one list of who does.
"""

from backend.actions import subscribers as action_subscribers
from backend.rapid_reviews import subscribers as rapid_review_subscribers
from backend.recommendations.tasks import learning_tasks
from backend.reminders import subscribers as reminder_subscribers
from backend.reviews import tasks as review_tasks


def register_jobs() -> None:
    """The worker's jobs beyond reminders and mail: webhook deliveries and idempotency-key expiry."""
    from backend.integrations.delivery import deliver_due_webhooks
    from backend.integrations.idempotency import purge_idempotency_keys
    from backend.reminders.worker import JOBS

    for name, job in (("webhook_delivery", deliver_due_webhooks), ("idempotency_key_purge", purge_idempotency_keys)):
        if name not in {existing for existing, _ in JOBS}:
            JOBS.append((name, job))


def register_subscribers() -> None:
    """Idempotent: subscribing the same listener twice is a no-op."""
    rapid_review_subscribers.register()
    action_subscribers.register()
    review_tasks.register(learning_tasks)
    reminder_subscribers.register()
    register_jobs()
