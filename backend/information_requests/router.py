import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response, status
from sqlalchemy import Select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, VERSIONED_STEP, IfMatch, OptionalIfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, page_response, paginate
from backend.core.visibility import in_scope
from backend.deadlines import service as deadlines
from backend.information_requests import service
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.information_requests.policy import STEPS
from backend.information_requests.schemas import (
    InformationRequestCreate,
    InformationRequestDueDate,
    InformationRequestRead,
    InformationRequestReturn,
    InformationResponse,
    InformationResponseRevision,
)
from backend.rapid_reviews.models import RapidReview
from backend.rapid_reviews.router import RapidReviewInScope
from backend.rapid_reviews.service import get_rapid_review
from backend.submissions.policy import SubmissionStep

router = APIRouter(prefix="/api/v1", tags=["information requests"], responses=PROBLEM_RESPONSES)
Paging = Annotated[PageParams, Depends(page_params)]
Overdue = Annotated[bool | None, Query(description="Open requests past their 7 working days")]
# An agency's integration client reads its requests without the rapid review read permission.
RapidReviewOfRequests = Annotated[RapidReview, in_scope(get_rapid_review, "rapid_review_id",
                                                        P.information_requests_read)]
# Who may take each step, as the submission's workflow table says (the respond and return permissions).
Drafter = Annotated[Principal, Requires(STEPS.steps[SubmissionStep.save_draft].permission)]
Submitter = Annotated[Principal, Requires(STEPS.steps[SubmissionStep.submit].permission)]
Returner = Annotated[Principal, Requires(STEPS.steps[SubmissionStep.return_for_more].permission)]
RequestInScope = Annotated[InformationRequest,
                           in_scope(service.get_request, "request_id", P.information_requests_read)]


def _page(session: Session, principal: Principal, stmt: Select[InformationRequest],
          page: PageParams) -> Response:
    rows, total = paginate(session, stmt, page)
    due = deadlines.for_subjects(session, service.DEADLINE, [r.id for r in rows])
    return page_response(InformationRequestRead, [service.to_read(principal, r, due.get(r.id)) for r in rows], total,
                         page)


def _one(session: Session, principal: Principal, request: InformationRequest,
         response: Response | None = None) -> InformationRequestRead:
    if response is not None:
        set_etag(response, request.submission)  # every change to a request is a step of the agency's submission
    return service.to_read(principal, request, deadlines.find(session, service.DEADLINE, request.id))


@router.post("/rapid-reviews/{rapid_review_id}/information-requests", response_model=list[InformationRequestRead],
             status_code=status.HTTP_201_CREATED)
def send_information_requests(session: DbSession, principal: Annotated[Principal, Requires(P.rapid_reviews_manage)],
                              rapid_review: RapidReviewInScope, data: InformationRequestCreate
                              ) -> list[InformationRequestRead]:
    """Send the Additional Information request to each named agency (business office): due in 7 working days.
    Agencies not yet involved in the rapid review are added to it."""
    requests = service.create_requests(session, principal, rapid_review, data)
    return [_one(session, principal, r) for r in requests]


@router.get("/rapid-reviews/{rapid_review_id}/information-requests", response_model=Page[InformationRequestRead])
def list_rapid_review_information_requests(
    session: DbSession, principal: Annotated[Principal, Requires(P.information_requests_read)],
    rapid_review: RapidReviewOfRequests, page: Paging,
    state: InformationRequestState | None = None, overdue: Overdue = None,
) -> Response:
    """The rapid review's requests the caller may see: an agency sees only its own. A rapid review the caller
    cannot see (an agency's, or its client's, that is not involved) is a 404."""
    stmt = service.list_requests(principal, rapid_review_id=rapid_review.id, state=state, overdue=overdue)
    return _page(session, principal, stmt, page)


@router.get("/information-requests", response_model=Page[InformationRequestRead])
def list_information_requests(
    session: DbSession, principal: Annotated[Principal, Requires(P.information_requests_read)], page: Paging,
    state: InformationRequestState | None = None, agency_id: uuid.UUID | None = None,
    rapid_review_id: uuid.UUID | None = None, overdue: Overdue = None,
) -> Response:
    """Every request the caller may see (an agency or its integration client: its own), newest first."""
    stmt = service.list_requests(principal, rapid_review_id=rapid_review_id, state=state, agency_id=agency_id,
                                 overdue=overdue)
    return _page(session, principal, stmt, page)


@router.get("/information-requests/{request_id}", response_model=InformationRequestRead, responses=VERSIONED_READ)
def read_information_request(session: DbSession, principal: Annotated[Principal, Requires(P.information_requests_read)],
                             request_id: uuid.UUID, response: Response) -> InformationRequestRead:
    """One request: its status and submitted response; the draft only for the agency writing it.
    `allowed_actions` lists the steps you may take now; `revision` counts the responses submitted
    (`resubmitted` once answered again after a return; every one at `…/revisions`)."""
    return _one(session, principal, service.get_request(session, principal, request_id), response)


@router.put("/information-requests/{request_id}/draft", response_model=InformationRequestRead,
            responses=VERSIONED_EDIT)
def save_draft(session: DbSession, principal: Drafter,
               request_id: uuid.UUID, data: InformationResponse, if_match: IfMatch,
               response: Response) -> InformationRequestRead:
    """Save the agency's response as a draft (the agency's own until submitted). Send the `ETag` you read as
    `If-Match`: without it 428; if a colleague saved, or the request was submitted or returned since, 412."""
    return _one(session, principal, service.save_draft(session, principal, request_id, data, if_match), response)


@router.post("/information-requests/{request_id}/submit", response_model=InformationRequestRead,
             responses=VERSIONED_STEP)
def submit_response(session: DbSession, principal: Submitter,
                    request_id: uuid.UUID, if_match: OptionalIfMatch, response: Response,
                    data: Annotated[InformationResponse | None, Body()] = None) -> InformationRequestRead:
    """Submit the response: the saved draft, or the response sent in the body. Every box and the author are
    required; submitting meets the 7 working day deadline. With `If-Match`, only the version you read is
    submitted (412 if it has changed since)."""
    return _one(session, principal, service.submit(session, principal, request_id, data, if_match), response)


@router.post("/information-requests/{request_id}/return", response_model=InformationRequestRead,
             responses=VERSIONED_READ)
def return_for_more_information(
    session: DbSession, principal: Returner,
    request_id: uuid.UUID, data: InformationRequestReturn,
    response: Response,
) -> InformationRequestRead:
    """Return a submitted response to its agency for more information, with the reasons (business office)."""
    return _one(session, principal, service.return_for_more(session, principal, request_id, data.reasons), response)


@router.post("/information-requests/{request_id}/chase", response_model=InformationRequestRead,
             responses=VERSIONED_READ)
def chase_information_request(session: DbSession, principal: Returner, request_id: uuid.UUID,
                              response: Response) -> InformationRequestRead:
    """Remind the agency now (business office): an e-mail to its safeguarding leads with the due date, outside the
    reminder schedule, while the response is still to come."""
    return _one(session, principal, service.chase(session, principal, request_id), response)


@router.post("/information-requests/{request_id}/due-date", response_model=InformationRequestRead,
             responses=VERSIONED_READ)
def change_information_request_due_date(session: DbSession, principal: Returner, request_id: uuid.UUID,
                                        data: InformationRequestDueDate, response: Response) -> InformationRequestRead:
    """Give the agency a new due date, with the reason (business office); reminders follow the new date."""
    return _one(session, principal, service.change_due_date(session, principal, request_id, data.due_date,
                                                            data.reason), response)


@router.get("/information-requests/{request_id}/revisions", response_model=list[InformationResponseRevision])
def information_request_revisions(session: DbSession, request: RequestInScope) -> list[InformationResponseRevision]:
    """Every response the agency submitted, oldest first, each with its return and the reasons if it was returned
    for more information. A draft is never here: only what was submitted."""
    return service.revisions(session, request)


@router.get("/information-requests/{request_id}/timeline", response_model=list[TimelineEntry])
def information_request_timeline(
    session: DbSession, principal: Annotated[Principal, Requires(P.information_requests_read)],
    request_id: uuid.UUID,
) -> list[TimelineEntry]:
    """What happened to this request, oldest first, from the audit log."""
    request = service.get_request(session, principal, request_id)
    return [TimelineEntry.model_validate(e)
            for e in audit.timeline(session, "information_request", request.id, principal)]
