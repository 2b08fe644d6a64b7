import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class InformationRequestState(StrEnum):
    requested = "requested"
    draft = "draft"
    submitted = "submitted"
    returned = "returned"


class InformationRequest(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """The Additional Information request (seed 003, Appendix 2b) one involved agency answers for a rapid review.

    `draft` is the agency's working copy, seen only by that agency; `submission` is what it last
    submitted, the only content anyone else reads.
    """

    __tablename__ = "information_requests"
    __table_args__ = (UniqueConstraint("rapid_review_id", "agency_id"),)

    rapid_review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rapid_reviews.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    requested_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[InformationRequestState] = mapped_column(
        Enum(InformationRequestState, native_enum=False, length=20), default=InformationRequestState.requested
    )
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    submission: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    submitted_at: Mapped[dt.datetime | None]
    submitted_by_name: Mapped[str | None] = mapped_column(String(200))
    return_reasons: Mapped[str | None] = mapped_column(Text)

    agency: Mapped[Agency] = relationship(lazy="joined")
