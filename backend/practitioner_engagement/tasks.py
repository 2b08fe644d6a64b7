"""The review's task list for practitioner engagement (section `practitioners`): the practitioner event, and the
one-to-one discussions offered to those who cannot attend."""

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from backend.core import clock
from backend.core.access import Principal
from backend.events.models import Event, EventKind, EventStatus, local_instant
from backend.practitioner_engagement.models import OneToOne, OneToOneState
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

STAGE = ReviewStage.practitioner_engagement
SECTION = "practitioners"
_ORDER = list(ReviewStage)


def _not_yet(review: Review) -> bool:
    return _ORDER.index(review.stage) < _ORDER.index(STAGE)


def _summary(_review: Review) -> Summary:
    def counted(*state: OneToOneState) -> ColumnElement[int]:
        return select(func.count()).where(OneToOne.review_id == Review.id, OneToOne.state.in_(state)) \
            .scalar_subquery()
    return {"one_to_ones": counted(*OneToOneState), **{state.value: counted(state) for state in OneToOneState}}


def _records(_principal: Principal | None) -> Select[Any]:
    """The practitioner events arranged, in order: their day, and when and where (time zone) they end."""
    return select(func.row_number().over(order_by=(Event.date, Event.start_time)).label("position"),
                  Event.date.label("on"), Event.end_time.label("time"), Event.timezone.label("text")).where(
        Event.review_id == Review.id, Event.kind == EventKind.practitioner_learning_event,
        Event.status == EventStatus.scheduled)


def _build(review: Review, found: Found) -> list[ReviewTask]:
    events = found.records
    now = clock.now()
    held = [e for e in events if local_instant(e.on, e.time, e.text) <= now]
    if held:
        event = (TaskStatus.completed, f"Held on {held[-1].on:%-d %B %Y}")
    elif events:
        event = (TaskStatus.in_progress, f"Arranged for {events[0].on:%-d %B %Y}")
    else:
        event = (TaskStatus.cannot_start_yet if _not_yet(review) else TaskStatus.not_started,
                 "No practitioner event arranged yet")
    offered, total = found.values[OneToOneState.offered.value], found.values["one_to_ones"]
    if not total:
        one_to_ones = (TaskStatus.cannot_start_yet if _not_yet(review) else TaskStatus.not_started,
                       "None offered yet")
    elif offered:
        one_to_ones = (TaskStatus.in_progress, f"{offered} of {total} still to be held or declined")
    else:
        one_to_ones = (TaskStatus.completed, f"{found.values[OneToOneState.held.value]} held, "
                                             f"{found.values[OneToOneState.declined.value]} declined")
    return [
        ReviewTask(stage=STAGE, key="practitioner_event_held", label="Hold the practitioner event",
                   status=event[0], hint=event[1], section=SECTION),
        ReviewTask(stage=STAGE, key="one_to_ones_recorded",
                   label="Offer one-to-one discussions to practitioners who cannot attend",
                   status=one_to_ones[0], hint=one_to_ones[1], section=SECTION),
    ]


PRACTITIONER_TASKS = TaskSource("practitioner_engagement", _build, _summary, _records)
