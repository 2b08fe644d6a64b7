"""The overview report and its executive summary: the lead reviewer's draft, the versions shared, comments on
them, the anonymisation findings the business office accepted, the sign-off chain and publication."""

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.cases.models import BelongsToCase
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import User


def _enum(kind: type[StrEnum], length: int = 40) -> Enum:
    return Enum(kind, native_enum=False, length=length)


class ReportDocument(StrEnum):
    overview_report = "overview_report"
    executive_summary = "executive_summary"


class VersionSource(StrEnum):
    typed = "typed"
    docx = "docx"


class ReportDraft(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """The lead reviewer's working copy of one document of a review: edited with If-Match, seen by them only."""

    __tablename__ = "report_drafts"
    __table_args__ = (UniqueConstraint("review_id", "document"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    document: Mapped[ReportDocument] = mapped_column(_enum(ReportDocument))
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[VersionSource] = mapped_column(_enum(VersionSource, 20), default=VersionSource.typed)
    file_name: Mapped[str | None] = mapped_column(String(255))
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class ReportVersion(IdMixin, TimestampMixin, BelongsToCase, Base):
    """A version shared with the review group: never changed afterwards (a change is a new version)."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("review_id", "document", "number"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    document: Mapped[ReportDocument] = mapped_column(_enum(ReportDocument))
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[VersionSource] = mapped_column(_enum(VersionSource, 20))
    file_name: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)
    shared_at: Mapped[dt.datetime]
    shared_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The anonymisation check of `text`, worked out when the version is shared and kept: the text never changes,
    # so it is worked out again only when the case's identifying details have (`findings_checked_against` is
    # their fingerprint). None for a version shared before findings were kept, until it is first read.
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    findings_checked_against: Mapped[str | None] = mapped_column(String(64))
    # Kept so a page of versions reads neither the text nor the findings: the text's word count, and how many of
    # the kept findings name each key (what an acceptance names), kept together with `findings`.
    words: Mapped[int | None]
    finding_keys: Mapped[dict[str, int] | None] = mapped_column(JSON)

    shared_by: Mapped[User | None] = relationship(lazy="joined")


class CommentState(StrEnum):
    open = "open"
    answered = "answered"
    resolved = "resolved"


class ReportComment(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """A comment on a version (optionally on one paragraph), or an answer to one (`parent_id`)."""

    __tablename__ = "report_comments"

    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report_versions.id"), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_comments.id"), index=True)
    paragraph: Mapped[int | None]
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[CommentState] = mapped_column(_enum(CommentState, 20), default=CommentState.open)
    scrutineer_review: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[dt.datetime | None]
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    author: Mapped[User] = relationship(lazy="joined", foreign_keys=[author_id])
    report_version: Mapped[ReportVersion] = relationship(lazy="joined")


class FindingAcceptance(IdMixin, TimestampMixin, BelongsToCase, Base):
    """The business office's judgement that an anonymisation finding may stand, with the reason: it holds for the
    same words of the same kind in every version of the review's documents."""

    __tablename__ = "anonymisation_acceptances"
    __table_args__ = (UniqueConstraint("review_id", "key"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text)
    accepted_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    accepted_at: Mapped[dt.datetime]

    accepted_by: Mapped[User] = relationship(lazy="joined")


class SignOffState(StrEnum):
    """Where the sign-off chain has got to: each state names what is awaited next."""

    awaiting_review_group = "awaiting_review_group"
    awaiting_sub_group = "awaiting_sub_group"
    awaiting_partners = "awaiting_partners"
    awaiting_panel = "awaiting_panel"
    sent_to_panel = "sent_to_panel"


class SignOffStepName(StrEnum):
    review_group = "review_group"
    sub_group = "sub_group"
    local_authority = "local_authority"
    integrated_care_board = "integrated_care_board"
    police = "police"
    national_panel = "national_panel"


class SignOff(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """The overview report's sign-off chain for one review, on one version at a time."""

    __tablename__ = "report_sign_offs"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), unique=True)
    state: Mapped[SignOffState] = mapped_column(_enum(SignOffState), default=SignOffState.awaiting_review_group)
    version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_versions.id"))
    summary_version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_versions.id"))
    sent_to_panel_on: Mapped[dt.date | None]

    steps: Mapped[list["SignOffRecord"]] = relationship(lazy="selectin", order_by="SignOffRecord.recorded_at",
                                                        back_populates="sign_off")


class SignOffRecord(IdMixin, Base):
    """One step of the chain as it was taken: who, when, on which version; kept when a new version invalidates it."""

    __tablename__ = "report_sign_off_steps"

    sign_off_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report_sign_offs.id"), index=True)
    step: Mapped[SignOffStepName] = mapped_column(_enum(SignOffStepName))
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report_versions.id"))
    summary_version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_versions.id"))
    decided_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime]
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"))
    invalidated_at: Mapped[dt.datetime | None]
    invalidated_reason: Mapped[str | None] = mapped_column(Text)

    sign_off: Mapped[SignOff] = relationship(back_populates="steps")
    recorded_by: Mapped[User] = relationship(lazy="joined")
    version: Mapped[ReportVersion] = relationship(lazy="joined", foreign_keys=[version_id])


class PublicationState(StrEnum):
    planning = "planning"
    published = "published"


class Publication(IdMixin, TimestampMixin, Versioned, BelongsToCase, Base):
    """The plan for publishing the review's report, and the record of its publication."""

    __tablename__ = "report_publications"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), unique=True)
    state: Mapped[PublicationState] = mapped_column(_enum(PublicationState, 20), default=PublicationState.planning)
    planned_at: Mapped[dt.datetime | None]
    members_briefing_on: Mapped[dt.date | None]
    press_statement_on: Mapped[dt.date | None]
    published_at: Mapped[dt.datetime | None]
    published_version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_versions.id"))
    published_summary_version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("report_versions.id"))
    # The day the National Panel was told the review would not be complete within six months.
    panel_told_of_delay_on: Mapped[dt.date | None]
