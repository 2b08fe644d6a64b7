"""The events a referral publishes; subscribers import these models (see core/domain_events.py)."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent
from backend.referrals.policy import ReviewType


class ReferralEvent(DomainEvent):
    subject_type: ClassVar[str] = "referral"


class ReferralSignOffRequested(ReferralEvent):
    """The referrer signed and asks their agency's senior manager to sign off."""

    type: ClassVar[str] = "referral.sign_off_requested"
    submitted_by: str
    resubmission: bool
    due_date: dt.date


class ReferralSubmitted(ReferralEvent):
    """Signed off by the senior manager: the business office now holds it, to be decided within 15 working days."""

    type: ClassVar[str] = "referral.submitted"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"review_type_requested", "submitted_on", "decision_due"})
    review_type_requested: ReviewType | None
    submitted_on: dt.date
    decision_due: dt.date


class ReferralSignOffDeclined(ReferralEvent):
    type: ClassVar[str] = "referral.sign_off_declined"
    reasons: str


class ReferralReturned(ReferralEvent):
    """Back to the referring agency with the business office's reasons."""

    type: ClassVar[str] = "referral.returned"
    reasons: str
    referrer_user_id: uuid.UUID | None


class ReferralDecided(ReferralEvent):
    """The three safeguarding partners' decision; `decided_on` is the date they decided, which may be before today."""

    type: ClassVar[str] = "referral.decided"
    webhook_fields: ClassVar[frozenset[str]] = frozenset({"agreed", "review_type", "recommended", "decided_on"})
    agreed: bool
    review_type: ReviewType | None  # the review agreed; None when no review will be held
    recommended: bool | None  # whether the business office recommended a review
    comments: str | None
    decided_on: dt.date
    referrer_user_id: uuid.UUID | None
    manager_user_id: uuid.UUID | None
