"""The learning outputs of a review, rapid review or other source: recorded, numbered, tagged and answered.

Functions the rest of the learning tracker builds on: `create_recommendation` (the API and a history import
alike), `recommendations_of` (a source's list in order, sub-parts nested: the response document),
`search` (the scoped, filtered query) and `get_recommendation`.
"""

import datetime as dt
import uuid
from collections.abc import Sequence
from string import ascii_lowercase
from typing import Any

from sqlalchemy import Select, case, or_, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, touch
from backend.core.errors import Conflict, Invalid, NotFound
from backend.identity.models import Agency
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.service import agencies_by_id
from backend.rapid_reviews.service import get_rapid_review
from backend.recommendations.models import LearningKind, Recommendation, SourceType, recommendation_themes
from backend.recommendations.policy import allowed_actions, visible_recommendations
from backend.recommendations.schemas import (
    RecommendationCreate,
    RecommendationPartCreate,
    RecommendationRead,
    RecommendationRef,
    RecommendationUpdate,
)
from backend.reviews.service import get_review
from backend.themes.schemas import ThemeSummary
from backend.themes.service import themes_by_id

_FIELDS = ("kind", "number", "part", "text", "made_on", "addressed_to_partnership", "response")
# The order a review lists its learning in (seed 000): learning, recommendations, questions, single-agency.
KIND_ORDER = {kind: index for index, kind in enumerate(LearningKind)}


def _kind_order() -> Any:
    return case(*((Recommendation.kind == kind, index) for kind, index in KIND_ORDER.items()), else_=len(KIND_ORDER))


def search(
    principal: Principal, *, review_id: uuid.UUID | None = None, rapid_review_id: uuid.UUID | None = None,
    source_type: SourceType | None = None, kind: LearningKind | None = None, theme_id: uuid.UUID | None = None,
    agency_id: uuid.UUID | None = None, made_from: dt.date | None = None, made_to: dt.date | None = None,
    text: str | None = None,
) -> Select[Recommendation]:
    """Whole recommendations the caller may see (sub-parts come nested), by source, kind and number."""
    stmt = select(Recommendation).where(Recommendation.parent_id.is_(None), visible_recommendations(principal))
    if review_id is not None:
        stmt = stmt.where(Recommendation.review_id == review_id)
    if rapid_review_id is not None:
        stmt = stmt.where(Recommendation.rapid_review_id == rapid_review_id)
    if source_type is not None:
        stmt = stmt.where(Recommendation.source_type == source_type)
    if kind is not None:
        stmt = stmt.where(Recommendation.kind == kind)
    if made_from is not None:
        stmt = stmt.where(Recommendation.made_on >= made_from)
    if made_to is not None:
        stmt = stmt.where(Recommendation.made_on <= made_to)
    # A theme, agency or text matches the recommendation or any of its sub-parts.
    family = select(Recommendation.id.label("id"), Recommendation.parent_id.label("parent_id"))
    if theme_id is not None:
        tagged = family.join(recommendation_themes, recommendation_themes.c.recommendation_id == Recommendation.id
                             ).where(recommendation_themes.c.theme_id == theme_id).subquery()
        stmt = stmt.where(or_(Recommendation.id.in_(select(tagged.c.id)),
                              Recommendation.id.in_(select(tagged.c.parent_id))))
    if agency_id is not None:
        addressed = family.where(Recommendation.agencies.any(Agency.id == agency_id)).subquery()
        stmt = stmt.where(or_(Recommendation.id.in_(select(addressed.c.id)),
                              Recommendation.id.in_(select(addressed.c.parent_id))))
    if text:
        pattern = f"%{text.strip()}%"
        matching = family.where(or_(Recommendation.text.ilike(pattern), Recommendation.response.ilike(pattern))
                                ).subquery()
        stmt = stmt.where(or_(Recommendation.id.in_(select(matching.c.id)),
                              Recommendation.id.in_(select(matching.c.parent_id))))
    return stmt.order_by(Recommendation.made_on.desc(), Recommendation.case_id, Recommendation.source_title,
                         _kind_order(), Recommendation.number, Recommendation.id)


def recommendations_of(session: Session, *, review_id: uuid.UUID | None = None,
                       rapid_review_id: uuid.UUID | None = None) -> list[Recommendation]:
    """One source's learning in the order the report gives it (kind, then number), sub-parts in `parts`. Callers
    check the source is visible to whoever asked."""
    stmt = select(Recommendation).where(Recommendation.parent_id.is_(None))
    if review_id is not None:
        stmt = stmt.where(Recommendation.review_id == review_id)
    elif rapid_review_id is not None:
        stmt = stmt.where(Recommendation.rapid_review_id == rapid_review_id)
    else:
        raise ValueError("name a review or a rapid review")
    return list(session.scalars(stmt.order_by(_kind_order(), Recommendation.number, Recommendation.id)))


def get_recommendation(session: Session, principal: Principal, recommendation_id: uuid.UUID) -> Recommendation:
    recommendation = session.scalar(select(Recommendation).where(
        Recommendation.id == recommendation_id, visible_recommendations(principal)))
    if recommendation is None:
        raise NotFound("No such recommendation.")
    if recommendation.case_id is not None:
        note_read(session, principal, recommendation.case_id, "recommendation", recommendation.id)
    return recommendation


def as_read(principal: Principal, recommendation: Recommendation, *, with_repeats: bool = False) -> RecommendationRead:
    """The recommendation as the API shows it, its sub-parts nested; `with_repeats` on a single read only."""
    return RecommendationRead(
        id=recommendation.id, case_id=recommendation.case_id, child_reference=recommendation.child_reference,
        kind=recommendation.kind, number=recommendation.number, part=recommendation.part, label=recommendation.label,
        parent_id=recommendation.parent_id, text=recommendation.text, made_on=recommendation.made_on,
        source_type=recommendation.source_type, rapid_review_id=recommendation.rapid_review_id,
        review_id=recommendation.review_id, source_kind=recommendation.source_kind,
        source_title=recommendation.source_title, source_reference=recommendation.source_reference,
        addressed_to_partnership=recommendation.addressed_to_partnership,
        agencies=[AgencySummary.model_validate(a) for a in recommendation.agencies],
        themes=[ThemeSummary.model_validate(t) for t in recommendation.themes],
        response=recommendation.response, response_updated_at=recommendation.response_updated_at,
        parts=[as_read(principal, part) for part in recommendation.parts],
        repeats=[RecommendationRef.model_validate(r) for r in recommendation.repeats] if with_repeats else None,
        allowed_actions=allowed_actions(principal, recommendation),
    )


def _source(session: Session, actor: Principal, data: RecommendationCreate) -> dict[str, Any]:
    """Where it comes from, as columns; the review or rapid review must be one the caller may see."""
    given = [name for name in ("rapid_review_id", "review_id", "other_source") if getattr(data, name) is not None]
    if len(given) != 1:
        raise Invalid("Say where the recommendation comes from: a rapid review, a review or another source.",
                      errors=[(f"body.{name}", "give exactly one source") for name in
                              (given or ["rapid_review_id", "review_id", "other_source"])])
    try:
        if data.rapid_review_id is not None:
            rapid_review = get_rapid_review(session, actor, data.rapid_review_id)
            return {"source_type": SourceType.rapid_review, "rapid_review_id": rapid_review.id,
                    "case": rapid_review.case}
        if data.review_id is not None:
            review = get_review(session, actor, data.review_id)
            return {"source_type": SourceType.review, "review_id": review.id, "case": review.case}
    except NotFound as missing:
        raise Invalid("Choose a rapid review or review you can see.",
                      errors=[(f"body.{given[0]}", "no such rapid review or review")]) from missing
    assert data.other_source is not None
    return {"source_type": SourceType.other, "source_kind": data.other_source.kind,
            "source_title": data.other_source.title, "source_reference": data.other_source.reference}


def _number_taken(session: Session, recommendation: Recommendation, number: int) -> bool:
    stmt = select(Recommendation.id).where(
        Recommendation.parent_id.is_(None), Recommendation.kind == recommendation.kind,
        Recommendation.number == number, Recommendation.source_type == recommendation.source_type,
        Recommendation.review_id == recommendation.review_id if recommendation.review_id else
        Recommendation.rapid_review_id == recommendation.rapid_review_id if recommendation.rapid_review_id else
        Recommendation.source_title == recommendation.source_title)
    if recommendation.id is not None:
        stmt = stmt.where(Recommendation.id != recommendation.id)
    return session.scalar(stmt.limit(1)) is not None


def _earlier(session: Session, actor: Principal, ids: Sequence[uuid.UUID], path: str,
             itself: uuid.UUID | None = None) -> list[Recommendation]:
    wanted = list(dict.fromkeys(ids))
    found = {r.id: r for r in session.scalars(select(Recommendation).where(
        Recommendation.id.in_(wanted), visible_recommendations(actor)))} if wanted else {}
    errors = [(f"{path}.{i}", "is not a recommendation you can see" if rid not in found else "is this recommendation")
              for i, rid in enumerate(ids) if rid not in found or rid == itself]
    if errors:
        raise Invalid("Link only to earlier recommendations.", errors=errors)
    return [found[rid] for rid in wanted]


def _tags(session: Session, recommendation: Recommendation, data: RecommendationCreate | RecommendationPartCreate,
          path: str) -> None:
    recommendation.agencies = agencies_by_id(session, data.agency_ids, f"{path}.agency_ids")
    recommendation.themes = themes_by_id(session, data.theme_ids, f"{path}.theme_ids")


def create_recommendation(session: Session, actor: Principal, data: RecommendationCreate) -> Recommendation:
    """Record a learning output with its sub-parts, themes, addressees and the partnership's response."""
    source = _source(session, actor, data)
    now = clock.now()
    recommendation = Recommendation(kind=data.kind, number=data.number, text=data.text,
                                    made_on=data.made_on or clock.today(),
                                    addressed_to_partnership=data.addressed_to_partnership, response=data.response,
                                    response_updated_at=now if data.response else None, **source)
    if _number_taken(session, recommendation, data.number):
        raise Conflict(f"This source already has a {_kind_words(data.kind)} numbered {data.number}.",
                       errors=[("body.number", "is already used")])
    _tags(session, recommendation, data, "body")
    recommendation.repeats = _earlier(session, actor, data.repeats_ids, "body.repeats_ids")
    session.add(recommendation)
    session.flush()
    for index, part in enumerate(data.parts):
        _add_part(session, recommendation, part, f"body.parts.{index}")
    session.flush()
    audit.record(session, actor, "create", "recommendation", recommendation.id,
                 f"Recorded {_kind_words(data.kind)} {recommendation.label}"
                 + (f" for {recommendation.child_reference}" if recommendation.case_id else
                    f" from {recommendation.source_title}"),
                 audit.snapshot(recommendation, _FIELDS) | {"parts": len(data.parts)})
    return recommendation


def _kind_words(kind: LearningKind) -> str:
    return kind.value.replace("_", " ")


def _add_part(session: Session, parent: Recommendation, data: RecommendationPartCreate, path: str) -> Recommendation:
    if len(parent.parts) >= len(ascii_lowercase):
        raise Invalid("A recommendation has at most 26 sub-parts.", errors=[(path, "too many sub-parts")])
    part = Recommendation(
        kind=parent.kind, number=parent.number, part=ascii_lowercase[len(parent.parts)], parent_id=parent.id,
        text=data.text, made_on=parent.made_on, source_type=parent.source_type, rapid_review_id=parent.rapid_review_id,
        review_id=parent.review_id, source_kind=parent.source_kind, source_title=parent.source_title,
        source_reference=parent.source_reference, case=parent.case,
        addressed_to_partnership=data.addressed_to_partnership, response=data.response,
        response_updated_at=clock.now() if data.response else None)
    _tags(session, part, data, path)
    parent.parts.append(part)
    session.flush()
    return part


def add_part(session: Session, actor: Principal, recommendation_id: uuid.UUID,
             data: RecommendationPartCreate) -> Recommendation:
    """Add the next sub-part ("3c") to a whole recommendation; the recommendation gets a new version."""
    parent = get_recommendation(session, actor, recommendation_id)
    if parent.parent_id is not None:
        raise Conflict("A sub-part cannot have sub-parts of its own.")
    part = _add_part(session, parent, data, "body")
    touch(parent)
    audit.record(session, actor, "add_part", "recommendation", parent.id, f"Added sub-part {part.label}",
                 audit.snapshot(part, ("part", "text")))
    return parent


def update_recommendation(session: Session, actor: Principal, recommendation_id: uuid.UUID,
                          data: RecommendationUpdate, if_match: str | None) -> Recommendation:
    """Correct the wording, number, addressees or themes, record the partnership's response, link repeats."""
    recommendation = get_recommendation(session, actor, recommendation_id)
    check_version(recommendation, if_match)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if recommendation.source_type != SourceType.other and ({"source_title", "source_reference"} & set(changes)):
        raise Invalid("Only a recommendation from another source has a source title and reference.",
                      errors=[(f"body.{name}", "only for another source")
                              for name in ("source_title", "source_reference") if name in changes])
    if "number" in changes and recommendation.parent_id is not None:
        raise Invalid("A sub-part takes its number from its recommendation.",
                      errors=[("body.number", "change the whole recommendation's number")])
    before = audit.snapshot(recommendation, _FIELDS) | _links(recommendation)
    if "number" in changes and changes["number"] != recommendation.number:
        if _number_taken(session, recommendation, changes["number"]):
            raise Conflict(f"This source already has a {_kind_words(recommendation.kind)} numbered "
                           f"{changes['number']}.", errors=[("body.number", "is already used")])
        for part in recommendation.parts:
            part.number = changes["number"]
    if "agency_ids" in changes:
        recommendation.agencies = agencies_by_id(session, changes["agency_ids"], "body.agency_ids")
    if "theme_ids" in changes:
        recommendation.themes = themes_by_id(session, changes["theme_ids"], "body.theme_ids",
                                             keep=recommendation.themes)
    if "repeats_ids" in changes:
        recommendation.repeats = _earlier(session, actor, changes["repeats_ids"], "body.repeats_ids",
                                          itself=recommendation.id)
    if "response" in changes and changes["response"] != recommendation.response:
        recommendation.response_updated_at = clock.now()
    for name in ("number", "text", "made_on", "addressed_to_partnership", "response", "source_title"):
        if name in changes:
            setattr(recommendation, name, changes[name])
    if "source_reference" in data.model_fields_set:  # the one field null empties
        recommendation.source_reference = data.source_reference
    touch(recommendation)  # addressees, themes and repeats live in other tables
    session.flush()
    audit.record(session, actor, "update", "recommendation", recommendation.id,
                 f"Changed {_kind_words(recommendation.kind)} {recommendation.label}",
                 audit.diff(before, audit.snapshot(recommendation, _FIELDS) | _links(recommendation)))
    return recommendation


def _links(recommendation: Recommendation) -> dict[str, Any]:
    return {"agencies": sorted(str(a.id) for a in recommendation.agencies),
            "themes": sorted(str(t.id) for t in recommendation.themes),
            "repeats": sorted(str(r.id) for r in recommendation.repeats)}

