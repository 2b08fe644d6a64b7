import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch
from backend.core.errors import PROBLEM_RESPONSES
from backend.practitioner_engagement import service
from backend.practitioner_engagement.policy import ONE_TO_ONE
from backend.practitioner_engagement.schemas import (
    OneToOneCreate,
    OneToOneDeclined,
    OneToOneHeld,
    OneToOneRead,
    OneToOneUpdate,
)
from backend.reviews.nested import UnderReview
from backend.reviews.router import ReviewInScope

router = APIRouter(prefix="/api/v1/reviews/{review_id}/one-to-ones", tags=["practitioner engagement"],
                   responses=PROBLEM_RESPONSES)
Reader = Annotated[Principal, Requires(P.events_read)]
Manager = Annotated[Principal, Requires(ONE_TO_ONE.steps["edit"].permission)]


ONE_TO_ONES = UnderReview(service.get_one_to_one, service.as_read)


@router.get("", response_model=list[OneToOneRead])
def list_one_to_ones(session: DbSession, review: ReviewInScope, principal: Reader) -> list[OneToOneRead]:
    """The one-to-one discussions offered to practitioners who cannot attend the practitioner event, oldest offer
    first (an agency sees its own practitioners' only)."""
    return [service.as_read(principal, r) for r in session.scalars(service.list_one_to_ones(principal, review))]


@router.post("", response_model=OneToOneRead, status_code=201, responses=VERSIONED_READ)
def offer_one_to_one(session: DbSession, review: ReviewInScope, principal: Manager, data: OneToOneCreate,
                     response: Response) -> OneToOneRead:
    """Record a one-to-one discussion offered to a practitioner (business office, or the review's lead reviewer)."""
    return ONE_TO_ONES.answer(principal, service.create(session, principal, review, data), response)


@router.get("/{one_to_one_id}", response_model=OneToOneRead, responses=VERSIONED_READ)
def read_one_to_one(session: DbSession, review: ReviewInScope, principal: Reader, one_to_one_id: uuid.UUID,
                    response: Response) -> OneToOneRead:
    """One one-to-one discussion; `ETag` is its version, for the next change's `If-Match`."""
    return ONE_TO_ONES.one(session, principal, review, one_to_one_id, response)


@router.patch("/{one_to_one_id}", response_model=OneToOneRead, responses=VERSIONED_EDIT)
def update_one_to_one(session: DbSession, review: ReviewInScope, principal: Manager, one_to_one_id: uuid.UUID,
                      data: OneToOneUpdate, if_match: IfMatch, response: Response) -> OneToOneRead:
    """Correct an offered one-to-one (`edit`). Send the `ETag` you read as `If-Match`: without it 428; if it has
    changed since, 412."""
    record = ONE_TO_ONES.find(session, principal, review, one_to_one_id)
    return ONE_TO_ONES.answer(principal, service.update(session, principal, record, data, if_match), response)


@router.post("/{one_to_one_id}/held", response_model=OneToOneRead, responses=VERSIONED_READ)
def record_held(session: DbSession, review: ReviewInScope, principal: Manager, one_to_one_id: uuid.UUID,
                data: OneToOneHeld, response: Response) -> OneToOneRead:
    """Record that the discussion was held, when and by whom (`record_held`)."""
    record = ONE_TO_ONES.find(session, principal, review, one_to_one_id)
    return ONE_TO_ONES.answer(principal, service.record_held(session, principal, record, data), response)


@router.post("/{one_to_one_id}/declined", response_model=OneToOneRead, responses=VERSIONED_READ)
def record_declined(session: DbSession, review: ReviewInScope, principal: Manager, one_to_one_id: uuid.UUID,
                    data: OneToOneDeclined, response: Response) -> OneToOneRead:
    """Record that the practitioner declined the discussion (`record_declined`)."""
    record = ONE_TO_ONES.find(session, principal, review, one_to_one_id)
    return ONE_TO_ONES.answer(principal, service.record_declined(session, principal, record, data), response)
