"""The review's terms of reference and key lines of enquiry, version by version, with the scrutineer's
observations on each and the version the review group agreed (seed 003, "Developing Terms of Reference and
Establishing Key Lines of Enquiry")."""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin


class TermsState(StrEnum):
    draft = "draft"
    agreed = "agreed"
    superseded = "superseded"  # an agreed version replaced by a later agreed one


class TermsOfReferenceVersion(IdMixin, TimestampMixin, Versioned, Base):
    """One version of the terms of reference: a draft while it is written, then agreed by the review group.

    Each version is its own row, so what was agreed and what the scrutineer commented on are never overwritten;
    a revision after agreement is a new draft."""

    __tablename__ = "terms_of_reference_versions"
    __table_args__ = (UniqueConstraint("review_id", "number"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    state: Mapped[TermsState] = mapped_column(Enum(TermsState, native_enum=False, length=20),
                                              default=TermsState.draft)
    terms: Mapped[str] = mapped_column(Text, default="")
    key_lines_of_enquiry: Mapped[list[str]] = mapped_column(JSON, default=list)
    drafted_by_name: Mapped[str] = mapped_column(String(200))
    agreed_on: Mapped[dt.date | None]
    agreed_by_name: Mapped[str | None] = mapped_column(String(200))
    agreed_at_meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_group_meetings.id"))

    observations: Mapped[list["TermsOfReferenceObservation"]] = relationship(
        lazy="selectin", order_by="TermsOfReferenceObservation.created_at", cascade="all, delete-orphan")


class TermsOfReferenceObservation(IdMixin, TimestampMixin, Base):
    """The independent scrutineer's observation on one version."""

    __tablename__ = "terms_of_reference_observations"

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("terms_of_reference_versions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
