"""The family's part in a review (seed 003, "Family engagement"): a dated log of the letters and contacts, and the
genogram drawn up at the outset "to understand the family's structure".

The genogram's people are special category data: their names, dates of birth and addresses join the case's
identifying details (cases/identifying.py), so the anonymity checks look for them and reading them is audited.
"""

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin


class FamilyContactKind(StrEnum):
    initial_letter = "initial_letter"
    medical_records_consent = "medical_records_consent"
    mid_process_letter = "mid_process_letter"
    findings_offer = "findings_offer"
    lead_reviewer_contact = "lead_reviewer_contact"
    other = "other"


class FamilyAnswer(StrEnum):
    """Consent to medical records is given or refused; the offer to hear the findings accepted or declined."""

    given = "given"
    refused = "refused"
    accepted = "accepted"
    declined = "declined"


class RelationshipKind(StrEnum):
    """How the first member is related to the second ("Sam is the partner of Kerry")."""

    partner = "partner"
    former_partner = "former_partner"
    parent = "parent"
    sibling = "sibling"
    half_sibling = "half_sibling"
    grandparent = "grandparent"
    other = "other"


def _enum(kind: type[StrEnum]) -> Enum:
    return Enum(kind, native_enum=False, length=40)


class FamilyContact(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """One dated entry of the family engagement log: a letter, the answer on consent, a contact."""

    __tablename__ = "family_contacts"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[FamilyContactKind] = mapped_column(_enum(FamilyContactKind))
    occurred_on: Mapped[dt.date]
    with_whom: Mapped[str] = mapped_column(String(200), default="")
    delivered_by: Mapped[str] = mapped_column(String(200), default="")
    answer: Mapped[FamilyAnswer | None] = mapped_column(_enum(FamilyAnswer))
    answered_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_name: Mapped[str] = mapped_column(String(200), default="")


class FamilyMember(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """One person of the genogram, with their relationship to the child."""

    __tablename__ = "family_members"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_child: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[dt.date | None]
    address: Mapped[str] = mapped_column(String(300), default="")
    household: Mapped[str] = mapped_column(String(200), default="")
    deceased: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class FamilyRelationship(IdMixin, TimestampMixin, Base):
    """A line of the genogram between two members: the first is the `kind` of the second."""

    __tablename__ = "family_relationships"
    __table_args__ = (UniqueConstraint("from_member_id", "to_member_id", "kind"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    from_member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family_members.id", ondelete="CASCADE"),
                                                      index=True)
    to_member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family_members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RelationshipKind] = mapped_column(_enum(RelationshipKind))
    description: Mapped[str] = mapped_column(String(200), default="")

    from_member: Mapped[FamilyMember] = relationship(foreign_keys=[from_member_id], lazy="joined")
    to_member: Mapped[FamilyMember] = relationship(foreign_keys=[to_member_id], lazy="joined")
