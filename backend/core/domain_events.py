"""Domain events, published inside the transaction that made the change.

Domains publish ("referral.submitted", ...); other domains subscribe (webhook deliveries,
e-mails) and write their rows in the same transaction, so a rolled-back change sends nothing.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backend.core import clock


@dataclass(frozen=True)
class DomainEvent:
    type: str
    subject_type: str
    subject_id: uuid.UUID
    child_reference: str
    agency_id: uuid.UUID | None = None
    data: dict[str, Any] = field(default_factory=dict)
    occurred_at: datetime = field(default_factory=clock.now)
    id: uuid.UUID = field(default_factory=uuid.uuid4)


Listener = Callable[[Session, DomainEvent], None]
_listeners: dict[str, list[Listener]] = defaultdict(list)
_everything: list[Listener] = []


def subscribe(event_type: str | None, listener: Listener) -> None:
    """Listen to one event type, or to every event with `None`."""
    target = _everything if event_type is None else _listeners[event_type]
    if listener not in target:
        target.append(listener)


def publish(session: Session, event: DomainEvent) -> None:
    for listener in [*_everything, *_listeners[event.type]]:
        listener(session, event)
