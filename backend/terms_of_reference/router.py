import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch
from backend.core.errors import PROBLEM_RESPONSES
from backend.reviews.nested import UnderReview
from backend.reviews.router import ReviewInScope
from backend.terms_of_reference import service
from backend.terms_of_reference.schemas import (
    AgreementCreate,
    AuthorBriefingCreate,
    ObservationCreate,
    TermsOfReferenceRead,
    TermsOfReferenceVersionCreate,
    TermsOfReferenceVersionRead,
    TermsOfReferenceVersionUpdate,
)

# Every route takes the review first (a review the caller may not see answers 404), then the caller's permission.
router = APIRouter(prefix="/api/v1/reviews/{review_id}/terms-of-reference", tags=["terms of reference"],
                   responses=PROBLEM_RESPONSES)
Reader = Annotated[Principal, Requires(P.reviews_read)]
Writer = Annotated[Principal, Requires(P.terms_of_reference_write)]
VERSIONS = UnderReview(service.get_version, service.version_read)


@router.get("", response_model=TermsOfReferenceRead)
def read_terms_of_reference(session: DbSession, review: ReviewInScope, principal: Reader) -> TermsOfReferenceRead:
    """The review's terms of reference and key lines of enquiry, every version newest first with the scrutineer's
    observations (agencies see agreed versions only), and the authors' briefings."""
    return service.as_read(session, principal, review)


@router.post("/versions", response_model=TermsOfReferenceVersionRead, status_code=201, responses=VERSIONED_CREATE)
def new_version(session: DbSession, review: ReviewInScope, principal: Writer, data: TermsOfReferenceVersionCreate,
                response: Response) -> TermsOfReferenceVersionRead:
    """Start a new draft (lead reviewer, business office), from the latest version unless the body says otherwise;
    409 while a draft is open."""
    return VERSIONS.answer(principal, service.new_version(session, principal, review, data), response)


@router.get("/versions/{version_id}", response_model=TermsOfReferenceVersionRead, responses=VERSIONED_READ)
def read_version(session: DbSession, review: ReviewInScope, principal: Reader, version_id: uuid.UUID,
                 response: Response) -> TermsOfReferenceVersionRead:
    """One version; `ETag` is its version, for the next change's `If-Match`."""
    return VERSIONS.one(session, principal, review, version_id, response)


@router.patch("/versions/{version_id}", response_model=TermsOfReferenceVersionRead, responses=VERSIONED_EDIT)
def update_version(session: DbSession, review: ReviewInScope, principal: Writer, version_id: uuid.UUID,
                   data: TermsOfReferenceVersionUpdate, if_match: IfMatch,
                   response: Response) -> TermsOfReferenceVersionRead:
    """Change a draft, only on the version read (`If-Match`: 428 without, 412 if changed since); an agreed version
    is fixed (409): start a new draft instead."""
    version = service.update_version(session, principal, review, version_id, data, if_match)
    return VERSIONS.answer(principal, version, response)


@router.post("/versions/{version_id}/observations", response_model=TermsOfReferenceVersionRead, status_code=201)
def add_observation(session: DbSession, review: ReviewInScope,
                    principal: Annotated[Principal, Requires(P.terms_of_reference_comment)], version_id: uuid.UUID,
                    data: ObservationCreate) -> TermsOfReferenceVersionRead:
    """The independent scrutineer's observation on a version."""
    return service.version_read(principal, service.add_observation(session, principal, review, version_id, data))


@router.post("/versions/{version_id}/agree", response_model=TermsOfReferenceVersionRead)
def agree_version(session: DbSession, review: ReviewInScope,
                  principal: Annotated[Principal, Requires(P.terms_of_reference_agree)], version_id: uuid.UUID,
                  data: AgreementCreate) -> TermsOfReferenceVersionRead:
    """Record that the review group agreed this draft (the lead reviewer who chairs it, or the business office):
    who recorded it, the day, and the meeting if given. An earlier agreed version is superseded."""
    return service.version_read(principal, service.agree_version(session, principal, review, version_id, data))


@router.post("/author-briefings", response_model=TermsOfReferenceRead, status_code=201)
def schedule_author_briefing(session: DbSession, review: ReviewInScope,
                             principal: Annotated[Principal, Requires(P.events_manage)],
                             data: AuthorBriefingCreate) -> TermsOfReferenceRead:
    """Arrange the authors' briefing on the agreed terms of reference (business office): an invitation-only event
    of kind `author_briefing`, managed on its event page like any other. 409 until the terms are agreed."""
    service.schedule_author_briefing(session, principal, review, data)
    return service.as_read(session, principal, review)
