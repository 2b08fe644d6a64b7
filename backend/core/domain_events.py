"""Typed domain events, published inside the transaction that made the change.

Each event type is one Pydantic model, owned by the domain that publishes it (its `events.py`) and
imported by every subscriber, so publisher and subscribers cannot disagree on what an event carries.
Subscribers (webhook deliveries, e-mails, the next stage of the process) write their rows in the same
transaction, so a rolled-back change sends nothing.

A model says which of its own fields may leave the system in a webhook (`webhook_fields`); nothing else
does, so a field holding a name or an address can never reach a partnership system by accident.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from backend.core import clock


class DomainEvent(BaseModel):
    """What every event carries: which record it is about, the child's anonymised reference, the agencies
    concerned, and when. Subclasses set `type` ("referral.decided") and add their own typed fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: ClassVar[str]
    subject_type: ClassVar[str]
    # Own fields (beyond the envelope) that a webhook subscriber receives: states, outcomes and dates only.
    webhook_fields: ClassVar[frozenset[str]] = frozenset()

    subject_id: uuid.UUID
    child_reference: str
    case_id: uuid.UUID | None = None
    agency_ids: tuple[uuid.UUID, ...] = ()
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    occurred_at: datetime = Field(default_factory=clock.now)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            existing = EVENT_TYPES.get(cls.type)
            if existing is not None and existing.__qualname__ != cls.__qualname__:
                raise TypeError(f"Two event models claim {cls.type!r}: {existing.__qualname__} and {cls.__qualname__}")
            EVENT_TYPES[cls.type] = cls

    def concerns(self, agency_id: uuid.UUID) -> bool:
        return agency_id in self.agency_ids

    def webhook_data(self) -> dict[str, Any]:
        """The JSON a webhook subscriber receives as `data`: the envelope plus the declared fields."""
        own = self.model_dump(mode="json", include=set(self.webhook_fields))
        return own | {
            "subject_type": self.subject_type, "subject_id": str(self.subject_id),
            "case_id": str(self.case_id) if self.case_id else None, "child_reference": self.child_reference,
            "agency_ids": [str(a) for a in self.agency_ids],
            # The first agency concerned, as the payload named it before events carried a list.
            "agency_id": str(self.agency_ids[0]) if self.agency_ids else None,
        }


class OfACase(Protocol):
    """A record of a child's case (`cases.models.BelongsToCase` or `MayBelongToCase`), as an event names it."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def case_id(self) -> uuid.UUID | None: ...

    @property
    def child_reference(self) -> str: ...


def envelope(record: OfACase, *agency_ids: uuid.UUID, **more: Any) -> dict[str, Any]:
    """The fields every event about `record` carries (its id, case and child's reference, and the agencies
    concerned), with what its domain adds to each of its events in `more`: `Submitted(**envelope(...), ...)`."""
    return {"subject_id": record.id, "case_id": record.case_id, "child_reference": record.child_reference,
            "agency_ids": agency_ids, **more}


# Every event model by its type, filled as the domains' events modules are imported.
EVENT_TYPES: dict[str, type[DomainEvent]] = {}

E = TypeVar("E", bound=DomainEvent)
Listener = Callable[[Session, Any], None]
_listeners: dict[type[DomainEvent], list[Listener]] = defaultdict(list)
_everything: list[Listener] = []


def subscribe(event_class: type[E], listener: Callable[[Session, E], None]) -> None:
    """Listen to one event type (idempotent)."""
    target = _listeners[event_class]
    if listener not in target:
        target.append(listener)


def subscribe_all(listener: Callable[[Session, DomainEvent], None]) -> None:
    """Listen to every event (webhooks)."""
    if listener not in _everything:
        _everything.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _everything:
        _everything.remove(listener)
    for listeners in _listeners.values():
        if listener in listeners:
            listeners.remove(listener)


def publish(session: Session, event: DomainEvent) -> None:
    for listener in [*_everything, *_listeners[type(event)]]:
        listener(session, event)


@contextmanager
def recorded() -> Iterator[list[DomainEvent]]:
    """Every event published while the block runs (for tests and diagnostics)."""
    seen: list[DomainEvent] = []

    def listener(_session: Session, event: DomainEvent) -> None:
        seen.append(event)

    subscribe_all(listener)
    try:
        yield seen
    finally:
        unsubscribe(listener)
