import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.schemas import SearchText
from backend.reminders import service
from backend.reminders.models import OutboxStatus
from backend.reminders.schemas import (
    OutboxMessageDetail,
    OutboxMessageRead,
    ReminderPolicyRead,
    ReminderPolicyUpdate,
)

router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
Kind = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,59}$", max_length=60,
                           description="A deadline kind, or `default`")]


@router.get("/reminder-policies", response_model=list[ReminderPolicyRead], tags=["reminders"])
def list_reminder_policies(
    session: DbSession, principal: Annotated[Principal, Requires(P.deadlines_read)],
) -> list[ReminderPolicyRead]:
    """When reminders are sent for each kind of deadline; `default` covers every kind not listed."""
    return [ReminderPolicyRead.build(policy, customised) for policy, customised in service.list_policies(session)]


@router.get("/reminder-policies/{kind}", response_model=ReminderPolicyRead, tags=["reminders"])
def read_reminder_policy(session: DbSession, principal: Annotated[Principal, Requires(P.deadlines_read)],
                         kind: Kind) -> ReminderPolicyRead:
    """The policy in force for one deadline kind (an unknown kind shows the `default` policy it falls under)."""
    return ReminderPolicyRead.build(*service.get_policy(session, kind))


@router.put("/reminder-policies/{kind}", response_model=ReminderPolicyRead, tags=["reminders"])
def put_reminder_policy(
    session: DbSession, principal: Annotated[Principal, Requires(P.reminder_policies_manage)],
    kind: Kind, data: ReminderPolicyUpdate
) -> ReminderPolicyRead:
    """Change the reminder policy for one deadline kind (business office). Open deadlines of that kind are
    planned afresh at the next sweep; reminders already sent are never sent again."""
    return ReminderPolicyRead.build(service.put_policy(session, principal, kind, data), True)


@router.delete("/reminder-policies/{kind}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
               tags=["reminders"])
def reset_reminder_policy(session: DbSession, principal: Annotated[Principal, Requires(P.reminder_policies_manage)],
                          kind: Kind) -> Response:
    """Restore the built-in policy for a deadline kind (business office)."""
    service.reset_policy(session, principal, kind)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/outbox", response_model=Page[OutboxMessageRead], tags=["outbox"])
def list_outbox(
    session: DbSession, principal: Annotated[Principal, Requires(P.outbox_manage)],
    page: Annotated[PageParams, Depends(page_params)],
    status: OutboxStatus | None = None, category: SearchText = None, recipient: SearchText = None,
) -> Page[OutboxMessageRead]:
    """Every e-mail the system has recorded, newest first (business office): filter by `status=failed` to see
    the ones that could not be delivered after every attempt."""
    rows, total = paginate(session, service.search_outbox(status, category, recipient), page)
    return Page(items=[service.read(m) for m in rows], total=total, **page.model_dump())


@router.get("/outbox/{message_id}", response_model=OutboxMessageDetail, tags=["outbox"])
def read_outbox_message(
    session: DbSession, principal: Annotated[Principal, Requires(P.outbox_manage)], message_id: uuid.UUID
) -> OutboxMessageDetail:
    """One e-mail with its plain-text and HTML bodies."""
    return service.read(service.get_message(session, message_id), detail=True)  # type: ignore[return-value]


@router.post("/outbox/{message_id}/retry", response_model=OutboxMessageRead, tags=["outbox"])
def retry_outbox_message(
    session: DbSession, principal: Annotated[Principal, Requires(P.outbox_manage)], message_id: uuid.UUID
) -> OutboxMessageRead:
    """Send a failed e-mail again (business office): it is queued with a fresh set of attempts."""
    return service.read(service.retry(session, principal, message_id))
