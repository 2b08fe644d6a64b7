"""The review's task list: what is done and what is outstanding at each stage (the GOV.UK task list pattern).

Each stage 2 domain (terms of reference, chronologies, analysis reports, family engagement, the overview
report...) says what its part of a review's work looks like through a `TaskSource`, registered once in
`backend/wiring.py`; the review read gathers them, so the review page needs no knowledge of each domain.
"""

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, Field, PrivateAttr
from sqlalchemy.orm import Session

from backend.core.access import Principal
from backend.reviews.models import Review, ReviewStage


class TaskStatus(StrEnum):
    """The GOV.UK task list's statuses."""

    completed = "completed"
    in_progress = "in_progress"
    not_started = "not_started"
    cannot_start_yet = "cannot_start_yet"


class ReviewTask(BaseModel):
    stage: ReviewStage
    key: str = Field(description="Stable name of the task, e.g. `terms_of_reference_agreed`")
    label: str = Field(description="What is to be done, for people: “Agree the terms of reference”")
    status: TaskStatus
    hint: str | None = Field(None, description="What is outstanding, or what was done and when")
    section: str = Field(description="The review page's section where it is done (`/reviews/{id}/{section}`)")
    # A task about a record not everyone reading the review may see (another agency's parallel process): who sees
    # it, by that record's own rule. Never in the API's answer.
    _seen_by: Callable[[Principal], bool] | None = PrivateAttr(None)

    def only_for(self, seen_by: Callable[[Principal], bool]) -> "ReviewTask":
        self._seen_by = seen_by
        return self

    def seen_by(self, principal: Principal | None) -> bool:
        return principal is None or self._seen_by is None or self._seen_by(principal)


TaskSource = Callable[[Session, Review], list[ReviewTask]]

_SOURCES: list[TaskSource] = []


def register(source: TaskSource) -> None:
    """Idempotent: registering the same source twice is a no-op."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def tasks_for(session: Session, review: Review, principal: Principal | None = None) -> list[ReviewTask]:
    """Every registered domain's tasks for `review`, in the order of the review's stages; for `principal`, only
    those about records it may see (a record hidden from it is not named in its task list either)."""
    order = {stage: index for index, stage in enumerate(ReviewStage)}
    found = [task for source in _SOURCES for task in source(session, review) if task.seen_by(principal)]
    return sorted(found, key=lambda task: order[task.stage])  # stable: each source's own order kept
