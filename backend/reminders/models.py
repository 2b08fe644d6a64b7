"""Reminder policies, per-deadline reminder progress, the outbox and daily-digest items."""

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core import clock
from backend.core.db import Base, IdMixin, TimestampMixin


class ReminderPolicyRow(IdMixin, TimestampMixin, Base):
    """Business office's override of the built-in reminder policy for one deadline kind."""

    __tablename__ = "reminder_policies"

    kind: Mapped[str] = mapped_column(String(60), unique=True)
    before_working_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    on_the_day: Mapped[bool] = mapped_column(default=True)
    overdue_every_working_days: Mapped[int] = mapped_column(default=1)
    escalate_after_working_days: Mapped[int | None]
    escalate_to_agency_managers: Mapped[bool] = mapped_column(default=True)
    escalate_to_business_office: Mapped[bool] = mapped_column(default=True)
    what_is_needed: Mapped[str] = mapped_column(Text, default="")


class ReminderProgress(Base):
    """How far the sweep has got with one deadline, so a re-sweep only looks at what is due.

    `next_step_on` is the first date on which another reminder could fall due; the sweep skips
    the deadline until then, unless its due date changes.
    """

    __tablename__ = "reminder_progress"

    deadline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"), primary_key=True)
    due_date: Mapped[dt.date]
    last_step: Mapped[str | None] = mapped_column(String(40))
    next_step_on: Mapped[dt.date | None] = mapped_column(index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class OutboxStatus(StrEnum):
    queued = "queued"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class OutboxMessage(IdMixin, TimestampMixin, Base):
    """One e-mail, recorded before it is sent; `dedupe_key` makes sure it is only ever recorded once."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),)

    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[str] = mapped_column(String(40))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(String(300))
    # Reminders are recorded with their template and context and rendered when first claimed for
    # sending, which keeps a sweep over many deadlines fast; everything else is rendered at once.
    template: Mapped[str | None] = mapped_column(String(60))
    context: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    text_body: Mapped[str | None] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    # [{"filename", "content_type", "content_base64"}]: JSON keeps the table portable across databases.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    deadline_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("deadlines.id", ondelete="SET NULL"), index=True)
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, native_enum=False, length=20), default=OutboxStatus.queued
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    claimed_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None]


class DigestItemStatus(StrEnum):
    pending = "pending"
    included = "included"
    cancelled = "cancelled"


class DigestItem(IdMixin, Base):
    """A reminder held for a user who chose one daily digest instead of individual e-mails."""

    __tablename__ = "reminder_digest_items"
    __table_args__ = (Index("ix_reminder_digest_items_status_user_id", "status", "user_id"),)

    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    deadline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(40))
    status: Mapped[DigestItemStatus] = mapped_column(
        Enum(DigestItemStatus, native_enum=False, length=20), default=DigestItemStatus.pending
    )
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("outbox_messages.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
