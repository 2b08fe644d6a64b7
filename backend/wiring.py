"""Cross-domain subscriptions, registered once by every entry point (app, CLI, worker, tests).

A domain publishes events without knowing who listens; this is the one list of who does.
"""

from backend.actions import subscribers as action_subscribers
from backend.analysis_reports.tasks import ANALYSIS_REPORT_TASKS
from backend.chronologies.tasks import CHRONOLOGY_TASKS
from backend.family_engagement.tasks import FAMILY_TASKS
from backend.overview_reports import subscribers as overview_report_subscribers
from backend.overview_reports import tasks as overview_report_tasks
from backend.parallel_processes.tasks import PARALLEL_PROCESS_TASKS
from backend.practitioner_engagement.tasks import PRACTITIONER_TASKS
from backend.rapid_reviews import subscribers as rapid_review_subscribers
from backend.recommendations.tasks import LEARNING_TASKS
from backend.reminders import subscribers as reminder_subscribers
from backend.review_groups.service import REVIEW_GROUP_TASKS
from backend.reviews import tasks as review_tasks
from backend.reviews.commissioning import COMMISSIONING_TASKS
from backend.reviews.timescales import TIMESCALE_TASKS
from backend.terms_of_reference.service import TERMS_OF_REFERENCE_TASKS


def register_jobs() -> None:
    """The worker's jobs beyond reminders and mail: webhook deliveries and idempotency-key expiry."""
    from backend.integrations.delivery import deliver_due_webhooks
    from backend.integrations.idempotency import purge_idempotency_keys
    from backend.reminders.worker import JOBS

    for name, job in (("webhook_delivery", deliver_due_webhooks), ("idempotency_key_purge", purge_idempotency_keys)):
        if name not in {existing for existing, _ in JOBS}:
            JOBS.append((name, job))


def register_review_tasks() -> None:
    """Each stage 2 domain's part of the review's task list (reviews/tasks.py), in the order of the review's work."""
    for source in (COMMISSIONING_TASKS, TIMESCALE_TASKS, REVIEW_GROUP_TASKS, TERMS_OF_REFERENCE_TASKS,
                   CHRONOLOGY_TASKS, ANALYSIS_REPORT_TASKS, PRACTITIONER_TASKS, FAMILY_TASKS,
                   PARALLEL_PROCESS_TASKS, overview_report_tasks.OVERVIEW_REPORT_TASKS,
                   overview_report_tasks.SIGN_OFF_TASKS, overview_report_tasks.PUBLICATION_TASKS):
        review_tasks.register(source)


def register_subscribers() -> None:
    """Idempotent: subscribing the same listener twice is a no-op."""
    rapid_review_subscribers.register()
    action_subscribers.register()
    review_tasks.register(LEARNING_TASKS)
    reminder_subscribers.register()
    overview_report_subscribers.register()
    register_review_tasks()
    register_jobs()
