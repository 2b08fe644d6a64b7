import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.submissions.models import AgencySubmission


class ReportState(StrEnum):
    """requested → draft → awaiting sign-off (the author has signed) → submitted (an agency manager signed it off)
    → returned → … Until it is submitted the report is its agency's own."""

    requested = "requested"
    draft = "draft"
    awaiting_sign_off = "awaiting_sign_off"
    submitted = "submitted"
    returned = "returned"


class AnalysisReport(IdMixin, TimestampMixin, BelongsToCase, Base):
    """One agency's key event analysis report for a review (seed 003, Appendix 4b).

    The boxes (names, key events) are the agency's `AgencySubmission`'s content: its draft, what it submitted, every
    revision and every return. The signatures are typed attestations by the signed-in author and agency manager,
    kept here with their dates: the first submission's in Section 1, a revision's in "Report revision". Its ETag is
    the submission's.
    """

    __tablename__ = "analysis_reports"
    __table_args__ = (UniqueConstraint("review_id", "agency_id"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_submissions.id"), unique=True)
    requested_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ReportState] = mapped_column(Enum(ReportState, native_enum=False, length=20),
                                               default=ReportState.requested)

    # Section 1: the author's and the agency manager's signatures, as typed by the signed-in person, and when.
    author_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    author_signature: Mapped[str | None] = mapped_column(String(200))
    author_signed_on: Mapped[dt.date | None]
    manager_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    manager_signature: Mapped[str | None] = mapped_column(String(200))
    manager_signed_on: Mapped[dt.date | None]
    # "Report revision": the latest revision's signatures and date (a report returned and submitted again).
    revision_author_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    revision_author_signature: Mapped[str | None] = mapped_column(String(200))
    revision_manager_signed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    revision_manager_signature: Mapped[str | None] = mapped_column(String(200))
    revision_signed_on: Mapped[dt.date | None]

    agency: Mapped[Agency] = relationship(lazy="joined")
    submission: Mapped[AgencySubmission] = relationship(lazy="joined")

    @property
    def is_revision(self) -> bool:
        """Submitted before: this round's signatures go in "Report revision"."""
        return self.submission.revision > 0

    @property
    def current_author_id(self) -> uuid.UUID | None:
        """Who signed this round of the report as its author."""
        return self.revision_author_signed_by_id if self.is_revision else self.author_signed_by_id
