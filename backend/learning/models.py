"""Who the partnership's learning was sent to, and whether they discussed it.

A `Dissemination` is one agency's receipt of one learning briefing (a rapid review's 6 step briefing) or one
response document (the partnership's response to a review's or rapid review's recommendations): which of its teams
it went to, when, and the agency's confirmation that it was discussed in a team meeting. The business office
records the sending; the receiving agency's lead confirms from the product.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class DisseminatedItem(StrEnum):
    learning_briefing = "learning_briefing"
    response_document = "response_document"


class DisseminationState(StrEnum):
    sent = "sent"
    confirmed = "confirmed"  # the agency says it was discussed in a team meeting


class Dissemination(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    __tablename__ = "disseminations"
    __table_args__ = (
        CheckConstraint(
            "(item = 'learning_briefing' AND rapid_review_id IS NOT NULL AND review_id IS NULL)"
            " OR (item = 'response_document' AND (rapid_review_id IS NULL) <> (review_id IS NULL))",
            name="what_was_sent"),
    )

    item: Mapped[DisseminatedItem] = mapped_column(Enum(DisseminatedItem, native_enum=False, length=30))
    rapid_review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rapid_reviews.id"), index=True)
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    teams: Mapped[str] = mapped_column(String(500), default="")  # "Locality social work teams; MASH"
    sent_on: Mapped[dt.date]
    state: Mapped[DisseminationState] = mapped_column(Enum(DisseminationState, native_enum=False, length=20),
                                                      default=DisseminationState.sent)
    discussed_on: Mapped[dt.date | None]
    confirmation_note: Mapped[str | None] = mapped_column(Text)
    confirmed_at: Mapped[dt.datetime | None]
    confirmed_by_name: Mapped[str | None] = mapped_column(String(200))

    agency: Mapped[Agency] = relationship(lazy="joined")
