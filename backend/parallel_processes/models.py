"""Processes running alongside a review (seed 003, Appendix 6): a criminal investigation or prosecution, care
proceedings, single-agency reviews, case mapping, disciplinary processes and LADO enquiries.

They matter to the review because they can restrict who takes part and, above all, because a prosecution can hold
publication back ("We will not expect to publish any final overview report until the completion of any
prosecution"). For a criminal process the business office keeps the officer in charge's contact, gives them the
terms of reference and tells them the practitioner event's date.
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


class ParallelProcessKind(StrEnum):
    criminal_investigation = "criminal_investigation"
    prosecution = "prosecution"
    care_proceedings = "care_proceedings"
    single_agency_review = "single_agency_review"
    case_mapping = "case_mapping"
    disciplinary = "disciplinary"
    lado = "lado"
    other = "other"


CRIMINAL_KINDS = frozenset({ParallelProcessKind.criminal_investigation, ParallelProcessKind.prosecution})


class ParallelProcessStatus(StrEnum):
    planned = "planned"
    active = "active"
    concluded = "concluded"


class ParallelProcess(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    __tablename__ = "parallel_processes"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[ParallelProcessKind] = mapped_column(Enum(ParallelProcessKind, native_enum=False, length=40))
    title: Mapped[str] = mapped_column(String(200))
    # The agency running it (the police for a criminal investigation, the employer for a disciplinary process):
    # that agency sees it; other agencies do not.
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    status: Mapped[ParallelProcessStatus] = mapped_column(
        Enum(ParallelProcessStatus, native_enum=False, length=20), default=ParallelProcessStatus.active)
    started_on: Mapped[dt.date | None]
    concluded_on: Mapped[dt.date | None]
    next_key_date: Mapped[dt.date | None]
    next_key_date_note: Mapped[str] = mapped_column(String(200), default="")
    officer_in_charge_name: Mapped[str] = mapped_column(String(200), default="")
    officer_in_charge_email: Mapped[str] = mapped_column(String(320), default="")
    officer_in_charge_phone: Mapped[str] = mapped_column(String(50), default="")
    terms_of_reference_given_on: Mapped[dt.date | None]
    practitioner_event_date_given_on: Mapped[dt.date | None]
    holds_publication: Mapped[bool] = mapped_column(default=False)
    publication_held_until: Mapped[str] = mapped_column(String(300), default="")
    publication_held_until_date: Mapped[dt.date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency | None] = relationship(lazy="joined")

    @property
    def holding_publication(self) -> bool:
        """Holds publication back now: marked so, and not yet concluded."""
        return self.holds_publication and self.status != ParallelProcessStatus.concluded
