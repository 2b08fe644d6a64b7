"""A demo practitioner learning event with an open sign-up link, for `seed-demo` (called by the integrator)."""

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Principal, Role
from backend.events import service
from backend.events.models import Event, EventKind
from backend.events.schemas import EventCreate
from backend.identity.models import User
from backend.reviews.models import Review


def _business_office(users: Sequence[User] | Mapping[str, User]) -> Principal | None:
    people = users.values() if isinstance(users, Mapping) else users
    for user in people:
        if user.role == Role.business_office:
            return user.as_principal()
    return None


def seed_demo_events(
    session: Session, review: Review, users: Sequence[User] | Mapping[str, User]
) -> tuple[Event, str | None]:
    """A practitioner learning event three weeks ahead (a weekday morning), and its open sign-up token."""
    day = clock.today() + dt.timedelta(days=21)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    actor = _business_office(users)
    if actor is None:
        raise ValueError("The demo event is scheduled by a business office user; none was given.")
    event, token = service.create_event(session, actor, EventCreate(
        review_id=review.id, kind=EventKind.practitioner_learning_event, title="Practitioner learning event",
        date=day, start_time=dt.time(9, 30), end_time=dt.time(12, 30),
        location="Harbourside Partnership Centre, Room 2, 14 Quay Street",
        virtual_link="https://meet.harbourside-scp.org.uk/practitioner-learning", capacity=30,
        questions=[
            "What helped or got in the way of working with this family?",
            "What did you know that other agencies may not have known?",
            "What would make it easier to escalate a concern next time?",
        ],
        support_note="Some of what is shared may be distressing. Your safeguarding lead can meet you before and "
                     "after the event, and a quiet room is available on the day.",
    ))
    return event, token
