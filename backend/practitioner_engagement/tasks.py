"""The review's task list for practitioner engagement (section `practitioners`): the practitioner event, and the
one-to-one discussions offered to those who cannot attend."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.events.models import Event, EventKind, EventStatus
from backend.practitioner_engagement import service
from backend.practitioner_engagement.models import OneToOneState
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus

STAGE = ReviewStage.practitioner_engagement
SECTION = "practitioners"
_ORDER = list(ReviewStage)


def _not_yet(review: Review) -> bool:
    return _ORDER.index(review.stage) < _ORDER.index(STAGE)


def practitioner_events(session: Session, review: Review) -> list[Event]:
    return list(session.scalars(select(Event).where(
        Event.review_id == review.id, Event.kind == EventKind.practitioner_learning_event,
        Event.status == EventStatus.scheduled).order_by(Event.date, Event.start_time)))


def practitioner_tasks(session: Session, review: Review) -> list[ReviewTask]:
    events = practitioner_events(session, review)
    now = clock.now()
    held = [e for e in events if e.ends_at <= now]
    if held:
        event = (TaskStatus.completed, f"Held on {held[-1].date:%-d %B %Y}")
    elif events:
        event = (TaskStatus.in_progress, f"Arranged for {events[0].date:%-d %B %Y}")
    else:
        event = (TaskStatus.cannot_start_yet if _not_yet(review) else TaskStatus.not_started,
                 "No practitioner event arranged yet")
    states = service.states_of(session, review)
    waiting = states.count(OneToOneState.offered)
    if not states:
        one_to_ones = (TaskStatus.cannot_start_yet if _not_yet(review) else TaskStatus.not_started,
                       "None offered yet")
    elif waiting:
        one_to_ones = (TaskStatus.in_progress, f"{waiting} of {len(states)} still to be held or declined")
    else:
        one_to_ones = (TaskStatus.completed, f"{states.count(OneToOneState.held)} held, "
                                             f"{states.count(OneToOneState.declined)} declined")
    return [
        ReviewTask(stage=STAGE, key="practitioner_event_held", label="Hold the practitioner event",
                   status=event[0], hint=event[1], section=SECTION),
        ReviewTask(stage=STAGE, key="one_to_ones_recorded",
                   label="Offer one-to-one discussions to practitioners who cannot attend",
                   status=one_to_ones[0], hint=one_to_ones[1], section=SECTION),
    ]
