from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Response
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from backend.core.responses import serialised_as

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


def _total(session: Session, stmt: Select[*tuple[Any, ...]]) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def paginate(session: Session, stmt: Select[M], params: PageParams) -> tuple[list[M], int]:
    """One query for the rows and one for the count, whatever the page size; the count alone for `limit=0`."""
    total = _total(session, stmt)
    if params.limit == 0:
        return [], total
    rows = list(session.scalars(stmt.limit(params.limit).offset(params.offset)).unique())
    return rows, total


def paginate_rows(session: Session, stmt: Select[*tuple[Any, ...]], params: PageParams
                  ) -> tuple[list[Row[*tuple[Any, ...]]], int]:
    """`paginate` for a statement of columns: the page as plain rows (no ORM object, no identity map per row), for
    lists that show a few columns of each record."""
    total = _total(session, stmt)
    if params.limit == 0:
        return [], total
    return list(session.execute(stmt.limit(params.limit).offset(params.offset))), total


@cache
def _page_adapter(item: type[BaseModel]) -> TypeAdapter[Any]:
    return TypeAdapter(Page[item])  # type: ignore[valid-type]


def page_response(item: type[BaseModel], items: Sequence[BaseModel | dict[str, Any]], total: int,
                  params: PageParams) -> Response:
    """A page of `item`s answered already serialised: validated once here, where FastAPI would validate the page
    again against the route's `response_model` before writing it (the route keeps declaring `response_model`, which
    is what the OpenAPI document says). Items may be `item`s (taken as they are) or plain dicts (validated)."""
    adapter = _page_adapter(item)
    page = adapter.validate_python({"items": items, "total": total, "limit": params.limit, "offset": params.offset})
    return serialised_as(adapter, page)
