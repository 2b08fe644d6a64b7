"""The partnership's working-day calendar: England's bank holidays plus local closure days."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.models import ClosureDay
from backend.calendar.workdays import WorkingDayCalendar, calendar_for
from backend.core.access import Principal
from backend.core.errors import Conflict, NotFound
from backend.core.messages import day_month_year


def get_calendar(session: Session) -> WorkingDayCalendar:
    """The calendar every due date is computed with (one query for the closure days)."""
    closures = session.scalars(select(ClosureDay.day)).all()
    # The same closures give the same calendar, kept between requests: a new one rebuilt its list of working days,
    # a day at a time for every year a page's due dates span, on each request that counted working days.
    return calendar_for(frozenset(closures))


def list_closures(session: Session, year: int | None = None) -> list[ClosureDay]:
    stmt = select(ClosureDay).order_by(ClosureDay.day)
    if year is not None:
        stmt = stmt.where(ClosureDay.day >= dt.date(year, 1, 1), ClosureDay.day <= dt.date(year, 12, 31))
    return list(session.scalars(stmt))


def add_closure(session: Session, actor: Principal, day: dt.date, reason: str) -> ClosureDay:
    if session.scalar(select(ClosureDay).where(ClosureDay.day == day)):
        raise Conflict(f"{day_month_year(day)} is already a closure day.",
                       errors=[("body.day", "already a closure day")])
    closure = ClosureDay(day=day, reason=reason, created_by_id=actor.id if actor.kind == "user" else None)
    session.add(closure)
    session.flush()
    audit.record(session, actor, "create", "closure_day", closure.id,
                       f"Added closure day {day_month_year(day)}", {"day": day, "reason": reason})
    return closure


def remove_closure(session: Session, actor: Principal, closure_id: object) -> None:
    closure = session.get(ClosureDay, closure_id)
    if closure is None:
        raise NotFound("No such closure day.")
    audit.record(session, actor, "delete", "closure_day", closure.id,
                       f"Removed closure day {day_month_year(closure.day)}", {"day": closure.day})
    session.delete(closure)
