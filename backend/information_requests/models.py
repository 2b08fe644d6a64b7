import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.submissions.models import AgencySubmission, SubmissionState

# An information request is in the state of the agency's submission that answers it.
InformationRequestState = SubmissionState


class InformationRequest(IdMixin, TimestampMixin, BelongsToCase, Base):
    """The Additional Information request (seed 003, Appendix 2b) one involved agency answers for a rapid review.

    The agency's answer is its `AgencySubmission` (backend/submissions): the state, the draft only that agency
    sees, what it submitted, every revision and every return. Its version is the request's ETag.
    """

    __tablename__ = "information_requests"
    __table_args__ = (
        UniqueConstraint("rapid_review_id", "agency_id"),
        # Lists are newest first, an agency's or everyone's: a page is read off these indexes, not sorted.
        Index("ix_information_requests_agency_requested", "agency_id", "requested_on"),
        Index("ix_information_requests_requested_on", "requested_on"),
    )

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rapid_reviews.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_submissions.id"), unique=True)
    requested_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency] = relationship(lazy="joined")
    submission: Mapped[AgencySubmission] = relationship(lazy="joined")

    @property
    def state(self) -> SubmissionState:
        """Where the agency's answer is: the state of its submission."""
        return self.submission.state
