"""Cross-domain subscriptions, registered once by every entry point (app, CLI, worker, tests).

A domain publishes events without knowing who listens; this is the one list of who does.
"""

from backend.rapid_reviews import events as rapid_review_events
from backend.reminders import subscribers as reminder_subscribers


def register_subscribers() -> None:
    """Idempotent: subscribing the same listener twice is a no-op."""
    rapid_review_events.register()
    reminder_subscribers.register()
