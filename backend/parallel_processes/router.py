import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch
from backend.core.errors import PROBLEM_RESPONSES
from backend.parallel_processes import service
from backend.parallel_processes.policy import PROCESS
from backend.parallel_processes.schemas import (
    OfficerInvitation,
    ParallelProcessBegin,
    ParallelProcessConclude,
    ParallelProcessCreate,
    ParallelProcessRead,
    ParallelProcessUpdate,
)
from backend.reviews.nested import UnderReview
from backend.reviews.router import ReviewInScope

router = APIRouter(prefix="/api/v1/reviews/{review_id}/parallel-processes", tags=["parallel processes"],
                   responses=PROBLEM_RESPONSES)
Reader = Annotated[Principal, Requires(P.parallel_processes_read)]
Manager = Annotated[Principal, Requires(PROCESS.steps["edit"].permission)]


PROCESSES = UnderReview(service.get_process, service.as_read)


@router.get("", response_model=list[ParallelProcessRead])
def list_parallel_processes(session: DbSession, review: ReviewInScope, principal: Reader) -> list[ParallelProcessRead]:
    """Criminal investigations and prosecutions, care proceedings, single-agency reviews, case mapping,
    disciplinary processes and LADO enquiries alongside the review, each saying whether it holds publication back
    (`holding_publication`). An agency sees only the processes its own agency runs."""
    return [service.as_read(principal, p) for p in session.scalars(service.list_processes(principal, review))]


@router.post("", response_model=ParallelProcessRead, status_code=201, responses=VERSIONED_READ)
def record_parallel_process(session: DbSession, review: ReviewInScope, principal: Manager,
                            data: ParallelProcessCreate, response: Response) -> ParallelProcessRead:
    """Record a process running alongside the review (business office)."""
    return PROCESSES.answer(principal, service.create(session, principal, review, data), response)


@router.get("/{process_id}", response_model=ParallelProcessRead, responses=VERSIONED_READ)
def read_parallel_process(session: DbSession, review: ReviewInScope, principal: Reader, process_id: uuid.UUID,
                          response: Response) -> ParallelProcessRead:
    """One parallel process; `ETag` is its version, for the next change's `If-Match`."""
    return PROCESSES.one(session, principal, review, process_id, response)


@router.patch("/{process_id}", response_model=ParallelProcessRead, responses=VERSIONED_EDIT)
def update_parallel_process(session: DbSession, review: ReviewInScope, principal: Manager, process_id: uuid.UUID,
                            data: ParallelProcessUpdate, if_match: IfMatch,
                            response: Response) -> ParallelProcessRead:
    """Update a process (`edit`): its dates, the officer in charge, whether it holds publication. Send the `ETag`
    you read as `If-Match`: without it 428; if it has changed since, 412."""
    process = PROCESSES.find(session, principal, review, process_id)
    return PROCESSES.answer(principal, service.update(session, principal, process, data, if_match), response)


@router.post("/{process_id}/begin", response_model=ParallelProcessRead, responses=VERSIONED_READ)
def begin_parallel_process(session: DbSession, review: ReviewInScope, principal: Manager, process_id: uuid.UUID,
                           data: ParallelProcessBegin, response: Response) -> ParallelProcessRead:
    """Record that a planned process has begun (`begin`)."""
    process = PROCESSES.find(session, principal, review, process_id)
    return PROCESSES.answer(principal, service.begin(session, principal, process, data), response)


@router.post("/{process_id}/conclude", response_model=ParallelProcessRead, responses=VERSIONED_READ)
def conclude_parallel_process(session: DbSession, review: ReviewInScope, principal: Manager, process_id: uuid.UUID,
                              data: ParallelProcessConclude, response: Response) -> ParallelProcessRead:
    """Record that the process has concluded and how (`conclude`): it no longer holds publication back."""
    process = PROCESSES.find(session, principal, review, process_id)
    return PROCESSES.answer(principal, service.conclude(session, principal, process, data), response)


@router.post("/{process_id}/invite-officer", response_model=ParallelProcessRead, responses=VERSIONED_READ)
def invite_officer_in_charge(session: DbSession, review: ReviewInScope, principal: Manager, process_id: uuid.UUID,
                             data: OfficerInvitation, response: Response) -> ParallelProcessRead:
    """Invite the officer in charge of a criminal process to one of the review's events (`invite_officer`): an
    invitation of the event, e-mailed with a personal sign-up link; the process records that they were told the
    event's date today."""
    process = PROCESSES.find(session, principal, review, process_id)
    return PROCESSES.answer(principal, service.invite_officer(session, principal, process, data), response)
