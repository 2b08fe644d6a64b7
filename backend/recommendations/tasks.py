"""The learning tracker's part of a review's task list: its learning recorded, the partnership's response written,
and an agency action set for each recommendation (backend/reviews/tasks.py; the review page's `learning` section)."""

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from backend.actions.models import AgencyAction
from backend.recommendations.models import LearningKind, Recommendation
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

SECTION = "learning"
_STAGES = list(ReviewStage)
# Learning that asks for something to be done (a learning point or a question is answered by the response alone).
ACTIONABLE = frozenset({LearningKind.recommendation, LearningKind.single_agency_recommendation})


def _summary(_review: Review) -> Summary:
    """The learning recorded (top-level outputs); of what must be answered (an actionable output, or each of its
    sub-parts when it has them), how many have a response and how many an agency action."""
    top, part = aliased(Recommendation), aliased(Recommendation)
    # Two levels down: correlated to the review by name (auto-correlation looks one level up only).
    actionable_tops = select(top.id).where(top.review_id == Review.id, top.parent_id.is_(None),
                                           top.kind.in_(ACTIONABLE)).correlate(Review)
    answerable = select(func.count()).select_from(Recommendation).where(or_(
        and_(Recommendation.id.in_(actionable_tops), ~exists().where(part.parent_id == Recommendation.id)),
        Recommendation.parent_id.in_(actionable_tops)))
    return {
        "recorded": select(func.count()).select_from(top).where(top.review_id == Review.id, top.parent_id.is_(None))
        .scalar_subquery(),
        "answerable": answerable.scalar_subquery(),
        "responded": answerable.where(func.trim(Recommendation.response) != "").scalar_subquery(),
        "acted": answerable.where(exists().where(AgencyAction.recommendation_id == Recommendation.id))
        .scalar_subquery(),
    }


def _build(review: Review, found: Found) -> list[ReviewTask]:
    reached = _STAGES.index(review.stage) >= _STAGES.index(ReviewStage.overview_report)
    recorded, answerable, responded, acted = (found.values[name] for name in (
        "recorded", "answerable", "responded", "acted"))

    def status(done: int, of: int) -> TaskStatus:
        if of == 0:
            return TaskStatus.cannot_start_yet
        return TaskStatus.completed if done == of else TaskStatus.in_progress if done else TaskStatus.not_started

    return [
        ReviewTask(stage=ReviewStage.overview_report, key="learning_recorded",
                   label="Record the review’s learning and recommendations",
                   status=(TaskStatus.completed if recorded else TaskStatus.not_started if reached
                           else TaskStatus.cannot_start_yet),
                   hint=f"{recorded} recorded" if recorded else None, section=SECTION),
        ReviewTask(stage=ReviewStage.publication, key="response_written",
                   label="Write the partnership’s response to each recommendation",
                   status=status(responded, answerable),
                   hint=f"{responded} of {answerable} answered" if answerable else None, section=SECTION),
        ReviewTask(stage=ReviewStage.publication, key="actions_set",
                   label="Set an agency action for each recommendation", status=status(acted, answerable),
                   hint=f"{acted} of {answerable} have actions" if answerable else None, section=SECTION),
    ]


LEARNING_TASKS = TaskSource("learning", _build, _summary)
