import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.submissions.models import AgencySubmission, SubmissionState


class AgencyChronology(IdMixin, TimestampMixin, BelongsToCase, Base):
    """One agency's chronology for a review (seed 003, Appendix 4c): its dated entries, asked for with a due date.

    It is answered through the agency's `AgencySubmission` (backend/submissions): the state, the revisions and the
    returns. The entries themselves are rows (`ChronologyEntry`), many to a chronology: the agency's working copy,
    and the copy it last submitted, which is what the integrated chronology merges. Its ETag is the submission's.
    """

    __tablename__ = "agency_chronologies"
    __table_args__ = (UniqueConstraint("review_id", "agency_id"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_submissions.id"), unique=True)
    requested_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency] = relationship(lazy="joined")
    submission: Mapped[AgencySubmission] = relationship(lazy="joined")

    @property
    def state(self) -> SubmissionState:
        return self.submission.state


class ChronologyEntry(IdMixin, TimestampMixin, Versioned, Base):
    """One dated entry of an agency's chronology: when, where it is recorded, what happened and why it matters.

    `submitted` False is the agency's working copy, seen only by that agency; submitting copies the working copy to
    rows with `submitted` True, replacing the last submitted copy. `review_id` and `agency_id` are the chronology's,
    kept on the row so the integrated chronology of a review is one indexed read, however many entries it has.
    """

    __tablename__ = "chronology_entries"
    __table_args__ = (
        Index("ix_chronology_entries_review_timeline", "review_id", "submitted", "occurred_on", "occurred_time"),
        Index("ix_chronology_entries_chronology_copy", "chronology_id", "submitted", "occurred_on"),
    )

    chronology_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_chronologies.id", ondelete="CASCADE"))
    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    submitted: Mapped[bool] = mapped_column(default=False)
    occurred_on: Mapped[dt.date]
    occurred_time: Mapped[dt.time | None]
    source: Mapped[str] = mapped_column(String(200))
    what_happened: Mapped[str] = mapped_column(Text)
    significance: Mapped[str] = mapped_column(Text, default="")
