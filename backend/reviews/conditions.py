"""A review's stage conditions that read other records, answered for a whole page of reviews at once.

Each such condition is a `PageCondition`: a query answering for many reviews (rows of review, agency, name and
detail, as many per review as it needs) and its rule, which reads one review's rows. The rule is written once: a
review's own page, a stage change and the reviews list all run it. On its own a condition runs its query for the one
review it is asked about; inside `prefetched`, every condition the page's reviews may need is answered by one
statement for the whole page (the conditions' queries joined by UNION ALL), so a list costs the same whatever its
size.
"""

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, String, Uuid, cast, literal, null, union_all
from sqlalchemy.orm import Session, object_session

from backend.core.access import Principal
from backend.core.workflow import Workflow
from backend.reviews.models import Review, ReviewStage

# (review, agency, name, detail): what each condition's query answers, one row per thing it found.
Fact = tuple[uuid.UUID, uuid.UUID | None, str | None, str | None]
FactSelect = Select[uuid.UUID, uuid.UUID | None, str | None, str | None]
FactQuery = Callable[[Sequence[uuid.UUID]], FactSelect]

_PREFETCHED = "review_stage_conditions"


def no_agency() -> Any:
    """The agency column of a query that names none: a typed NULL, as PostgreSQL takes a bare one for text."""
    return cast(null(), Uuid).label("agency_id")


def no_text(column: str) -> Any:
    """A text column (`name`, `detail`) of a query that has nothing to say in it (labelled: two in one query)."""
    return cast(null(), String).label(column)


@dataclass(frozen=True, eq=False)
class PageCondition:
    """A condition of a review's stage step: `query` finds the facts for many reviews, `rule` says from one review's
    facts why it is not ready (a sentence) or None."""

    name: str
    query: FactQuery
    rule: Callable[[Review, list[Fact]], str | None]

    def __call__(self, review: Review) -> str | None:
        session = object_session(review)
        if session is None:
            return self.rule(review, [])
        page: _Answers | None = session.info.get(_PREFETCHED)
        if page is not None and review.id in page.asked.get(self, ()):
            facts = page.facts.get((self, review.id), [])
        else:
            facts = list(session.execute(self.query([review.id])).tuples())
        return self.rule(review, facts)


@dataclass
class _Answers:
    asked: dict[PageCondition, set[uuid.UUID]] = field(default_factory=dict)
    facts: dict[tuple[PageCondition, uuid.UUID], list[Fact]] = field(default_factory=dict)


def conditions_of(condition: object) -> Iterator[PageCondition]:
    """The page conditions a step's condition runs (itself, or those it combines)."""
    if isinstance(condition, PageCondition):
        yield condition
    for part in getattr(condition, "parts", ()):
        yield from conditions_of(part)


def _asked(workflow: Workflow[Review, ReviewStage], principal: Principal,
           reviews: Iterable[Review]) -> dict[PageCondition, set[uuid.UUID]]:
    """Each page condition, and the reviews whose stage is where a step it gates starts (a step the caller may take:
    `allowed_actions` never needs the others' answers)."""
    asked: dict[PageCondition, set[uuid.UUID]] = {}
    for review in reviews:
        for step in workflow.steps.values():
            if review.stage in step.sources and workflow.refusal(principal, review, step) is None:
                for condition in conditions_of(step.condition):
                    asked.setdefault(condition, set()).add(review.id)
    return asked


@contextmanager
def prefetched(session: Session, workflow: Workflow[Review, ReviewStage], principal: Principal,
               reviews: Sequence[Review]) -> Iterator[None]:
    """Inside the block, the conditions of the steps `principal` may take on `reviews` read their facts from one
    statement (none when no such step has a page condition)."""
    asked = _asked(workflow, principal, reviews)
    answers = _Answers(asked=asked)
    conditions = sorted(asked, key=lambda c: c.name)
    if conditions:
        names = {c.name: c for c in conditions}
        statement = union_all(*(c.query(sorted(asked[c])).add_columns(literal(c.name, String))
                                for c in conditions))
        for review_id, agency_id, name, detail, condition in session.execute(statement):
            answers.facts.setdefault((names[condition], review_id), []).append((review_id, agency_id, name, detail))
    previous = session.info.get(_PREFETCHED)
    session.info[_PREFETCHED] = answers
    try:
        yield
    finally:
        if previous is None:
            session.info.pop(_PREFETCHED, None)
        else:
            session.info[_PREFETCHED] = previous
