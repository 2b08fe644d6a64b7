"""Earlier recommendations that resemble one being written: "improvements previously identified".

Text similarity is computed in the product with rapidfuzz's `token_set_ratio` (a kept, compiled library; no model,
no download, no external service). Token-set comparison suits recommendations: the same ask reworded, reordered or
padded ("Partners should ensure that…") still scores high, which a plain edit distance would miss, and it needs no
corpus statistics (TF-IDF would, and would shift as the library grows). Both texts are first reduced to their
content words (lowercased, punctuation and the small words of a recommendation's boilerplate removed), so two
recommendations are not alike merely for both saying "the partnership should ensure that".

The library is every recommendation the caller may see, newest first, capped at `LIBRARY_LIMIT` (one statement);
rapidfuzz scores 20,000 texts in well under a second.
"""

import re
import uuid

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.core.access import Principal
from backend.recommendations.models import Recommendation
from backend.recommendations.policy import visible_recommendations
from backend.recommendations.sources import source_label

LIBRARY_LIMIT = 20_000
THRESHOLD = 60  # below this, two texts share little more than a theme's vocabulary
MIN_WORDS = 3  # fewer content words than this and nothing is suggested yet

_STOP_WORDS = (
    "a about above after all also an and any are as at be been being both but by can could do does each for from had "
    "has have how if in into is it its may more must of on or other our ours should so such than that the their them "
    "then there these they this those through to under until up upon was we were what when where which while who "
    "whom will with within would you your ensure ensures ensuring partner partners partnership agencies agency "
    "relevant consider review safeguarding children child board")
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z0-9']+")


def content_words(text: str) -> str:
    """The text reduced to its content words, in order ("Partners should ensure GPs are invited" → "gps invited")."""
    return " ".join(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1)


def similar(session: Session, principal: Principal, text: str, *, exclude_id: uuid.UUID | None = None,
            limit: int = 5) -> list[tuple[Recommendation, str, int]]:
    """The earlier recommendations most like `text`, best first, with where each came from and its score (0–100).
    Two statements (the library, then the few matches)."""
    query = content_words(text)
    if len(query.split()) < MIN_WORDS:
        return []
    stmt = (select(Recommendation.id, Recommendation.text).where(visible_recommendations(principal))
            .order_by(Recommendation.made_on.desc(), Recommendation.id).limit(LIBRARY_LIMIT))
    if exclude_id is not None:
        stmt = stmt.where(Recommendation.id != exclude_id, Recommendation.parent_id.is_distinct_from(exclude_id))
    library = {rid: content_words(body) for rid, body in session.execute(stmt)}
    matches = process.extract(query, library, scorer=fuzz.token_set_ratio, score_cutoff=THRESHOLD, limit=limit)
    if not matches:
        return []
    scores = {key: int(round(score)) for _words, score, key in matches}
    found = {r.id: r for r in session.scalars(select(Recommendation).where(Recommendation.id.in_(scores)))}
    references = dict(session.execute(select(Case.id, Case.reference).where(
        Case.id.in_([r.case_id for r in found.values() if r.case_id is not None]))).tuples().all())
    result = []
    for rid in sorted(scores, key=lambda k: (-scores[k], str(k))):
        recommendation = found[rid]
        reference = references.get(recommendation.case_id) if recommendation.case_id else None
        result.append((recommendation, _source_of(recommendation, reference), scores[rid]))
    return result


def _source_of(recommendation: Recommendation, reference: str | None) -> str:
    return source_label(recommendation.source_type, reference, recommendation.source_title)
