"""One-to-one discussions the lead reviewer offers practitioners who cannot come to the practitioner event.

The practitioner event itself is an event of the events domain (`EventKind.practitioner_learning_event`) on the
review; the guidance (seed 003, "Practitioner events") adds that a practitioner who cannot, or would find it too
distressing to, take part may have a one-to-one discussion with the lead reviewer, which the business office
arranges. Each is recorded here: who was offered it, when, and whether it was held or declined.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class OneToOneState(StrEnum):
    offered = "offered"
    held = "held"
    declined = "declined"


class OneToOne(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """A one-to-one discussion offered to one practitioner of one agency, for one review."""

    __tablename__ = "one_to_one_discussions"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    practitioner_name: Mapped[str] = mapped_column(String(200))
    practitioner_role: Mapped[str] = mapped_column(String(200))
    offered_on: Mapped[dt.date]
    offered_by: Mapped[str] = mapped_column(String(200))
    state: Mapped[OneToOneState] = mapped_column(Enum(OneToOneState, native_enum=False, length=20),
                                                 default=OneToOneState.offered)
    held_on: Mapped[dt.date | None]
    held_by: Mapped[str | None] = mapped_column(String(200))
    declined_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency] = relationship(lazy="joined")
