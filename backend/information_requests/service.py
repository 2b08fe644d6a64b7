"""Additional information requests: every involved agency answers within 7 working days."""

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, check_version_if_sent
from backend.core.domain_events import publish
from backend.core.errors import Conflict, Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, SubjectType
from backend.deadlines.schemas import DueDate
from backend.incident_notifications.service import agencies_by_id
from backend.information_requests.events import (
    InformationRequestCreated,
    InformationRequestReturned,
    InformationRequestSubmitted,
)
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.information_requests.policy import Step, check_step, may_read_draft, visible_requests
from backend.information_requests.schemas import (
    REQUIRED_TO_SUBMIT,
    InformationRequestCreate,
    InformationRequestRead,
    InformationResponse,
)
from backend.rapid_reviews.policy import RAPID_REVIEW
from backend.rapid_reviews.service import get_rapid_review

DEADLINE = DeadlineKind.information_request
RESPOND_WITHIN_WORKING_DAYS = 7


def _envelope(request: InformationRequest) -> dict[str, Any]:
    return {"subject_id": request.id, "case_id": request.case_id, "child_reference": request.child_reference,
            "agency_ids": (request.agency_id,), "rapid_review_id": request.rapid_review_id}


def create_requests(session: Session, actor: Principal, rapid_review_id: uuid.UUID,
                    data: InformationRequestCreate) -> list[InformationRequest]:
    rapid_review = get_rapid_review(session, actor, rapid_review_id)
    RAPID_REVIEW.check(actor, rapid_review, "send_information_requests")  # the rapid review's own step
    agencies = {a.id: a for a in agencies_by_id(session, data.agency_ids, "body.agency_ids")}
    already = set(session.scalars(select(InformationRequest.agency_id).where(
        InformationRequest.rapid_review_id == rapid_review.id, InformationRequest.agency_id.in_(list(agencies)))))
    if already or len(set(data.agency_ids)) != len(data.agency_ids):
        raise Conflict("Each agency gets one request per rapid review.", errors=[
            (f"body.agency_ids.{i}", "already asked") for i, agency_id in enumerate(data.agency_ids)
            if agency_id in already or data.agency_ids.index(agency_id) != i])
    today = clock.today()
    due = get_calendar(session).add_working_days(today, RESPOND_WITHIN_WORKING_DAYS)
    created = []
    for agency_id in data.agency_ids:
        agency = agencies[agency_id]
        if agency not in rapid_review.agencies:
            rapid_review.agencies.append(agency)
        request = InformationRequest(rapid_review_id=rapid_review.id, agency_id=agency.id, agency=agency,
                                     case=rapid_review.case, requested_on=today,
                                     note=data.note, state=InformationRequestState.requested)
        session.add(request)
        session.flush()
        deadlines.open_deadline(
            session, kind=DEADLINE, subject_type=SubjectType.information_request, subject_id=request.id, due_date=due,
            title=f"Additional information for the rapid review of {deadlines.CHILD}",
            case_id=rapid_review.case_id, link=f"/information-requests/{request.id}",
            owner_agency_id=agency.id,
        )
        audit.record(session, actor, "create", "information_request", request.id,
                     f"Asked {agency.name} for additional information, due {due.isoformat()}",
                     {"rapid_review_id": rapid_review.id, "agency_id": agency.id, "due_date": due})
        publish(session, InformationRequestCreated(**_envelope(request), due_date=due, purpose=request.note))
        created.append(request)
    return created


def list_requests(
    principal: Principal, *, rapid_review_id: uuid.UUID | None = None, state: InformationRequestState | None = None,
    agency_id: uuid.UUID | None = None, overdue: bool | None = None,
) -> Select[InformationRequest]:
    stmt = select(InformationRequest).where(visible_requests(principal))
    if rapid_review_id is not None:
        stmt = stmt.where(InformationRequest.rapid_review_id == rapid_review_id)
    if state is not None:
        stmt = stmt.where(InformationRequest.state == state)
    if agency_id is not None:
        stmt = stmt.where(InformationRequest.agency_id == agency_id)
    if overdue is not None:
        stmt = stmt.where(deadlines.overdue_filter(DEADLINE, InformationRequest.id, overdue))
    return stmt.order_by(InformationRequest.requested_on.desc(), InformationRequest.id)


def get_request(session: Session, principal: Principal, request_id: uuid.UUID) -> InformationRequest:
    request = session.scalar(select(InformationRequest).where(
        InformationRequest.id == request_id, visible_requests(principal)))
    if request is None:
        raise NotFound("No such information request.")
    note_read(session, principal, request.case_id, "information_request", request.id)
    return request


def to_read(principal: Principal, request: InformationRequest, deadline: Deadline | None) -> InformationRequestRead:
    return InformationRequestRead.model_validate(request).model_copy(update={
        "due": DueDate.of(deadline, clock.today()),
        "submission": InformationResponse.model_validate(request.submission) if request.submission else None,
        "draft": InformationResponse.model_validate(request.draft)
        if request.draft is not None and may_read_draft(principal, request) else None,
    })


def save_draft(session: Session, actor: Principal, request_id: uuid.UUID,
               content: InformationResponse, if_match: str | None) -> InformationRequest:
    """Replace the draft, only if it is still the version the caller read (If-Match)."""
    request = get_request(session, actor, request_id)
    transition = check_step(actor, request, Step.save_draft)
    check_version(request, if_match)
    before = request.state
    request.draft = content.model_dump(mode="json")
    request.state = transition.target
    session.flush()
    # The draft's content stays out of the audit log: it is the agency's own until submitted.
    audit.record(session, actor, Step.save_draft.value, "information_request", request.id,
                 f"{request.agency.name} saved its draft response",
                 {"state": {"from": before.value, "to": request.state.value}} if before != request.state else {})
    return request


def submit(session: Session, actor: Principal, request_id: uuid.UUID,
           content: InformationResponse | None, if_match: str | None = None) -> InformationRequest:
    request = get_request(session, actor, request_id)
    transition = check_step(actor, request, Step.submit)
    check_version_if_sent(request, if_match)
    response = content if content is not None else InformationResponse.model_validate(request.draft or {})
    prefix = "body" if content is not None else "draft"
    missing = [(f"{prefix}.{field}", "required before submitting") for field in REQUIRED_TO_SUBMIT
               if not getattr(response, field)]
    if missing:
        raise Invalid("Complete every box of the template before submitting.", errors=missing)
    before = request.state
    request.draft = request.submission = response.model_dump(mode="json")
    request.state = transition.target
    request.submitted_at = clock.now()
    request.submitted_by_name = actor.name
    session.flush()
    deadlines.meet(session, DEADLINE, request.id)
    audit.record(session, actor, Step.submit.value, "information_request", request.id,
                 f"{request.agency.name} submitted its response",
                 {"state": {"from": before.value, "to": request.state.value},
                  "author": f"{response.author_name}, {response.author_role}"})
    publish(session, InformationRequestSubmitted(**_envelope(request), submitted_at=request.submitted_at))
    return request


def return_for_more(session: Session, actor: Principal, request_id: uuid.UUID, reasons: str) -> InformationRequest:
    request = get_request(session, actor, request_id)
    transition = check_step(actor, request, Step.return_for_more)
    request.state = transition.target
    request.return_reasons = reasons
    session.flush()
    audit.record(session, actor, Step.return_for_more.value, "information_request", request.id,
                 f"Returned to {request.agency.name} for more information",
                 {"state": {"from": "submitted", "to": request.state.value}, "reasons": reasons})
    deadline = deadlines.find(session, DEADLINE, request.id)
    publish(session, InformationRequestReturned(**_envelope(request), reasons=reasons,
                                                due_date=deadline.due_date if deadline else None))
    return request
