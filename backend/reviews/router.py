import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, VERSIONED_STEP, IfMatch, OptionalIfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params
from backend.core.responses import serialised
from backend.core.visibility import in_scope
from backend.reviews import commissioning, service, timescales
from backend.reviews.models import Review
from backend.reviews.schemas import (
    CommissioningRead,
    DelayCreate,
    PanelTold,
    ReviewRead,
    ReviewStageChange,
    ReviewUpdate,
    TimescalesRead,
)

ReviewInScope = Annotated[Review, in_scope(service.get_review, "review_id", P.reviews_read)]

router = APIRouter(prefix="/api/v1/reviews", tags=["reviews"], responses=PROBLEM_RESPONSES)
# Routes under /{review_id} take the review first, so one the caller may not see answers 404 before their
# permission to change it is checked (403).


@router.get("", response_model=Page[ReviewRead])
def list_reviews(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_read)],
    page: Annotated[PageParams, Depends(page_params)],
    source_id: Annotated[uuid.UUID | None, Query(
        description="Only the review opened by this rapid review or referral (case mapping)")] = None,
) -> Page[ReviewRead]:
    """Reviews the caller may see, newest decision first, each with its six-month due date."""
    items, total = service.read_page(session, principal, page, source_id=source_id)
    return Page(items=items, total=total, **page.model_dump())


@router.get("/{review_id}", response_model=ReviewRead, responses=VERSIONED_READ)
def read_review(session: DbSession, principal: Annotated[Principal, Requires(P.reviews_read)],
                review_id: uuid.UUID) -> Response:
    """One review with its six-month due date and its task list (what is done and outstanding at each stage);
    `ETag` is its version, for the next change's `If-Match`."""
    review = service.get_review(session, principal, review_id, whole=True)
    answer = serialised(service.as_read(session, principal, review))
    set_etag(answer, review)
    return answer


@router.patch("/{review_id}", response_model=ReviewRead,
              responses=VERSIONED_EDIT)
def update_review(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_manage)],
    review_id: uuid.UUID, data: ReviewUpdate,
    if_match: IfMatch, response: Response,
) -> ReviewRead:
    """Appoint the lead reviewer and set the agencies involved (business office). Send the `ETag` you read
    as `If-Match`: without it 428; if the review has changed since, 412. The lead reviewer appointed sees this
    review (and only the reviews they are appointed to) from then on."""
    review = service.update_review(session, principal, review_id, data, if_match)
    set_etag(response, review)
    return service.as_read(session, principal, review)


@router.post("/{review_id}/stage", response_model=ReviewRead, responses=VERSIONED_STEP)
def change_stage(
    session: DbSession, principal: Annotated[Principal, Requires(P.reviews_manage)], review_id: uuid.UUID,
    data: ReviewStageChange,
    if_match: OptionalIfMatch, response: Response,
) -> ReviewRead:
    """Move the review on to its next stage (business office): commissioning, terms of reference, agency
    submissions, practitioner engagement, overview report, sign-off, publication, published. `allowed_actions`
    on the review names the steps open now; any other answers 409 with the same list and, in `detail`, everything
    that must be done first (e.g. the terms of reference agreed). With `If-Match`, only on the version read."""
    review = service.change_stage(session, principal, review_id, data, if_match)
    set_etag(response, review)
    return service.as_read(session, principal, review)


@router.get("/{review_id}/timeline", response_model=list[TimelineEntry])
def review_timeline(session: DbSession, review: ReviewInScope) -> list[TimelineEntry]:
    """What happened to this review, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "review", review.id)]


@router.get("/{review_id}/commissioning", response_model=CommissioningRead)
def read_commissioning(review: ReviewInScope,
                       principal: Annotated[Principal, Requires(P.reviews_read)]) -> CommissioningRead:
    """Who leads the review, and when the National Panel, Ofsted and the Department for Education were told."""
    return commissioning.as_read(principal, review)


@router.post("/{review_id}/commissioning/notices", response_model=CommissioningRead, status_code=201)
def send_commissioning_notices(session: DbSession, review: ReviewInScope,
                               principal: Annotated[Principal, Requires(P.reviews_manage)]) -> CommissioningRead:
    """Tell each national body not yet told (business office): an e-mail through the outbox saying the review was
    commissioned and who leads it, with the anonymised reference only; the day is recorded. 409 without a lead
    reviewer, or when all have been told about the lead reviewer appointed now."""
    commissioning.send_notices(session, principal, review)
    return commissioning.as_read(principal, review)


@router.get("/{review_id}/timescales", response_model=TimescalesRead)
def read_timescales(review: ReviewInScope, principal: Annotated[Principal, Requires(P.reviews_read)]) -> TimescalesRead:
    """Due six calendar months after the decision; the delays recorded; whether the National Panel must be told."""
    return timescales.as_read(principal, review)


@router.post("/{review_id}/delays", response_model=TimescalesRead, status_code=201)
def record_delay(session: DbSession, review: ReviewInScope,
                 principal: Annotated[Principal, Requires(P.reviews_manage)], data: DelayCreate) -> TimescalesRead:
    """Record a delay with its reason and the new expected completion (business office). Past the six months, the
    National Panel must be told: a deadline in the registry chases it until the day told is recorded."""
    timescales.record_delay(session, principal, review, data)
    return timescales.as_read(principal, review)


@router.post("/{review_id}/delays/{delay_id}/panel-told", response_model=TimescalesRead)
def record_panel_told(session: DbSession, review: ReviewInScope,
                      principal: Annotated[Principal, Requires(P.reviews_manage)], delay_id: uuid.UUID,
                      data: PanelTold) -> TimescalesRead:
    """Record the day the National Panel was told of a delay past the six months (business office)."""
    timescales.record_panel_told(session, principal, review, delay_id, data)
    return timescales.as_read(principal, review)
