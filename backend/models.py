"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

from backend.actions.models import ActionUpdate, AgencyAction
from backend.analysis_reports.models import AnalysisReport
from backend.audit.models import AuditEvent
from backend.calendar.models import ClosureDay
from backend.cases.models import Case, CaseAccess
from backend.chronologies.models import AgencyChronology, ChronologyEntry
from backend.deadlines.models import Deadline
from backend.events.models import Event, Invitation, SignUp
from backend.family_engagement.models import FamilyContact, FamilyMember, FamilyRelationship
from backend.identity.models import Agency, IntegrationClient, RefreshToken, User
from backend.incident_notifications.models import IncidentNotification, NotifiedChild
from backend.information_requests.models import InformationRequest
from backend.integrations.models import IdempotencyKey, WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription
from backend.learning.models import Dissemination
from backend.overview_reports.models import (
    FindingAcceptance,
    Publication,
    ReportComment,
    ReportDraft,
    ReportVersion,
    SignOff,
    SignOffRecord,
)
from backend.parallel_processes.models import ParallelProcess
from backend.partner_decisions.models import PartnerPosition
from backend.practitioner_engagement.models import OneToOne
from backend.rapid_reviews.models import (
    ImmediateAction,
    LearningBriefing,
    RapidReview,
    RapidReviewComment,
    RapidReviewMeeting,
)
from backend.recommendations.models import Recommendation
from backend.referrals.models import Referral
from backend.reminders.models import DigestItem, OutboxMessage, ReminderPolicyRow, ReminderProgress
from backend.review_groups.models import ReviewGroupMeeting, ReviewGroupMember
from backend.reviews.models import CommissioningNotice, Review, ReviewDelay
from backend.submissions.models import AgencySubmission, AgencySubmissionRevision
from backend.terms_of_reference.models import TermsOfReferenceObservation, TermsOfReferenceVersion
from backend.themes.models import Theme

__all__ = [
    "ActionUpdate",
    "Agency",
    "AgencyAction",
    "AgencyChronology",
    "AgencySubmission",
    "AgencySubmissionRevision",
    "AnalysisReport",
    "AuditEvent",
    "Case",
    "CaseAccess",
    "ChronologyEntry",
    "ClosureDay",
    "CommissioningNotice",
    "Deadline",
    "Dissemination",
    "DigestItem",
    "Event",
    "FamilyContact",
    "FamilyMember",
    "FamilyRelationship",
    "FindingAcceptance",
    "IdempotencyKey",
    "ImmediateAction",
    "IncidentNotification",
    "InformationRequest",
    "IntegrationClient",
    "Invitation",
    "LearningBriefing",
    "NotifiedChild",
    "OneToOne",
    "OutboxMessage",
    "ParallelProcess",
    "PartnerPosition",
    "Publication",
    "RapidReview",
    "RapidReviewComment",
    "RapidReviewMeeting",
    "Recommendation",
    "Referral",
    "RefreshToken",
    "ReminderPolicyRow",
    "ReminderProgress",
    "ReportComment",
    "ReportDraft",
    "ReportVersion",
    "Review",
    "ReviewDelay",
    "ReviewGroupMeeting",
    "ReviewGroupMember",
    "SignOff",
    "SignOffRecord",
    "SignUp",
    "TermsOfReferenceObservation",
    "TermsOfReferenceVersion",
    "Theme",
    "User",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookSubscription",
]
