"""Who looked at this child: one row per request per case, written in the request's own transaction.

Each domain's get-by-id function calls `note_read` once it has found a record the caller may see, so every
route that reaches a case's record (the record, its nested routes, the steps taken on it) is logged, and
the rows commit or roll back with the request. A request is known by the `Request` that `current_principal`
puts in `session.info`; work outside a request (the worker, demo data) reads nothing on anyone's behalf.
"""

import uuid

from fastapi import Request
from sqlalchemy import Select, event, select
from sqlalchemy.orm import Session, SessionTransaction

from backend.cases.models import CaseAccess
from backend.core import clock
from backend.core.access import Principal
from backend.core.db import REQUEST


def note_read(session: Session, principal: Principal, case_id: uuid.UUID, record_type: str,
              record_id: uuid.UUID) -> None:
    """Record that this request read `record_type` `record_id` of case `case_id`; later reads of the same case
    within the request add nothing."""
    request: Request | None = session.info.get(REQUEST)
    if request is None:
        return
    seen: set[uuid.UUID] | None = getattr(request.state, "cases_read", None)
    if seen is None:
        seen = request.state.cases_read = set()
    if case_id in seen:
        return
    seen.add(case_id)
    session.add(CaseAccess(
        case_id=case_id, occurred_at=clock.now(), actor_type=principal.kind, actor_id=principal.id,
        actor_name=principal.name, actor_role=principal.role.value if principal.role else None,
        actor_agency_id=principal.agency_id, record_type=record_type, record_id=record_id,
        method=request.method, path=request.url.path[:500],
    ))


def access_log(case_id: uuid.UUID) -> Select[CaseAccess]:
    """Who opened what of one case and when, newest first."""
    return (select(CaseAccess).where(CaseAccess.case_id == case_id)
            .order_by(CaseAccess.occurred_at.desc(), CaseAccess.id.desc()))


@event.listens_for(Session, "after_transaction_end")
def _request_over(session: Session, transaction: SessionTransaction) -> None:
    # The request's transaction is over. A session outlives it only in tests, which share one across requests.
    if transaction.parent is None:
        session.info.pop(REQUEST, None)
