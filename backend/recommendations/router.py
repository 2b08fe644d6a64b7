import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.visibility import in_scope
from backend.recommendations import service
from backend.recommendations.models import LearningKind, Recommendation, SourceType
from backend.recommendations.schemas import (
    RecommendationCreate,
    RecommendationPartCreate,
    RecommendationRead,
    RecommendationUpdate,
)

router = APIRouter(prefix="/api/v1/recommendations", tags=["recommendations"], responses=PROBLEM_RESPONSES)
RecommendationInScope = Annotated[Recommendation, in_scope(service.get_recommendation, "recommendation_id",
                                                           P.recommendations_read)]


@router.get("", response_model=Page[RecommendationRead])
def list_recommendations(
    session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
    page: Annotated[PageParams, Depends(page_params)],
    review_id: Annotated[uuid.UUID | None, Query(description="Only this review's (or case mapping's)")] = None,
    rapid_review_id: Annotated[uuid.UUID | None, Query(description="Only this rapid review's")] = None,
    source_type: SourceType | None = None,
    kind: LearningKind | None = None,
    theme_id: Annotated[uuid.UUID | None, Query(description="Tagged with this theme (or a sub-part is)")] = None,
    agency_id: Annotated[uuid.UUID | None, Query(description="Addressed to this agency (or a sub-part is)")] = None,
    made_from: dt.date | None = None,
    made_to: dt.date | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the text or the response")] = None,
) -> Page[RecommendationRead]:
    """Learning outputs the caller may see, whole (sub-parts nested), newest source first, then in the order the
    source lists them: learning points, recommendations, questions, single-agency recommendations, by number."""
    rows, total = paginate(session, service.search(
        principal, review_id=review_id, rapid_review_id=rapid_review_id, source_type=source_type, kind=kind,
        theme_id=theme_id, agency_id=agency_id, made_from=made_from, made_to=made_to, text=q), page)
    return Page(items=[service.as_read(principal, r) for r in rows], total=total, **page.model_dump())


@router.post("", response_model=RecommendationRead, status_code=201, responses=VERSIONED_READ)
def create_recommendation(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_manage)],
                          data: RecommendationCreate, response: Response) -> RecommendationRead:
    """Record a learning point, recommendation, question for the partnership or single-agency recommendation of a
    rapid review, a review (or case mapping exercise) or another source, with its sub-parts (business office)."""
    recommendation = service.create_recommendation(session, principal, data)
    set_etag(response, recommendation)
    return service.as_read(principal, recommendation, with_repeats=True)


@router.get("/{recommendation_id}", response_model=RecommendationRead, responses=VERSIONED_READ)
def read_recommendation(principal: Annotated[Principal, Requires(P.recommendations_read)],
                        recommendation: RecommendationInScope, response: Response) -> RecommendationRead:
    """One recommendation with its sub-parts, themes, the partnership's response and the earlier recommendations
    it repeats. `ETag` is its version, for the next change's `If-Match`."""
    set_etag(response, recommendation)
    return service.as_read(principal, recommendation, with_repeats=True)


@router.patch("/{recommendation_id}", response_model=RecommendationRead, responses=VERSIONED_EDIT)
def update_recommendation(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_manage)],
                          recommendation_id: uuid.UUID, data: RecommendationUpdate, if_match: IfMatch,
                          response: Response) -> RecommendationRead:
    """Correct it, record the partnership's response, tag themes, link the earlier recommendations it repeats
    (business office). Send the `ETag` you read as `If-Match`: without it 428; if it has changed since, 412."""
    recommendation = service.update_recommendation(session, principal, recommendation_id, data, if_match)
    set_etag(response, recommendation)
    return service.as_read(principal, recommendation, with_repeats=True)


@router.post("/{recommendation_id}/parts", response_model=RecommendationRead, status_code=201,
             responses=VERSIONED_READ)
def add_part(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_manage)],
             recommendation_id: uuid.UUID, data: RecommendationPartCreate, response: Response) -> RecommendationRead:
    """Add the next sub-part (3a, 3b, …) to a whole recommendation (business office); answers the whole."""
    recommendation = service.add_part(session, principal, recommendation_id, data)
    set_etag(response, recommendation)
    return service.as_read(principal, recommendation, with_repeats=True)


@router.get("/{recommendation_id}/timeline", response_model=list[TimelineEntry])
def recommendation_timeline(session: DbSession, recommendation: RecommendationInScope) -> list[TimelineEntry]:
    """What happened to this recommendation, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "recommendation", recommendation.id)]
