"""The learning tracker's part of a review's task list: its learning recorded, the partnership's response written,
and an agency action set for each recommendation (backend/reviews/tasks.py; the review page's `learning` section)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.actions.models import AgencyAction
from backend.recommendations.models import LearningKind
from backend.recommendations.service import recommendations_of
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus

SECTION = "learning"
_STAGES = list(ReviewStage)
# Learning that asks for something to be done (a learning point or a question is answered by the response alone).
ACTIONABLE = frozenset({LearningKind.recommendation, LearningKind.single_agency_recommendation})


def learning_tasks(session: Session, review: Review) -> list[ReviewTask]:
    reached = _STAGES.index(review.stage) >= _STAGES.index(ReviewStage.overview_report)
    whole = recommendations_of(session, review_id=review.id)
    answerable = [r for top in whole if top.kind in ACTIONABLE for r in (top.parts or [top])]
    responded = [r for r in answerable if r.response.strip()]
    ids = [r.id for r in answerable]
    acted = set(session.scalars(select(AgencyAction.recommendation_id).where(
        AgencyAction.recommendation_id.in_(ids)).group_by(AgencyAction.recommendation_id).having(
        func.count() > 0))) if ids else set()

    def status(done: int, of: int) -> TaskStatus:
        if of == 0:
            return TaskStatus.cannot_start_yet
        return TaskStatus.completed if done == of else TaskStatus.in_progress if done else TaskStatus.not_started

    recorded = (TaskStatus.completed if whole else TaskStatus.not_started if reached
                else TaskStatus.cannot_start_yet)
    return [
        ReviewTask(stage=ReviewStage.overview_report, key="learning_recorded",
                   label="Record the review’s learning and recommendations", status=recorded,
                   hint=f"{len(whole)} recorded" if whole else None, section=SECTION),
        ReviewTask(stage=ReviewStage.publication, key="response_written",
                   label="Write the partnership’s response to each recommendation",
                   status=status(len(responded), len(answerable)),
                   hint=f"{len(responded)} of {len(answerable)} answered" if answerable else None, section=SECTION),
        ReviewTask(stage=ReviewStage.publication, key="actions_set",
                   label="Set an agency action for each recommendation", status=status(len(acted), len(answerable)),
                   hint=f"{len(acted)} of {len(answerable)} have actions" if answerable else None, section=SECTION),
    ]
