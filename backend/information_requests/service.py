"""Additional information requests: every involved agency answers within 7 working days.

The answer is an agency's submission (backend/submissions): this module asks for it, checks the response is
complete before it counts as submitted, and publishes the information request's own events.
"""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal
from backend.core.domain_events import envelope, publish
from backend.core.errors import Conflict, Invalid, NotFound
from backend.core.messages import day_month_year
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, Due, SubjectType
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.service import agencies_by_id
from backend.information_requests.events import (
    InformationRequestChased,
    InformationRequestCreated,
    InformationRequestReturned,
    InformationRequestSubmitted,
)
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.information_requests.policy import KIND, visible_requests
from backend.information_requests.schemas import (
    REQUIRED_TO_SUBMIT,
    InformationRequestCreate,
    InformationRequestRead,
    InformationResponse,
    InformationResponseRevision,
)
from backend.rapid_reviews.models import RapidReview
from backend.rapid_reviews.policy import RAPID_REVIEW
from backend.submissions import service as submissions
from backend.submissions.models import AgencySubmission

DEADLINE = DeadlineKind.information_request
RESPOND_WITHIN_WORKING_DAYS = 7


def _owner(request_id: uuid.UUID, case_id: uuid.UUID, agency_name: str) -> submissions.Owner:
    # The agency is named: the business office's dashboard lists one of these per agency asked.
    return submissions.Owner(
        "information_request", request_id, case_id, DEADLINE, SubjectType.information_request,
        title=f"{agency_name}: additional information for the rapid review of {deadlines.CHILD}",
        link=f"/information-requests/{request_id}")


def _about(request: InformationRequest) -> dict[str, Any]:
    """What every information request event carries: the shared envelope and the rapid review asking."""
    return envelope(request, request.agency_id, rapid_review_id=request.rapid_review_id)


def create_requests(session: Session, actor: Principal, rapid_review: RapidReview,
                    data: InformationRequestCreate) -> list[InformationRequest]:
    """One request per named agency, for a rapid review the caller may see (its scoped getter found it)."""
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
        request_id = uuid.uuid4()
        owner = _owner(request_id, rapid_review.case_id, agency.name)
        submission = submissions.request(session, KIND, agency, owner, due)
        request = InformationRequest(id=request_id, rapid_review_id=rapid_review.id, agency_id=agency.id,
                                     agency=agency, submission_id=submission.id, submission=submission,
                                     case=rapid_review.case, requested_on=today, note=data.note)
        session.add(request)
        session.flush()
        audit.record(session, actor, "create", "information_request", request.id,
                     f"Asked {agency.name} for additional information, due {day_month_year(due)}",
                     {"rapid_review_id": rapid_review.id, "agency_id": agency.id, "due_date": due})
        publish(session, InformationRequestCreated(**_about(request), due_date=due, purpose=request.note))
        created.append(request)
    return created


def list_requests(
    principal: Principal, *, rapid_review_id: uuid.UUID | None = None, state: InformationRequestState | None = None,
    agency_id: uuid.UUID | None = None, overdue: bool | None = None,
) -> Select[InformationRequest]:
    # The submission's agency is the request's: found in the identity map, not joined a second time for each row.
    stmt = (select(InformationRequest).where(visible_requests(principal))
            .options(joinedload(InformationRequest.submission).lazyload(AgencySubmission.agency)))
    if rapid_review_id is not None:
        stmt = stmt.where(InformationRequest.rapid_review_id == rapid_review_id)
    if state is not None:
        stmt = stmt.where(InformationRequest.submission_id.in_(
            select(AgencySubmission.id).where(AgencySubmission.state == state)))
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


def _response(content: dict[str, Any] | None) -> InformationResponse | None:
    return InformationResponse.model_validate(content) if content is not None else None


def to_read(principal: Principal, request: InformationRequest,
            deadline: Deadline | Due | None) -> InformationRequestRead:
    submission = request.submission
    return InformationRequestRead(
        id=request.id, case_id=request.case_id, rapid_review_id=request.rapid_review_id,
        child_reference=request.child_reference,
        agency=AgencySummary.model_validate(request.agency), requested_on=request.requested_on, note=request.note,
        due=DueDate.of(deadline, clock.today()), submission=_response(submission.content),
        draft=_response(submissions.draft_for(principal, submission)), **submissions.status(principal, submission))


def revisions(session: Session, request: InformationRequest) -> list[InformationResponseRevision]:
    return [InformationResponseRevision(**submissions.revision_fields(r),
                                        content=InformationResponse.model_validate(r.content))
            for r in submissions.revisions(session, request.submission)]


def save_draft(session: Session, actor: Principal, request_id: uuid.UUID,
               content: InformationResponse, if_match: str | None) -> InformationRequest:
    """Replace the draft, only if it is still the version the caller read (If-Match)."""
    request = get_request(session, actor, request_id)
    submissions.save_draft(session, actor, request.submission, _owner(request.id, request.case_id, request.agency.name),
                           content.model_dump(mode="json"), if_match)
    return request


def _complete(content: dict[str, Any], where: str) -> dict[str, Any]:
    response = InformationResponse.model_validate(content)
    missing = [(f"{where}.{field}", message) for field, message in REQUIRED_TO_SUBMIT.items()
               if not getattr(response, field)]
    if missing:
        raise Invalid("Complete every box of the template before submitting.", errors=missing)
    return response.model_dump(mode="json")


def submit(session: Session, actor: Principal, request_id: uuid.UUID,
           content: InformationResponse | None, if_match: str | None = None) -> InformationRequest:
    request = get_request(session, actor, request_id)
    submission = request.submission

    def submitted() -> InformationRequestSubmitted:
        assert submission.submitted_at is not None  # the step has just set it
        return InformationRequestSubmitted(**_about(request), submitted_at=submission.submitted_at)

    submissions.submit(session, actor, submission, _owner(request.id, request.case_id, request.agency.name),
                       content.model_dump(mode="json") if content is not None else None, complete=_complete,
                       if_match=if_match, event=submitted)
    return request


def chase(session: Session, actor: Principal, request_id: uuid.UUID) -> InformationRequest:
    """Remind the agency now: an e-mail to its safeguarding leads, and a line on the request's timeline."""
    request = get_request(session, actor, request_id)
    deadline = deadlines.find(session, DEADLINE, request.id)
    submissions.chase(session, actor, request.submission, _owner(request.id, request.case_id, request.agency.name),
                      event=lambda: InformationRequestChased(**_about(request),
                                                             due_date=deadline.due_date if deadline else None))
    return request


def change_due_date(session: Session, actor: Principal, request_id: uuid.UUID, due: dt.date,
                    reason: str) -> InformationRequest:
    request = get_request(session, actor, request_id)
    submissions.change_due_date(session, actor, request.submission,
                                _owner(request.id, request.case_id, request.agency.name), due, reason)
    return request


def return_for_more(session: Session, actor: Principal, request_id: uuid.UUID, reasons: str) -> InformationRequest:
    request = get_request(session, actor, request_id)
    deadline = deadlines.find(session, DEADLINE, request.id)
    submissions.return_for_more(
        session, actor, request.submission, _owner(request.id, request.case_id, request.agency.name), reasons,
        event=lambda: InformationRequestReturned(**_about(request), reasons=reasons,
                                                 due_date=deadline.due_date if deadline else None))
    return request
