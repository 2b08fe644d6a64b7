import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class SubmissionKind(StrEnum):
    """What an agency is asked to submit. Each kind is answered on its own record (an `InformationRequest`,
    in stage 2 an agency's chronology, key event analysis report or update on an action), which holds a
    `submission_id` to its `AgencySubmission`."""

    information_request = "information_request"
    # Stage 2: declared here so the table needs no change when they arrive.
    chronology = "chronology"
    key_event_analysis = "key_event_analysis"
    action_update = "action_update"


class SubmissionState(StrEnum):
    """requested → draft → submitted → returned → (draft →) submitted again: "resubmitted" is a submission
    after a return, i.e. revision 2 or later."""

    requested = "requested"
    draft = "draft"
    submitted = "submitted"
    returned = "returned"


class AgencySubmission(IdMixin, TimestampMixin, Versioned, Base):
    """What one agency is asked for and what it sent: its working draft, its last submission, and every
    submission before it (`revisions`).

    `draft` is the agency's own working copy, shown to nobody outside the agency, not even the business
    office (`core/visibility.py` `sees_agency_draft`). `content` is what it last submitted, the only content
    anyone else reads. The version (ETag) is the owning record's: every step is a change of this row.
    """

    __tablename__ = "agency_submissions"

    kind: Mapped[SubmissionKind] = mapped_column(Enum(SubmissionKind, native_enum=False, length=30))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    state: Mapped[SubmissionState] = mapped_column(
        Enum(SubmissionState, native_enum=False, length=20), default=SubmissionState.requested
    )
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The number of the latest revision: 0 until the first submission, 2 or more once resubmitted.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    submitted_at: Mapped[dt.datetime | None]
    # A person (users.id) or an agency's integration client (integration_clients.id), as the audit log says.
    submitted_by_id: Mapped[uuid.UUID | None]
    submitted_by_name: Mapped[str | None] = mapped_column(String(200))
    # The reasons of the latest return (kept once resubmitted, as the revision keeps them too).
    return_reasons: Mapped[str | None] = mapped_column(Text)

    agency: Mapped[Agency] = relationship(lazy="joined")

    @property
    def resubmitted(self) -> bool:
        return self.revision > 1


class AgencySubmissionRevision(IdMixin, Base):
    """One submission, kept as it was sent; returning it for more information fills in the return.

    Only ever added to (and the return written once), so the history of what an agency sent is never lost.
    """

    __tablename__ = "agency_submission_revisions"
    __table_args__ = (UniqueConstraint("submission_id", "number"),)

    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency_submissions.id", ondelete="CASCADE"),
                                                     index=True)
    number: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[dt.datetime]
    submitted_by_id: Mapped[uuid.UUID | None]
    submitted_by_name: Mapped[str] = mapped_column(String(200))
    returned_at: Mapped[dt.datetime | None]
    returned_by_id: Mapped[uuid.UUID | None]
    returned_by_name: Mapped[str | None] = mapped_column(String(200))
    return_reasons: Mapped[str | None] = mapped_column(Text)
