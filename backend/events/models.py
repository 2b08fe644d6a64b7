"""Practitioner events (learning events, de-briefs, author briefings), invitations and sign-ups."""

import datetime as dt
import uuid
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.reviews.models import Review


class EventKind(StrEnum):
    practitioner_learning_event = "practitioner_learning_event"
    involved_practitioner_debrief = "involved_practitioner_debrief"
    open_debrief = "open_debrief"
    author_briefing = "author_briefing"
    review_group_meeting = "review_group_meeting"


DEBRIEF_KINDS = frozenset({EventKind.involved_practitioner_debrief, EventKind.open_debrief})


class EventStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class SignUpStatus(StrEnum):
    confirmed = "confirmed"
    waiting_list = "waiting_list"
    cancelled = "cancelled"


class InvitationState(StrEnum):
    """Follows from `revoked_at`: an invitation's link works until it is revoked."""

    invited = "invited"
    revoked = "revoked"


class Attendance(StrEnum):
    in_person = "in_person"
    online = "online"


class SupportWanted(StrEnum):
    none = "none"
    before = "before"
    after = "after"
    both = "both"


class Seniority(StrEnum):
    frontline = "frontline"
    first_line_manager = "first_line_manager"
    senior_service_manager = "senior_service_manager"


def _enum(kind: type[StrEnum], length: int = 40) -> Enum:
    return Enum(kind, native_enum=False, length=length)


class Event(IdMixin, TimestampMixin, Versioned, Base):
    """An event of one review, held at local wall-clock times in `timezone` (Europe/London)."""

    __tablename__ = "events"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind))
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(index=True)
    start_time: Mapped[dt.time]
    end_time: Mapped[dt.time]
    timezone: Mapped[str] = mapped_column(String(60), default="Europe/London")
    location: Mapped[str | None] = mapped_column(String(300))
    virtual_link: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int]
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    support_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[EventStatus] = mapped_column(_enum(EventStatus, 20), default=EventStatus.scheduled)
    sign_up_open: Mapped[bool] = mapped_column(default=True)
    # Only a SHA-256 of the open link's token is kept: the link is shown once, and can be replaced.
    open_link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    open_link_expires_at: Mapped[dt.datetime | None]
    # Bumped when the time or place changes, so calendar clients replace the invitation they hold.
    sequence: Mapped[int] = mapped_column(default=0)

    review: Mapped[Review] = relationship(lazy="joined")

    @property
    def starts_at(self) -> dt.datetime:
        return local_instant(self.date, self.start_time, self.timezone)

    @property
    def ends_at(self) -> dt.datetime:
        return local_instant(self.date, self.end_time, self.timezone)

    @property
    def sign_up_expires_at(self) -> dt.datetime:
        return self.open_link_expires_at or self.ends_at


def local_instant(day: dt.date, time: dt.time, tz_name: str) -> dt.datetime:
    """The aware UTC instant of a wall-clock time in a named zone (zoneinfo knows the clock changes)."""
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(tz_name)).astimezone(dt.UTC)


class Invitation(IdMixin, TimestampMixin, Base):
    """A named practitioner nominated by their agency, or invited by the business office (e.g. the OIC)."""

    __tablename__ = "event_invitations"
    __table_args__ = (Index("ix_event_invitations_event_agency", "event_id", "agency_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    team: Mapped[str] = mapped_column(String(200), default="")
    involvement: Mapped[str] = mapped_column(Text, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[uuid.UUID | None]
    invited_by_name: Mapped[str] = mapped_column(String(200), default="")
    revoked_at: Mapped[dt.datetime | None]

    event: Mapped[Event] = relationship()
    agency: Mapped[Agency | None] = relationship(lazy="joined")

    @property
    def state(self) -> InvitationState:
        return InvitationState.invited if self.revoked_at is None else InvitationState.revoked


class SignUp(IdMixin, TimestampMixin, Base):
    """One practitioner's place (or waiting-list place) at one event, managed through a private link."""

    __tablename__ = "event_sign_ups"
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        UniqueConstraint("event_id", "queue_number"),
        Index("ix_event_sign_ups_event_status", "event_id", "status", "queue_number"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    invitation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("event_invitations.id"), index=True)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    # First come, first served: numbered under the event's row lock, so the waiting list has one order.
    queue_number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    agency_name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(200), default="")
    involvement: Mapped[str] = mapped_column(Text, default="")
    attendance: Mapped[Attendance] = mapped_column(_enum(Attendance, 20))
    access_needs: Mapped[str] = mapped_column(Text, default="")
    support: Mapped[SupportWanted] = mapped_column(_enum(SupportWanted, 20))
    seniority: Mapped[Seniority] = mapped_column(_enum(Seniority))
    directly_involved: Mapped[bool]
    status: Mapped[SignUpStatus] = mapped_column(_enum(SignUpStatus, 20))
    flagged: Mapped[bool] = mapped_column(default=False)
    flag_reason: Mapped[str | None] = mapped_column(Text)
    # The hash finds the sign-up; the sealed copy lets the service write to the person again later
    # (a place offered from the waiting list, a changed time) with the same private link.
    manage_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    manage_token_sealed: Mapped[str] = mapped_column(String(300))
    confirmed_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    attended: Mapped[bool | None]
    attendance_marked_at: Mapped[dt.datetime | None]

    event: Mapped[Event] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
