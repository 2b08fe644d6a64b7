import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Row

from backend.calendar.workdays import WorkingDayCalendar
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineKind, DeadlineStatus, Due, SubjectType, fill_title, is_overdue


class DeadlineRead(BaseModel):
    id: uuid.UUID
    kind: DeadlineKind
    subject_type: SubjectType
    subject_id: uuid.UUID
    title: str
    child_reference: str
    case_id: uuid.UUID | None
    link: str
    due_date: dt.date
    status: DeadlineStatus
    overdue: bool
    working_days_left: int
    owner_agency_id: uuid.UUID | None
    owner_user_id: uuid.UUID | None
    owner_role: Role | None
    met_at: dt.datetime | None
    waived_reason: str | None

    @classmethod
    def build(cls, deadline: Row[*tuple[Any, ...]], calendar: WorkingDayCalendar, today: dt.date) -> "DeadlineRead":
        """From a row of `service.listed` (the deadline's columns and its case's `child_reference`)."""
        return cls(
            id=deadline.id, kind=deadline.kind, subject_type=deadline.subject_type,
            subject_id=deadline.subject_id, title=fill_title(deadline.title, deadline.child_reference),
            child_reference=deadline.child_reference, case_id=deadline.case_id,
            link=deadline.link, due_date=deadline.due_date, status=deadline.status,
            overdue=is_overdue(deadline.status, deadline.due_date, today),
            working_days_left=calendar.working_days_between(today, deadline.due_date),
            owner_agency_id=deadline.owner_agency_id, owner_user_id=deadline.owner_user_id,
            owner_role=deadline.owner_role, met_at=deadline.met_at, waived_reason=deadline.waived_reason,
        )


class DueDate(BaseModel):
    """A record's deadline as shown on the record itself."""

    due_date: dt.date
    status: DeadlineStatus
    overdue: bool

    @classmethod
    def of(cls, deadline: Deadline | Due | None, today: dt.date) -> "DueDate | None":
        if deadline is None:
            return None
        return cls(due_date=deadline.due_date, status=deadline.status, overdue=deadline.is_overdue(today))
