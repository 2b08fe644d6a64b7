from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

# Far beyond any list the partnership keeps, and well inside what every database takes as an OFFSET.
MAX_OFFSET = 10_000_000


class PageParams(BaseModel):
    limit: int
    offset: int


async def page_params(  # async: pure, so no trip through the thread pool (see core/auth.py `requires`)
    limit: Annotated[int, Query(ge=0, le=200, description="Page size; 0 answers the `total` alone (a count)")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


T = TypeVar("T")
M = TypeVar("M")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def paginate(session: Session, stmt: Select[M], params: PageParams) -> tuple[list[M], int]:
    """One query for the rows and one for the count, whatever the page size; the count alone for `limit=0`."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    if params.limit == 0:
        return [], total
    rows = list(session.scalars(stmt.limit(params.limit).offset(params.offset)).unique())
    return rows, total


def paginate_rows(session: Session, stmt: Select[M, T], params: PageParams) -> tuple[list[tuple[M, T]], int]:
    """`paginate` for a query answering a record and what goes with it on each row (e.g. its due date, outer-joined):
    each row must be one record, as the count counts the rows."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    if params.limit == 0:
        return [], total
    rows = session.execute(stmt.limit(params.limit).offset(params.offset)).unique()
    return [(first, second) for first, second in rows], total
