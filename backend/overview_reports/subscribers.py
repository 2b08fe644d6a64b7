"""A review that passes six months unpublished must be reported to the National Panel: the deadline for telling
it opens with the review (due on the six-month date) and is met by publication or by recording that it was told."""

from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.core.domain_events import subscribe
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.reviews.events import ReviewOpened, ReviewPublished

DELAY_NOTICE = DeadlineKind.panel_delay_notice


def on_review_opened(session: Session, event: ReviewOpened) -> None:
    if deadlines.find(session, DELAY_NOTICE, event.subject_id) is not None:
        return
    deadlines.open_deadline(
        session, kind=DELAY_NOTICE, subject_type=SubjectType.review, subject_id=event.subject_id,
        due_date=event.due_date, case_id=event.case_id, link=f"/reviews/{event.subject_id}/publication",
        title=f"Tell the National Panel if the review of {deadlines.CHILD} is not complete within six months",
        owner_role=Role.business_office)


def on_review_published(session: Session, event: ReviewPublished) -> None:
    deadlines.meet(session, DELAY_NOTICE, event.subject_id)


def register() -> None:
    subscribe(ReviewOpened, on_review_opened)
    subscribe(ReviewPublished, on_review_published)
