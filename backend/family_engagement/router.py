import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.family_engagement import service
from backend.family_engagement.schemas import (
    FamilyContactCreate,
    FamilyContactRead,
    FamilyContactUpdate,
    FamilyLog,
    FamilyMemberCreate,
    FamilyMemberRead,
    FamilyMemberUpdate,
    FamilyRelationshipCreate,
    FamilyRelationshipRead,
    Genogram,
)
from backend.reviews.models import Review
from backend.reviews.router import ReviewInScope

router = APIRouter(prefix="/api/v1/reviews/{review_id}/family", tags=["family engagement"],
                   responses=PROBLEM_RESPONSES)


def _family_review(session: DbSession, review: ReviewInScope, principal: CurrentPrincipal) -> Review:
    return service.review_for_family(session, principal, review)


# The review through its own scoped getter, then the family's rule: agencies, the scrutineer and a lead reviewer of
# another review get 404 before any permission is checked.
FamilyOfReview = Annotated[Review, Depends(_family_review)]
Manager = Annotated[Principal, Requires(P.family_manage)]


@router.get("", response_model=FamilyLog)
def read_family_log(session: DbSession, review: FamilyOfReview, principal: CurrentPrincipal) -> FamilyLog:
    """The family engagement log, oldest first: the initial letter and who delivered it, consent to access medical
    records, the mid-process letter, the offer to hear the findings before publication and contacts with the lead
    reviewer (business office, safeguarding partners and the review's lead reviewer; agencies never)."""
    return service.log(session, principal, review)


@router.post("/contacts", response_model=FamilyContactRead, status_code=201, responses=VERSIONED_READ)
def record_family_contact(session: DbSession, review: FamilyOfReview, principal: Manager,
                          data: FamilyContactCreate, response: Response) -> FamilyContactRead:
    """Add a dated entry to the log (`record_contact`; business office or the review's lead reviewer)."""
    contact = service.record_contact(session, principal, review, data)
    set_etag(response, contact)
    return service.contact_read(principal, contact)


@router.get("/contacts/{contact_id}", response_model=FamilyContactRead, responses=VERSIONED_READ)
def read_family_contact(session: DbSession, review: FamilyOfReview, principal: CurrentPrincipal,
                        contact_id: uuid.UUID, response: Response) -> FamilyContactRead:
    """One entry of the log; `ETag` is its version, for the next change's `If-Match`."""
    contact = service.get_contact(session, principal, review, contact_id)
    set_etag(response, contact)
    return service.contact_read(principal, contact)


@router.patch("/contacts/{contact_id}", response_model=FamilyContactRead, responses=VERSIONED_EDIT)
def update_family_contact(session: DbSession, review: FamilyOfReview, principal: Manager, contact_id: uuid.UUID,
                          data: FamilyContactUpdate, if_match: IfMatch, response: Response) -> FamilyContactRead:
    """Correct an entry, or add the family's answer to the offer of the findings (`edit`). Send the `ETag` you read
    as `If-Match`: without it 428; if it has changed since, 412."""
    contact = service.get_contact(session, principal, review, contact_id)
    contact = service.update_contact(session, principal, contact, data, if_match)
    set_etag(response, contact)
    return service.contact_read(principal, contact)


@router.get("/genogram", response_model=Genogram)
def read_genogram(session: DbSession, review: FamilyOfReview, principal: CurrentPrincipal) -> Genogram:
    """The genogram: the family's members (name, relationship to the child, date of birth, address, household) and
    the relationships between them. It identifies the family: every read is audited."""
    return service.genogram(session, principal, review)


@router.post("/members", response_model=FamilyMemberRead, status_code=201, responses=VERSIONED_READ)
def add_family_member(session: DbSession, review: FamilyOfReview, principal: Manager, data: FamilyMemberCreate,
                      response: Response) -> FamilyMemberRead:
    """Add a person to the genogram (`add_member`)."""
    member = service.add_member(session, principal, review, data)
    set_etag(response, member)
    return service.member_read(principal, member)


@router.get("/members/{member_id}", response_model=FamilyMemberRead, responses=VERSIONED_READ)
def read_family_member(session: DbSession, review: FamilyOfReview, principal: CurrentPrincipal,
                       member_id: uuid.UUID, response: Response) -> FamilyMemberRead:
    """One person of the genogram; `ETag` is its version. Audited as a read of identifying details."""
    member = service.get_member(session, principal, review, member_id)
    service.audit_member_read(session, principal, review, member)
    set_etag(response, member)
    return service.member_read(principal, member)


@router.patch("/members/{member_id}", response_model=FamilyMemberRead, responses=VERSIONED_EDIT)
def update_family_member(session: DbSession, review: FamilyOfReview, principal: Manager, member_id: uuid.UUID,
                         data: FamilyMemberUpdate, if_match: IfMatch, response: Response) -> FamilyMemberRead:
    """Correct a person's details (`edit`). Send the `ETag` you read as `If-Match`: without it 428; if it has
    changed since, 412."""
    member = service.get_member(session, principal, review, member_id)
    member = service.update_member(session, principal, member, data, if_match)
    set_etag(response, member)
    return service.member_read(principal, member)


@router.delete("/members/{member_id}", status_code=204)
def remove_family_member(session: DbSession, review: FamilyOfReview, principal: Manager,
                         member_id: uuid.UUID) -> Response:
    """Take a person out of the genogram (`remove`), with their relationships."""
    service.remove_member(session, principal, service.get_member(session, principal, review, member_id))
    return Response(status_code=204)


@router.post("/relationships", response_model=FamilyRelationshipRead, status_code=201)
def add_family_relationship(session: DbSession, review: FamilyOfReview, principal: Manager,
                            data: FamilyRelationshipCreate) -> FamilyRelationshipRead:
    """Draw a relationship between two people of the genogram (`add_relationship`): the first is the `kind` of the
    second."""
    return service.relationship_read(principal, service.add_relationship(session, principal, review, data))


@router.delete("/relationships/{relationship_id}", status_code=204)
def remove_family_relationship(session: DbSession, review: FamilyOfReview, principal: Manager,
                               relationship_id: uuid.UUID) -> Response:
    """Take a relationship out of the genogram (`remove`)."""
    service.remove_relationship(session, principal, review, relationship_id)
    return Response(status_code=204)
