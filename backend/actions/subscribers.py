"""What the action tracker does when a rapid review sets an immediate action: it tracks it (see models.py)."""

from sqlalchemy.orm import Session

from backend.actions import service
from backend.core.domain_events import subscribe
from backend.rapid_reviews.events import ImmediateActionAdded
from backend.rapid_reviews.models import ImmediateAction


def on_immediate_action_added(session: Session, event: ImmediateActionAdded) -> None:
    immediate_action = session.get(ImmediateAction, event.immediate_action_id)
    if immediate_action is not None and event.case_id is not None:
        service.open_for_immediate_action(session, immediate_action, event.case_id)


def register() -> None:
    """Called once by every entry point (backend/wiring.py); subscribing twice is harmless."""
    subscribe(ImmediateActionAdded, on_immediate_action_added)
