"""Whether a review may be recorded as published: only through its publication checklist (publication.py), which
checks the sign-off chain, the Panel's 14 days, the findings, the family, the parallel processes and the
de-briefs first; the review's own stage step asks this, so no other route publishes around it."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from backend.overview_reports.models import Publication
from backend.reviews.conditions import Fact, FactSelect, PageCondition, no_agency, no_text
from backend.reviews.models import Review


def _published(review_ids: Sequence[uuid.UUID]) -> FactSelect:
    """The reviews whose publication checklist recorded the publication."""
    return select(Publication.review_id, no_agency(), no_text("name"), no_text("detail")).where(
        Publication.review_id.in_(review_ids), Publication.published_at.is_not(None))


def _rule(_review: Review, published: list[Fact]) -> str | None:
    if not published:
        return ("Publish from the review's publication page: its checklist must be complete first (the sign-off, "
                "the Panel's copy in time, the anonymisation findings, the family, parallel processes and de-briefs).")
    return None


published_through_its_checklist = PageCondition("published_through_its_checklist", _published, _rule)
