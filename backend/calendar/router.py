import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from backend.calendar import service
from backend.calendar.schemas import ClosureDayCreate, ClosureDayRead, WorkingDayAnswer
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES, Invalid
from backend.core.schemas import QueryDate

router = APIRouter(prefix="/api/v1/calendar", tags=["calendar"], responses=PROBLEM_RESPONSES)


@router.get("/closure-days", response_model=list[ClosureDayRead])
def list_closure_days(
    session: DbSession, principal: CurrentPrincipal,
    year: Annotated[int | None, Query(ge=1, le=9999, description="Only this year's closure days")] = None,
) -> list[ClosureDayRead]:
    """Local partnership closure days, not counted as working days."""
    return [ClosureDayRead.model_validate(c) for c in service.list_closures(session, year)]


@router.post("/closure-days", response_model=ClosureDayRead, status_code=201)
def add_closure_day(
    session: DbSession, principal: Annotated[Principal, Requires(P.calendar_manage)], data: ClosureDayCreate
) -> ClosureDayRead:
    """Add a closure day (business office). Due dates computed from now on skip it."""
    return ClosureDayRead.model_validate(service.add_closure(session, principal, data.day, data.reason))


@router.delete("/closure-days/{closure_id}", status_code=204)
def remove_closure_day(session: DbSession, principal: Annotated[Principal, Requires(P.calendar_manage)],
                       closure_id: uuid.UUID) -> None:
    service.remove_closure(session, principal, closure_id)


@router.get("/working-days", response_model=WorkingDayAnswer)
def add_working_days(
    session: DbSession,
    principal: CurrentPrincipal,
    start: QueryDate,
    working_days: Annotated[int, Query(ge=-400, le=400)],
) -> WorkingDayAnswer:
    """The date `working_days` working days after `start`, on the partnership's calendar."""
    try:
        due = service.get_calendar(session).add_working_days(start, working_days)
    except (OverflowError, ValueError) as exc:  # the count runs off either end of the calendar (years 1 to 9999)
        raise Invalid("That date is too near the end of the calendar to count working days from.",
                      errors=[("query.start", "too near the end of the calendar (years 1 to 9999)")]) from exc
    return WorkingDayAnswer(start=start, working_days=working_days, due_date=due)
