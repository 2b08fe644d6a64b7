"""The events an agency action publishes; subscribers and webhooks import these models."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.actions.models import ActionStatus
from backend.core.domain_events import DomainEvent


class ActionEvent(DomainEvent):
    subject_type: ClassVar[str] = "action"


class ActionCreated(ActionEvent):
    """An action set for an agency, answering a recommendation or a rapid review's immediate action."""

    type: ClassVar[str] = "action.created"
    webhook_fields: ClassVar[frozenset[str]] = frozenset(
        {"recommendation_id", "immediate_action_id", "due_date", "status"})
    recommendation_id: uuid.UUID | None
    immediate_action_id: uuid.UUID | None
    due_date: dt.date
    status: ActionStatus


class ActionStatusChanged(ActionEvent):
    """Started, closure asked for, sent back, closed or cancelled."""

    type: ClassVar[str] = "action.status_changed"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"status", "previous_status", "due_date"})
    status: ActionStatus
    previous_status: ActionStatus
    due_date: dt.date


class ActionCompleted(ActionEvent):
    """The business office approved the action's closure on the evidence of its impact."""

    type: ClassVar[str] = "action.completed"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"completed_on", "due_date", "on_time",
                                                          "immediate_action_id"})
    completed_on: dt.date
    due_date: dt.date
    on_time: bool
    immediate_action_id: uuid.UUID | None
