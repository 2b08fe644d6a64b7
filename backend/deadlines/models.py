import datetime as dt
import uuid
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import ColumnElement, Enum, ForeignKey, Index, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import Case
from backend.core.access import Role
from backend.core.db import Base, IdMixin, TimestampMixin

CHILD = "{child}"


def fill_title(title: str, child_reference: str) -> str:
    """A deadline's title as people read it: the case's reference as it is today in place of `{child}`."""
    return title.replace(CHILD, child_reference)


class DeadlineStatus(StrEnum):
    open = "open"
    met = "met"
    waived = "waived"


class DeadlineKind(StrEnum):
    """Every kind of deadline the registry keeps; reminder policies are set per kind."""

    referral_sign_off = "referral_sign_off"
    referral_decision = "referral_decision"
    incident_notification = "incident_notification"
    information_request = "information_request"
    rapid_review = "rapid_review"
    scrutineer_comment = "scrutineer_comment"
    partner_position = "partner_position"
    immediate_action = "immediate_action"
    review_completion = "review_completion"
    publication_notice = "publication_notice"
    debrief = "debrief"
    event_reminder = "event_reminder"
    agency_action = "agency_action"
    agency_chronology = "agency_chronology"
    key_event_analysis = "key_event_analysis"
    delay_panel_notice = "delay_panel_notice"
    report_sign_off = "report_sign_off"
    publication = "publication"
    members_briefing = "members_briefing"
    press_statement = "press_statement"
    panel_delay_notice = "panel_delay_notice"


def is_overdue(status: DeadlineStatus, due_date: dt.date, today: dt.date) -> bool:
    return status == DeadlineStatus.open and due_date < today


class Due(NamedTuple):
    """A record's deadline as a list shows it beside the record: three columns, not a `Deadline` (and its case)."""

    subject_id: uuid.UUID
    due_date: dt.date
    status: DeadlineStatus

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due_date, today)


# Kinds of deadline on an agency's own draft (a referral awaiting its senior manager's sign-off): the record is the
# agency's alone until it is shared, and so is its deadline, in lists and reminders alike. The rule is
# core/visibility.py's `own_or_shared`, with the kind standing for how far the record has got.
AGENCY_DRAFT_KINDS = frozenset({DeadlineKind.referral_sign_off})
SHARED_KINDS = frozenset(DeadlineKind) - AGENCY_DRAFT_KINDS


class SubjectType(StrEnum):
    """The kind of record a deadline is on."""

    referral = "referral"
    incident_notification = "incident_notification"
    information_request = "information_request"
    rapid_review = "rapid_review"
    immediate_action = "immediate_action"
    review = "review"
    event = "event"
    action = "action"
    agency_chronology = "agency_chronology"
    analysis_report = "analysis_report"
    review_delay = "review_delay"
    # One safeguarding partner's position on a rapid review or referral (partner_decisions/).
    partner_position = "partner_position"


def _stored_as_value(enum: type[StrEnum]) -> Enum:
    # The column stays VARCHAR(60) holding the value itself, as it did when it was a free string.
    return Enum(enum, native_enum=False, length=60, values_callable=lambda members: [m.value for m in members])


class Deadline(IdMixin, TimestampMixin, Base):
    """One statutory or local deadline for one record: the only place "overdue" is decided."""

    __tablename__ = "deadlines"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id"),
        Index("ix_deadlines_status_due_date", "status", "due_date"),
    )

    kind: Mapped[DeadlineKind] = mapped_column(_stored_as_value(DeadlineKind))
    subject_type: Mapped[SubjectType] = mapped_column(_stored_as_value(SubjectType))
    subject_id: Mapped[uuid.UUID]
    # What must be done; `{child}` in it stands for the case's reference, filled in when shown (`display_title`).
    title: Mapped[str] = mapped_column(String(300))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), index=True)
    link: Mapped[str] = mapped_column(String(300), default="/")
    due_date: Mapped[dt.date]
    owner_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    owner_role: Mapped[Role | None] = mapped_column(Enum(Role, native_enum=False, length=40))
    status: Mapped[DeadlineStatus] = mapped_column(
        Enum(DeadlineStatus, native_enum=False, length=20), default=DeadlineStatus.open
    )
    met_at: Mapped[dt.datetime | None]
    waived_at: Mapped[dt.datetime | None]
    waived_reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case | None] = relationship(lazy="joined")

    @property
    def child_reference(self) -> str:
        """The case's anonymised reference ("" for a deadline on no child's case)."""
        return self.case.reference if self.case is not None else ""

    @property
    def display_title(self) -> str:
        return fill_title(self.title, self.child_reference)

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due_date, today)

    @classmethod
    def overdue_clause(cls, today: dt.date) -> ColumnElement[bool]:
        return and_(cls.status == DeadlineStatus.open, cls.due_date < today)
