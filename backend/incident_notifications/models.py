import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Column, Enum, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency
from backend.incident_notifications.characteristics import (
    Ethnicity,
    LookedAfterStatus,
    PlacementType,
    PlanStatus,
    Sex,
    YesNoNotKnown,
)


class IncidentCategory(StrEnum):
    """What happened to the child, as the National Panel's notification asks."""

    death = "death"
    serious_harm = "serious_harm"
    death_of_looked_after_child = "death_of_looked_after_child"
    # Up to and including age 24 (the value's name is older than the rule and kept for the API's callers).
    death_of_care_leaver_under_25 = "death_of_care_leaver_under_25"


class NotificationState(StrEnum):
    """Follows from `notified_panel_on`: a notification waits for the day the National Panel was told."""

    awaiting_panel_notification = "awaiting_panel_notification"
    panel_notified = "panel_notified"


incident_notification_agencies = Table(
    "incident_notification_agencies",
    Base.metadata,
    Column("notification_id", ForeignKey("incident_notifications.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
)


class IncidentNotification(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """A serious incident notification the local authority sends to the National Panel."""

    __tablename__ = "incident_notifications"

    incident_date: Mapped[dt.date]
    became_aware_on: Mapped[dt.date]
    category: Mapped[IncidentCategory] = mapped_column(Enum(IncidentCategory, native_enum=False, length=40))
    abuse_or_neglect_suspected: Mapped[bool]
    summary: Mapped[str] = mapped_column(Text)
    notified_panel_on: Mapped[dt.date | None]
    # The Panel asks where the incident happened and which council the child lived in (null on notifications
    # recorded before it was asked).
    incident_council: Mapped[str | None] = mapped_column(String(120))
    home_council: Mapped[str | None] = mapped_column(String(120))
    # The local authority's agency: it sent the notification, so it may see who the children are.
    notifying_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)

    notifying_agency: Mapped[Agency | None] = relationship(lazy="joined")
    agencies: Mapped[list[Agency]] = relationship(
        secondary=incident_notification_agencies, lazy="selectin", order_by=Agency.name
    )
    children: Mapped[list["NotifiedChild"]] = relationship(
        back_populates="notification", cascade="all, delete-orphan",
        order_by="NotifiedChild.position",
    )

    @property
    def state(self) -> NotificationState:
        return (NotificationState.awaiting_panel_notification if self.notified_panel_on is None
                else NotificationState.panel_notified)


def _enum(kind: type[StrEnum], length: int = 40) -> Enum:
    return Enum(kind, native_enum=False, length=length)


class NotifiedChild(IdMixin, Base):
    """One child named in a notification. The name, date of birth and address identify the child (read only by
    those allowed, and audited); the rest are the characteristics the National Panel asks for, read by whoever
    reads the notification (special category data all the same)."""

    __tablename__ = "notified_children"

    notification_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incident_notifications.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[dt.date]
    address: Mapped[str] = mapped_column(Text)

    age_at_incident: Mapped[int]  # from the date of birth and the incident date, kept so it reads without them
    sex: Mapped[Sex] = mapped_column(_enum(Sex, 60))
    ethnicity: Mapped[Ethnicity] = mapped_column(_enum(Ethnicity, 120))
    ethnicity_description: Mapped[str | None] = mapped_column(String(200))
    disability: Mapped[YesNoNotKnown] = mapped_column(_enum(YesNoNotKnown))
    disability_description: Mapped[str | None] = mapped_column(Text)
    looked_after_status: Mapped[LookedAfterStatus] = mapped_column(_enum(LookedAfterStatus))
    placement_type: Mapped[PlacementType | None] = mapped_column(_enum(PlacementType))
    placement_description: Mapped[str | None] = mapped_column(String(200))
    child_in_need_plan: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus))
    child_protection_plan: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus))
    known_to_agencies: Mapped[YesNoNotKnown] = mapped_column(_enum(YesNoNotKnown))
    known_agencies: Mapped[str | None] = mapped_column(Text)

    notification: Mapped[IncidentNotification] = relationship(back_populates="children")

    @property
    def child(self) -> int:
        """The child's number on the notification, as people count: 1 to 4."""
        return self.position + 1
