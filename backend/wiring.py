"""Cross-domain subscriptions, registered once by every entry point (app, CLI, worker, tests).

A domain publishes events without knowing who listens; this is the one list of who does.
"""

from backend.rapid_reviews import subscribers as rapid_review_subscribers
from backend.reminders import subscribers as reminder_subscribers


def register_jobs() -> None:
    """The worker's jobs beyond reminders and mail: webhook deliveries and idempotency-key expiry."""
    from backend.integrations.delivery import deliver_due_webhooks
    from backend.integrations.idempotency import purge_idempotency_keys
    from backend.reminders.worker import JOBS

    for name, job in (("webhook_delivery", deliver_due_webhooks), ("idempotency_key_purge", purge_idempotency_keys)):
        if name not in {existing for existing, _ in JOBS}:
            JOBS.append((name, job))


def register_task_sources() -> None:
    """Each stage 2 domain's part of a review's task list (backend/reviews/tasks.py)."""
    from backend.family_engagement.tasks import family_tasks
    from backend.parallel_processes.tasks import parallel_process_tasks
    from backend.practitioner_engagement.tasks import practitioner_tasks
    from backend.reviews import tasks

    for source in (practitioner_tasks, family_tasks, parallel_process_tasks):
        tasks.register(source)


def register_subscribers() -> None:
    """Idempotent: subscribing the same listener twice is a no-op."""
    rapid_review_subscribers.register()
    reminder_subscribers.register()
    register_jobs()
    register_task_sources()
