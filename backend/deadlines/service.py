"""The deadline registry: domains open and close deadlines as their records change state."""

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, ColumnExpressionArgument, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.visibility import own_or_shared
from backend.deadlines.models import CHILD as CHILD  # domains write deadlines.CHILD in titles
from backend.deadlines.models import SHARED_KINDS, Deadline, DeadlineKind, DeadlineStatus, Due, SubjectType


def open_deadline(
    session: Session,
    *,
    kind: DeadlineKind,
    subject_type: SubjectType,
    subject_id: uuid.UUID,
    due_date: dt.date,
    title: str,
    case_id: uuid.UUID | None = None,
    link: str = "/",
    owner_agency_id: uuid.UUID | None = None,
    owner_user_id: uuid.UUID | None = None,
    owner_role: Role | None = None,
) -> Deadline:
    """Open (or re-open with a new due date) the deadline of `kind` for one record.

    Write `{child}` (`CHILD`) in the title where the child's reference goes: it is read from the case when shown.
    """
    deadline = find(session, kind, subject_id)
    if deadline is None:
        deadline = Deadline(kind=kind, subject_type=subject_type, subject_id=subject_id)
        session.add(deadline)
    deadline.due_date = due_date
    deadline.title = title
    deadline.case_id = case_id
    deadline.link = link
    deadline.owner_agency_id = owner_agency_id
    deadline.owner_user_id = owner_user_id
    deadline.owner_role = owner_role
    deadline.status = DeadlineStatus.open
    deadline.met_at = deadline.waived_at = None
    deadline.waived_reason = None
    session.flush()
    return deadline


def remove_all_for(session: Session, subject_id: uuid.UUID) -> None:
    """A record deleted outright (an agency's unshared draft) takes its deadlines with it."""
    for deadline in session.scalars(select(Deadline).where(Deadline.subject_id == subject_id)):
        session.delete(deadline)


def find(session: Session, kind: DeadlineKind, subject_id: uuid.UUID) -> Deadline | None:
    return session.scalar(select(Deadline).where(Deadline.kind == kind, Deadline.subject_id == subject_id))


def meet(session: Session, kind: DeadlineKind, subject_id: uuid.UUID) -> Deadline | None:
    deadline = find(session, kind, subject_id)
    if deadline is not None and deadline.status == DeadlineStatus.open:
        deadline.status = DeadlineStatus.met
        deadline.met_at = clock.now()
    return deadline


def waive(session: Session, kind: DeadlineKind, subject_id: uuid.UUID, reason: str) -> Deadline | None:
    deadline = find(session, kind, subject_id)
    if deadline is not None and deadline.status == DeadlineStatus.open:
        deadline.status = DeadlineStatus.waived
        deadline.waived_at = clock.now()
        deadline.waived_reason = reason
    return deadline


def for_subjects(session: Session, kind: DeadlineKind, subject_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Due]:
    """One query for a whole page of records, so list endpoints stay free of N+1 lookups. Read as the three columns
    a record shows of its deadline: a `Deadline` object per row (and its case) was most of what a page cost here."""
    ids = list(subject_ids)
    if not ids:
        return {}
    rows = session.execute(select(Deadline.subject_id, Deadline.due_date, Deadline.status)
                           .where(Deadline.kind == kind, Deadline.subject_id.in_(ids)))
    return {row.subject_id: Due(*row) for row in rows}


def overdue_filter(
    kind: DeadlineKind, subject_id: ColumnExpressionArgument[uuid.UUID], overdue: bool
) -> ColumnElement[bool]:
    """WHERE clause for a record list: its `kind` deadline is (or is not) overdue today."""
    late = exists(select(Deadline.id).where(
        Deadline.kind == kind, Deadline.subject_id == subject_id, Deadline.overdue_clause(clock.today())))
    return late if overdue else ~late


def visible_to(principal: Principal) -> Select[Deadline]:
    """Business office sees every deadline; others see their own, their role's and their agency's. A deadline on
    an agency's own draft (`AGENCY_DRAFT_KINDS`) is that agency's alone, as the record is."""
    stmt = select(Deadline).where(own_or_shared(principal, Deadline.owner_agency_id, Deadline.kind, SHARED_KINDS))
    if principal.is_business_office:
        return stmt
    mine = [Deadline.owner_user_id == principal.id]
    if principal.role is not None:
        # A role's deadline within one agency (a safeguarding partner's position) is for that agency's people only.
        mine.append(and_(Deadline.owner_role == principal.role,
                         or_(Deadline.owner_agency_id.is_(None), Deadline.owner_agency_id == principal.agency_id)))
    if principal.agency_id is not None and principal.role in (Role.agency_lead, Role.agency_manager, None):
        mine.append(Deadline.owner_agency_id == principal.agency_id)
    return stmt.where(or_(*mine))


def search(
    principal: Principal,
    *,
    kind: DeadlineKind | None = None,
    agency_id: uuid.UUID | None = None,
    status: DeadlineStatus | None = None,
    due_before: dt.date | None = None,
    due_after: dt.date | None = None,
    overdue: bool | None = None,
) -> Select[Deadline]:
    stmt = visible_to(principal)
    if kind:
        stmt = stmt.where(Deadline.kind == kind)
    if agency_id:
        stmt = stmt.where(Deadline.owner_agency_id == agency_id)
    if status:
        stmt = stmt.where(Deadline.status == status)
    if due_before:
        stmt = stmt.where(Deadline.due_date <= due_before)
    if due_after:
        stmt = stmt.where(Deadline.due_date >= due_after)
    if overdue is True:
        stmt = stmt.where(Deadline.overdue_clause(clock.today()))
    elif overdue is False:
        stmt = stmt.where(~Deadline.overdue_clause(clock.today()))
    return stmt.order_by(Deadline.due_date, Deadline.id)


def listed(stmt: Select[Deadline]) -> Select[*tuple[Any, ...]]:
    """A `search` read as the columns a deadlines list shows (`DeadlineRead`), with the case's reference: rows for
    `paginate_rows`, not a Deadline and its Case per row. The reference is a subquery, which PostgreSQL runs for the
    page's rows only, after sorting and limiting; joined, it hashed all of the partnership's cases (7,000 in the
    ten-year benchmark) on every page, more than half of the page's time in the database."""
    reference = select(Case.reference).where(Case.id == Deadline.case_id).scalar_subquery()
    return stmt.with_only_columns(
        Deadline.id, Deadline.kind, Deadline.subject_type, Deadline.subject_id, Deadline.title, Deadline.case_id,
        Deadline.link, Deadline.due_date, Deadline.status, Deadline.owner_agency_id, Deadline.owner_user_id,
        Deadline.owner_role, Deadline.met_at, Deadline.waived_reason,
        func.coalesce(reference, "").label("child_reference"),
        maintain_column_froms=True,
    )
