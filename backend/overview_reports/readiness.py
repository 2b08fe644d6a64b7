"""Whether a review may be recorded as published: only through its publication checklist (publication.py), which
checks the sign-off chain, the Panel's 14 days, the findings, the family, the parallel processes and the
de-briefs first; the review's own stage step asks this, so no other route publishes around it."""

from sqlalchemy import select
from sqlalchemy.orm import object_session

from backend.overview_reports.models import Publication
from backend.reviews.models import Review


def published_through_its_checklist(review: Review) -> str | None:
    session = object_session(review)
    published = session.scalar(select(Publication.published_at).where(Publication.review_id == review.id)) \
        if session is not None else None
    if published is None:
        return ("Publish from the review's publication page: its checklist must be complete first (the sign-off, "
                "the Panel's copy in time, the anonymisation findings, the family, parallel processes and de-briefs).")
    return None
