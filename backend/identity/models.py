import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.access import Principal, Role
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin


class AgencyKind(StrEnum):
    police = "police"
    childrens_social_care = "childrens_social_care"
    health = "health"
    education = "education"
    probation = "probation"
    other = "other"


class SafeguardingPartner(StrEnum):
    """The three statutory safeguarding partners (Working Together 2023), in the order they are named.

    Labels, and which agency is each, live in identity/partners.py."""

    local_authority = "local_authority"
    integrated_care_board = "integrated_care_board"
    police = "police"


class ReminderDelivery(StrEnum):
    individual = "individual"
    daily_digest = "daily_digest"


class Agency(IdMixin, TimestampMixin, Versioned, Base):
    __tablename__ = "agencies"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[AgencyKind] = mapped_column(Enum(AgencyKind, native_enum=False, length=40))
    # Which of the three statutory safeguarding partners this agency is, if any: one agency per partner.
    safeguarding_partner: Mapped[SafeguardingPartner | None] = mapped_column(
        Enum(SafeguardingPartner, native_enum=False, length=40), unique=True)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def statutory_partner(self) -> bool:
        """Read-only: the agency is one of the three safeguarding partners."""
        return self.safeguarding_partner is not None


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    job_title: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=40))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    reminder_delivery: Mapped[ReminderDelivery] = mapped_column(
        Enum(ReminderDelivery, native_enum=False, length=20), default=ReminderDelivery.individual
    )

    agency: Mapped[Agency | None] = relationship(lazy="joined")

    def as_principal(self) -> Principal:
        """The user as the access rules see them (requests, demo data and tests alike)."""
        return Principal(kind="user", id=self.id, name=self.name, role=Role(self.role), agency_id=self.agency_id)


class IntegrationClient(IdMixin, TimestampMixin, Base):
    """A partnership system (e.g. a children's trust case system) acting for one agency."""

    __tablename__ = "integration_clients"

    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(128))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)

    agency: Mapped[Agency] = relationship(lazy="joined")


class RefreshToken(IdMixin, Base):
    """Opaque, stored hashed; each use rotates it within its family, and reuse revokes the family."""

    __tablename__ = "refresh_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
