import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from backend.cases import access, service
from backend.cases.models import Case
from backend.cases.schemas import (
    CaseAccessRead,
    CaseIdentifyingDetails,
    CaseInformationRequest,
    CaseNotification,
    CaseRapidReview,
    CaseRead,
    CaseReferral,
    CaseReview,
    CaseSummary,
    CaseUpdate,
)
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/api/v1/cases", tags=["cases"], responses=PROBLEM_RESPONSES)
Paging = Annotated[PageParams, Depends(page_params)]


def present(session: Session, principal: Principal, case: Case, response: Response) -> CaseRead:
    """The case with the stages the caller may see; `ETag` is its version, for a rename's `If-Match`."""
    set_etag(response, case)
    found = service.stages(session, principal, case)
    return CaseRead(
        **CaseSummary.model_validate(case).model_dump(),
        notifications=[CaseNotification.model_validate(n) for n in found.notifications],
        referrals=[CaseReferral.model_validate(r) for r in found.referrals],
        rapid_reviews=[CaseRapidReview.model_validate(r) for r in found.rapid_reviews],
        information_requests=[CaseInformationRequest.model_validate(r) for r in found.information_requests],
        reviews=[CaseReview.model_validate(r) for r in found.reviews],
    )


@router.get("", response_model=Page[CaseSummary])
def list_cases(session: DbSession, principal: Annotated[Principal, Requires(P.cases_read)], page: Paging,
               reference: Annotated[str | None, Query(max_length=200,
                                                    description="Only cases whose reference contains this")] = None,
               ) -> Page[CaseSummary]:
    """Every child's case by its reference, newest first (business office)."""
    rows, total = paginate(session, service.search(principal, reference=reference), page)
    return Page(items=[CaseSummary.model_validate(c) for c in rows], total=total, **page.model_dump())


@router.get("/{case_id}", response_model=CaseRead, responses=VERSIONED_READ)
def read_case(session: DbSession, principal: CurrentPrincipal, case_id: uuid.UUID, response: Response) -> CaseRead:
    """One child's case: its reference and the notifications, referrals, rapid review, information requests and
    review that hang off it, each with its id and state. Anyone who may see at least one of its records sees the
    case, with only the records they may see; for anyone else it does not exist (404)."""
    return present(session, principal, service.get_case(session, principal, case_id), response)


@router.patch("/{case_id}", response_model=CaseRead, responses=VERSIONED_EDIT)
def update_case(session: DbSession, principal: Annotated[Principal, Requires(P.cases_manage)], case_id: uuid.UUID,
                data: CaseUpdate, if_match: IfMatch, response: Response) -> CaseRead:
    """Rename the case (business office): every stage, deadline and e-mail shows the new reference at once.
    A reference another case holds is refused (409). Send the `ETag` you read as `If-Match`: without it 428;
    if the case has been renamed since, 412."""
    case = service.update_case(session, principal, case_id, data.reference, if_match)
    return present(session, principal, case, response)


@router.get("/{case_id}/identifying-details", response_model=CaseIdentifyingDetails)
def read_identifying_details(session: DbSession, principal: CurrentPrincipal,
                             case_id: uuid.UUID) -> CaseIdentifyingDetails:
    """Which names, dates of birth, addresses, schools and other details identify this child and family,
    gathered from every record of the case, each saying where it came from.

    Special category data: for the business office and safeguarding partners; for the agency that referred or
    notified (what it gave itself); for an agency asked for information, what it needs to find the child in
    its own records (the child's name, date of birth and address, the family members' names). Anyone else
    who may see the case gets 403. Every read is audited."""
    case, details = service.identifying_details(session, principal, case_id)
    return CaseIdentifyingDetails(case_id=case.id, reference=case.reference, details=details)


@router.get("/{case_id}/access-log", response_model=Page[CaseAccessRead])
def read_access_log(session: DbSession, principal: Annotated[Principal, Requires(P.cases_read)], case_id: uuid.UUID,
                    page: Paging) -> Page[CaseAccessRead]:
    """Who has looked at this child's records: one row per request that read any of them (the record, its
    timeline, a step taken on it, the case itself), newest first (business office)."""
    case = service.get_case(session, principal, case_id)
    rows, total = paginate(session, access.access_log(case.id), page)
    items = [CaseAccessRead.model_validate(row) for row in rows]
    return Page(items=items, total=total, **page.model_dump())
