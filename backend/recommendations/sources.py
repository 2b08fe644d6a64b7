"""How the reports name where a recommendation came from: by the case's anonymised reference, or the other
source's title (an imported past review, an audit, a national review)."""

import uuid

from backend.recommendations.models import SourceType


def source_key(source_type: SourceType, review_id: uuid.UUID | None, rapid_review_id: uuid.UUID | None,
               title: str | None) -> str:
    """One key per source, so recommendations of the same review are counted once."""
    if source_type == SourceType.review:
        return f"review:{review_id}"
    if source_type == SourceType.rapid_review:
        return f"rapid_review:{rapid_review_id}"
    return f"other:{title}"


def source_label(source_type: SourceType, child_reference: str | None, title: str | None) -> str:
    if source_type == SourceType.review:
        return f"Review – {child_reference}"
    if source_type == SourceType.rapid_review:
        return f"Rapid review – {child_reference}"
    return title or "Another source"
