import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core import clock
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, OptionalIfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.visibility import in_scope
from backend.deadlines import service as deadlines
from backend.deadlines.schemas import DueDate
from backend.reviews import service
from backend.reviews.models import Review
from backend.reviews.schemas import ReviewRead, ReviewStageChange, ReviewUpdate

ReviewInScope = Annotated[Review, in_scope(service.get_review, "review_id", P.reviews_read)]

router = APIRouter(prefix="/api/v1/reviews", tags=["reviews"], responses=PROBLEM_RESPONSES)


def _read(review: Review, due: DueDate | None, principal: Principal) -> ReviewRead:
    return ReviewRead.model_validate(review).model_copy(
        update={"due": due, "allowed_actions": service.allowed_actions(principal, review)})


@router.get("", response_model=Page[ReviewRead])
def list_reviews(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_read)],
    page: Annotated[PageParams, Depends(page_params)],
    source_id: Annotated[uuid.UUID | None, Query(
        description="Only the review opened by this rapid review or referral (case mapping)")] = None,
) -> Page[ReviewRead]:
    """Reviews the caller may see, newest decision first, each with its six-month due date."""
    rows, total = paginate(session, service.list_reviews(principal, source_id=source_id), page)
    due = deadlines.for_subjects(session, service.COMPLETION_DEADLINE, [r.id for r in rows])
    today = clock.today()
    items = [_read(r, DueDate.of(due.get(r.id), today), principal) for r in rows]
    return Page(items=items, total=total, **page.model_dump())


@router.get("/{review_id}", response_model=ReviewRead, responses=VERSIONED_READ)
def read_review(session: DbSession, principal: Annotated[Principal, Requires(P.reviews_read)], review_id: uuid.UUID,
                response: Response) -> ReviewRead:
    """One review with its six-month due date; `ETag` is its version, for the next change's `If-Match`."""
    review = service.get_review(session, principal, review_id)
    set_etag(response, review)
    return _read(review, DueDate.of(deadlines.find(session, service.COMPLETION_DEADLINE, review.id), clock.today()),
                 principal)


@router.patch("/{review_id}", response_model=ReviewRead,
              responses=VERSIONED_EDIT)
def update_review(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_manage)],
    review_id: uuid.UUID, data: ReviewUpdate,
    if_match: IfMatch, response: Response,
) -> ReviewRead:
    """Commission the lead reviewer and set the agencies involved (business office). Send the `ETag` you read
    as `If-Match`: without it 428; if the review has changed since, 412."""
    review = service.update_review(session, principal, review_id, data, if_match)
    set_etag(response, review)
    return _read(review, DueDate.of(deadlines.find(session, service.COMPLETION_DEADLINE, review.id), clock.today()),
                 principal)


@router.post("/{review_id}/stage", response_model=ReviewRead, responses=VERSIONED_READ)
def change_stage(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_manage)], review_id: uuid.UUID,
    data: ReviewStageChange,
    if_match: OptionalIfMatch, response: Response,
) -> ReviewRead:
    """Move the review on to its next stage (business office): commissioning, terms of reference, agency
    submissions, practitioner engagement, overview report, sign-off, publication, published. `allowed_actions`
    on the review names the steps open now; any other answers 409 with the same list. With `If-Match`, only
    on the version read."""
    review = service.change_stage(session, principal, review_id, data, if_match)
    set_etag(response, review)
    return _read(review, DueDate.of(deadlines.find(session, service.COMPLETION_DEADLINE, review.id), clock.today()),
                 principal)


@router.get("/{review_id}/timeline", response_model=list[TimelineEntry])
def review_timeline(session: DbSession, review: ReviewInScope) -> list[TimelineEntry]:
    """What happened to this review, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "review", review.id)]
