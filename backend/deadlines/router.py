import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, page_response, paginate_rows
from backend.core.schemas import QueryDate
from backend.deadlines import service
from backend.deadlines.models import DeadlineKind, DeadlineStatus
from backend.deadlines.schemas import DeadlineRead

router = APIRouter(prefix="/api/v1/deadlines", tags=["deadlines"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=Page[DeadlineRead])
def list_deadlines(
    session: DbSession,
    principal: Annotated[Principal, Requires(P.deadlines_read)],
    page: Annotated[PageParams, Depends(page_params)],
    kind: DeadlineKind | None = None,
    agency_id: uuid.UUID | None = None,
    status: DeadlineStatus | None = None,
    due_before: QueryDate | None = None,
    due_after: QueryDate | None = None,
    overdue: Annotated[bool | None, Query(description="Only open deadlines past their due date")] = None,
) -> Response:
    """The caller's deadlines, soonest first: business office sees every deadline."""
    stmt = service.search(principal, kind=kind, agency_id=agency_id, status=status,
                          due_before=due_before, due_after=due_after, overdue=overdue)
    rows, total = paginate_rows(session, service.listed(stmt), page)
    if not rows:  # a count alone (`limit=0`) needs no calendar
        return page_response(DeadlineRead, [], total, page)
    calendar, today = get_calendar(session), clock.today()
    return page_response(DeadlineRead, [DeadlineRead.build(d, calendar, today) for d in rows], total, page)
