import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import Response as FileResponse

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES, Invalid
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.schemas import QueryDate
from backend.core.visibility import in_scope
from backend.rapid_reviews.service import get_rapid_review
from backend.recommendations import response_document, service, similarity
from backend.recommendations.models import LearningKind, Recommendation, SourceType
from backend.recommendations.schemas import (
    RecommendationCreate,
    RecommendationPartCreate,
    RecommendationRead,
    RecommendationUpdate,
    SimilarRecommendation,
)
from backend.reviews.service import get_review

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
    made_from: QueryDate | None = None,
    made_to: QueryDate | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the text or the response")] = None,
) -> Page[RecommendationRead]:
    """Learning outputs the caller may see, whole (sub-parts nested), newest source first, then in the order the
    source lists them: learning points, recommendations, questions, single-agency recommendations, by number."""
    rows, total = paginate(session, service.search(
        principal, review_id=review_id, rapid_review_id=rapid_review_id, source_type=source_type, kind=kind,
        theme_id=theme_id, agency_id=agency_id, made_from=made_from, made_to=made_to, text=q), page)
    return Page(items=[service.as_read(principal, r) for r in rows], total=total, **page.model_dump())


@router.get("/similar", response_model=list[SimilarRecommendation])
def similar_recommendations(
    session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
    text: Annotated[str, Query(max_length=5000, description="The recommendation being written")],
    exclude_id: Annotated[uuid.UUID | None, Query(description="The recommendation itself, when editing it")] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[SimilarRecommendation]:
    """Earlier recommendations (of any source the caller may see) that resemble `text`, best first: candidates to
    link as repeated ("improvements previously identified"). Nothing until the text has three content words."""
    return [SimilarRecommendation(id=r.id, label=r.label, kind=r.kind, text=r.text, made_on=r.made_on, source=source,
                                  score=score)
            for r, source, score in similarity.similar(session, principal, text, exclude_id=exclude_id, limit=limit)]


def _response_document(session: DbSession, principal: Principal, review_id: uuid.UUID | None,
                       rapid_review_id: uuid.UUID | None) -> tuple[response_document.ResponseDocument, str]:
    if (review_id is None) == (rapid_review_id is None):
        raise Invalid("Choose the review or the rapid review whose response you want.",
                      errors=[("query.review_id", "give a review or a rapid review")])
    if review_id is not None:
        review = get_review(session, principal, review_id)
        return response_document.build(session, review.child_reference, review_id=review.id), review.child_reference
    assert rapid_review_id is not None
    rapid_review = get_rapid_review(session, principal, rapid_review_id)
    return (response_document.build(session, rapid_review.child_reference, rapid_review_id=rapid_review.id),
            rapid_review.child_reference)


def _filename(reference: str, extension: str) -> dict[str, str]:
    safe = "".join(c if c.isalnum() else "-" for c in reference).strip("-") or "review"
    return {"Content-Disposition": f'attachment; filename="response-{safe}.{extension}"'}


ReviewIdQuery = Annotated[uuid.UUID | None, Query(description="The review (or case mapping exercise)")]
RapidReviewIdQuery = Annotated[uuid.UUID | None, Query(description="The rapid review")]


@router.get("/response-document.docx", response_class=FileResponse,
            responses={200: {"content": {response_document.DOCX_MEDIA_TYPE: {}},
                             "description": "The partnership's response, as Word"}})
def response_docx(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
                  review_id: ReviewIdQuery = None,
                  rapid_review_id: RapidReviewIdQuery = None,
                  ) -> FileResponse:
    """The partnership's response to a review's or rapid review's recommendations (each with its sub-parts, the
    response narrative and the agencies' actions with their evidence of impact), generated from the records."""
    document, reference = _response_document(session, principal, review_id, rapid_review_id)
    return FileResponse(response_document.to_docx(document), media_type=response_document.DOCX_MEDIA_TYPE,
                        headers=_filename(reference, "docx"))


@router.get("/response-document.pdf", response_class=FileResponse,
            responses={200: {"content": {response_document.PDF_MEDIA_TYPE: {}},
                             "description": "The partnership's response, as PDF"}})
def response_pdf(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
                 review_id: ReviewIdQuery = None,
                 rapid_review_id: RapidReviewIdQuery = None,
                 ) -> FileResponse:
    """The same response document as PDF."""
    document, reference = _response_document(session, principal, review_id, rapid_review_id)
    return FileResponse(response_document.to_pdf(document), media_type=response_document.PDF_MEDIA_TYPE,
                        headers=_filename(reference, "pdf"))


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
