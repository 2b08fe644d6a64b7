"""The review's task list: what is done and what is outstanding at each stage (the GOV.UK task list pattern).

Each stage 2 domain (terms of reference, chronologies, analysis reports, family engagement, the overview
report...) says what its part of a review's work looks like through a `TaskSource`, registered once in
`backend/wiring.py`; the review read gathers them, so the review page needs no knowledge of each domain.

A source never asks the database itself: it names the values it needs (scalar subqueries correlated to the review)
and, if it has a task per record, a select of those records; the registry sends every source's values as one
statement and every source's records as a second, then each source builds its tasks from what was found. The task
list so costs two statements whatever the review holds (see `TaskSource` for the one exception).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr
from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Integer,
    Row,
    Select,
    String,
    Time,
    Uuid,
    cast,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from backend.core.access import Principal
from backend.reviews.models import Review, ReviewStage


class TaskStatus(StrEnum):
    """The GOV.UK task list's statuses."""

    completed = "completed"
    in_progress = "in_progress"
    not_started = "not_started"
    cannot_start_yet = "cannot_start_yet"


class ReviewTask(BaseModel):
    stage: ReviewStage
    key: str = Field(description="Stable name of the task, e.g. `terms_of_reference_agreed`")
    label: str = Field(description="What is to be done, for people: “Agree the terms of reference”")
    status: TaskStatus
    hint: str | None = Field(None, description="What is outstanding, or what was done and when")
    section: str = Field(description="The review page's section where it is done (`/reviews/{id}/{section}`)")
    # A task about a record not everyone reading the review may see (another agency's parallel process): who sees
    # it, by that record's own rule. Never in the API's answer.
    _seen_by: Callable[[Principal], bool] | None = PrivateAttr(None)

    def only_for(self, seen_by: Callable[[Principal], bool]) -> "ReviewTask":
        self._seen_by = seen_by
        return self

    def seen_by(self, principal: Principal | None) -> bool:
        return principal is None or self._seen_by is None or self._seen_by(principal)


# A source's named values, each a scalar SQL expression about the review.
Summary = Mapping[str, ColumnElement[Any]]


@dataclass(frozen=True)
class Found:
    """What a source's tasks are built from: its named values, and the rows of its records (if it lists any)."""

    values: Mapping[str, Any]
    records: Sequence[Row[Any]] = ()


@dataclass(frozen=True)
class TaskSource:
    """A domain's part of the task list, in two halves: `summary` names the few values its tasks are built from,
    each a scalar SQL expression correlated to the review (`Review.id`: a count, a latest date, a state, an
    `exists`; the review itself is at hand for what only Python knows, like its due date); `build` is a pure
    function of the review and what was found. The registry asks every source's values in one statement, so the
    task list costs one statement however many domains take part.

    A source with a row per record (an agency's submission, a parallel process) also names `records`: a select of
    those rows for the review, given who asks (so a row can say whether they may see it), its columns a subset of
    `RECORD_COLUMNS` and numbered by `position` in the order the source wants them; every source's records come in
    one second statement (`UNION ALL`, the columns a source leaves out sent as typed NULLs)."""

    name: str
    build: Callable[[Review, Found], list[ReviewTask]]
    summary: Callable[[Review], Summary] = lambda _review: {}
    records: Callable[[Principal | None], Select[Any]] | None = None
    # The one exception to "values, then a pure build": when its values say it needs what no summary can give (the
    # publication checklist: kept anonymisation findings, working days), a source asks for the rest itself. Only
    # then: a review at any other point costs nothing more.
    further: Callable[[Session, Review, Found], Mapping[str, Any]] | None = None


# The one shape of every source's records: what a task about one record is built from.
RECORD_COLUMNS: dict[str, TypeEngine[Any]] = {
    "position": Integer(),  # the source's own order (`row_number() over (order by ...)`)
    "ref": Uuid(),  # the record's id
    "name": String(),  # what the record is called (an agency, a process's title)
    "text": String(),
    "on": Date(),
    "until": Date(),
    "time": Time(),
    "done": Boolean(),
    "flag": Boolean(),
    "seen": Boolean(),  # whether who asks may see the record (true for everyone when it has no rule of its own)
}

_SOURCES: list[TaskSource] = []


def register(source: TaskSource) -> None:
    """Idempotent: registering the same source twice is a no-op."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def _values(session: Session, review: Review, also: Summary) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Every source's values, and `also` (what the review's read wants beside them), from one
    `SELECT (…) AS source__value, … FROM reviews WHERE id = :review`."""
    named = [(source.name, key, expression)
             for source in _SOURCES for key, expression in source.summary(review).items()]
    named += [("", key, expression) for key, expression in also.items()]
    found: dict[str, dict[str, Any]] = {name: {} for name in ["", *(source.name for source in _SOURCES)]}
    if named:
        row = session.execute(select(*(expression.label(f"{name}__{key}") for name, key, expression in named))
                              .where(Review.id == review.id)).one()
        for (name, key, _), value in zip(named, row, strict=True):
            found[name][key] = value
    return found, found.pop("")


def _records(session: Session, review: Review, principal: Principal | None) -> dict[str, list[Row[Any]]]:
    """Every listing source's rows, from one statement; each select names the review through `Review.id`."""
    listing = [(source.name, source.records(principal)) for source in _SOURCES if source.records is not None]
    found: dict[str, list[Row[Any]]] = {name: [] for name, _ in listing}
    if not listing:
        return found
    selects = []
    for name, stmt in listing:
        given = {column.key: column for column in stmt.selected_columns}
        assert set(given) <= set(RECORD_COLUMNS), f"{name}: records have the columns of RECORD_COLUMNS only"
        selects.append(stmt.with_only_columns(
            literal(name).label("source"),
            *(given.get(key, cast(null(), kind)).label(key) for key, kind in RECORD_COLUMNS.items()),
            maintain_column_froms=True).where(Review.id == review.id))
    for row in session.execute(union_all(*selects) if len(selects) > 1 else selects[0]):
        found[row.source].append(row)
    for rows in found.values():
        rows.sort(key=lambda row: row.position)
    return found


def _build(session: Session, review: Review, source: TaskSource, found: Found) -> list[ReviewTask]:
    if source.further is not None:
        found = Found({**found.values, **source.further(session, review, found)}, found.records)
    return source.build(review, found)


def tasks_with(session: Session, review: Review, principal: Principal | None = None, *,
               also: Summary | None = None) -> tuple[list[ReviewTask], dict[str, Any]]:
    """Every registered domain's tasks for `review`, in the order of the review's stages; for `principal`, only
    those about records it may see (a record hidden from it is not named in its task list either). `also`: more
    values about the review, asked in the same statement as the sources' (the review's read: its due date)."""
    order = {stage: index for index, stage in enumerate(ReviewStage)}
    (values, asked), records = _values(session, review, also or {}), _records(session, review, principal)
    found = [task for source in _SOURCES
             for task in _build(session, review, source, Found(values[source.name], records.get(source.name, [])))
             if task.seen_by(principal)]
    return sorted(found, key=lambda task: order[task.stage]), asked  # stable: each source's own order kept


def tasks_for(session: Session, review: Review, principal: Principal | None = None) -> list[ReviewTask]:
    """`tasks_with`, the tasks alone."""
    return tasks_with(session, review, principal)[0]
