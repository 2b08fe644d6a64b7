"""Arranging reviews, events and sign-ups for the events tests."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from backend.core import domain_events
from backend.core.domain_events import DomainEvent
from backend.events.events import EMAIL_EVENT_TYPES
from backend.reviews import service as reviews
from tests.conftest import Factory

CHILD = "Child BM"


def review_for(db, *agencies, child_reference: str = CHILD):
    """A review of the child's case (the case is made if the reference is new)."""
    return reviews.create_review(db, None, case=Factory(db).case(child_reference), decided_on=dt.date(2026, 1, 5),
                                 agency_ids=[a.id for a in agencies])


def event_body(review, **overrides: Any) -> dict[str, Any]:
    body = {
        "review_id": str(review.id), "kind": "practitioner_learning_event", "title": "Practitioner learning event",
        "date": "2026-12-14", "start_time": "09:30", "end_time": "12:30",
        "location": "Partnership Centre, Room 2", "virtual_link": "https://meet.example.org/learning",
        "capacity": 20, "questions": ["What helped you work with the family?", "What got in the way?"],
        "support_note": "Your safeguarding lead can meet you before and after the event.",
    }
    return body | overrides


def schedule(client, make, office, review, **overrides: Any) -> dict[str, Any]:
    response = client.post("/api/v1/events", headers=make.headers(office), json=event_body(review, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def sign_up_body(n: int = 0, **overrides: Any) -> dict[str, Any]:
    body = {
        "name": f"Sam Practitioner {n}", "email": f"sam.{n}@trust.example.org", "agency_name": "Harbourside Trust",
        "job_title": "Social worker", "team": "Assessment team 2", "involvement": "Allocated social worker 2025",
        "attendance": "in_person", "access_needs": "", "support": "before", "seniority": "frontline",
        "directly_involved": True,
    }
    return body | overrides


def token_of(link: dict[str, Any] | str) -> str:
    url = link if isinstance(link, str) else link["url"]
    return url.rstrip("/").rsplit("/", 1)[1]


@contextmanager
def captured_emails() -> Iterator[list[DomainEvent]]:
    """The e-mail domain events published while the block runs."""
    seen: list[DomainEvent] = []

    def listener(_session, event: DomainEvent) -> None:
        seen.append(event)

    for kind in EMAIL_EVENT_TYPES:
        domain_events.subscribe(kind, listener)
    try:
        yield seen
    finally:
        domain_events.unsubscribe(listener)
