"""The review's task list rows for the agencies' chronologies (see reviews/tasks.py)."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.chronologies.models import AgencyChronology
from backend.identity.models import Agency
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus
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


def chronology_tasks(session: Session, review: Review) -> list[ReviewTask]:
    rows = session.execute(
        select(Agency.name, AgencySubmission.state == SubmissionState.submitted)
        .join(AgencyChronology, AgencyChronology.agency_id == Agency.id)
        .join(AgencySubmission, AgencySubmission.id == AgencyChronology.submission_id)
        .where(AgencyChronology.review_id == review.id).order_by(Agency.name))
    return [submissions_task(review, key="chronologies_submitted", section="chronologies", things="chronologies",
                             states=[(name, bool(submitted)) for name, submitted in rows])]
