"""The review group that supports the lead reviewer: its members and its meetings (seed 003, "Establishing a
Review Group").

A meeting is a record of its own here, not an event of the events domain (`EventKind.review_group_meeting`):
events are for practitioners who sign up without an account (capacity, open links, waiting lists, calendar
invitations), while a review group meeting is a closed meeting of named members whose record is its minutes,
its decisions and the family engagement update every meeting must hold. The events domain keeps its kind for a
partnership that wants to send calendar invitations for a meeting; nothing here depends on it.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class Kept(StrEnum):
    """A member or a meeting has no stages: it is kept, changed or (a member) removed."""

    kept = "kept"


class ReviewGroupMember(IdMixin, TimestampMixin, Base):
    """A member of one review's group: a user of the service, or a named person from outside it."""

    __tablename__ = "review_group_members"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(200))

    agency: Mapped[Agency | None] = relationship(lazy="joined")
    kept = Kept.kept  # no stages: the member and meeting workflows' one state (review_groups/policy.py)


meeting_attendees = Table(
    "review_group_meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("review_group_meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("review_group_members.id"), primary_key=True),
)


class ReviewGroupMeeting(IdMixin, TimestampMixin, Versioned, Base):
    """One meeting of the review group: who came, the minutes, the decisions, and the family engagement update
    ("Family engagement will form part of every Review Group meeting", seed 003)."""

    __tablename__ = "review_group_meetings"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[dt.date]
    minutes: Mapped[str] = mapped_column(Text)
    decisions: Mapped[str] = mapped_column(Text, default="")
    family_engagement: Mapped[str] = mapped_column(Text)
    recorded_by_name: Mapped[str] = mapped_column(String(200))

    kept = Kept.kept
    attendees: Mapped[list[ReviewGroupMember]] = relationship(
        secondary=meeting_attendees, lazy="selectin", order_by=ReviewGroupMember.name)
