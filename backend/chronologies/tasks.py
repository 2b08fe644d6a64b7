"""The review's task list rows for the agencies' chronologies (see reviews/tasks.py)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select

from backend.chronologies.models import AgencyChronology
from backend.core.access import Principal
from backend.identity.models import Agency
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, TaskSource, TaskStatus
from backend.submissions.models import AgencySubmission, SubmissionState

STAGE = ReviewStage.agency_submissions
_ORDER = list(ReviewStage)


def submissions_task(review: Review, *, key: str, section: str, things: str,
                     states: Sequence[tuple[str, bool]]) -> ReviewTask:
    """One task row: how many of the agencies asked have submitted (`states`: agency name, submitted)."""
    label = things[0].upper() + things[1:]
    if _ORDER.index(review.stage) < _ORDER.index(STAGE):
        return ReviewTask(stage=STAGE, key=key, label=f"{label} from the agencies", section=section,
                          status=TaskStatus.cannot_start_yet,
                          hint="Asked for once the review reaches the agencies' submissions")
    if not states:
        return ReviewTask(stage=STAGE, key=key, label=f"{label} from the agencies", section=section,
                          status=TaskStatus.not_started, hint=f"Ask the review's agencies for their {things}")
    done = sum(1 for _, submitted in states if submitted)
    waiting = [name for name, submitted in states if not submitted]
    return ReviewTask(
        stage=STAGE, key=key, section=section,
        label=f"{label}: {done} of {len(states)} {'agency' if len(states) == 1 else 'agencies'} submitted",
        status=TaskStatus.completed if not waiting else TaskStatus.in_progress,
        hint=f"Waiting for {', '.join(waiting)}" if waiting else None)


def _records(_principal: Principal | None) -> Select[Any]:
    """Each agency asked for its chronology, by name, and whether it has submitted."""
    return (select(func.row_number().over(order_by=Agency.name).label("position"), Agency.name.label("name"),
                   (AgencySubmission.state == SubmissionState.submitted).label("done"))
            .join(AgencyChronology, AgencyChronology.agency_id == Agency.id)
            .join(AgencySubmission, AgencySubmission.id == AgencyChronology.submission_id)
            .where(AgencyChronology.review_id == Review.id))


def _build(review: Review, found: Found) -> list[ReviewTask]:
    return [submissions_task(review, key="chronologies_submitted", section="chronologies", things="chronologies",
                             states=[(row.name, bool(row.done)) for row in found.records])]


CHRONOLOGY_TASKS = TaskSource("chronologies", _build, records=_records)
