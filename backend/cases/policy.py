"""Who sees a case and who reads what identifies the child: built from each stage's own visibility rule.

A case is visible to whoever may see at least one of its records, and shows each caller only the records
they may see; an unseen case answers 404. Identifying details follow the rules the referral and the
notification already keep: the business office and safeguarding partners (`identifying_details:read`), and the
agency that referred or notified, for what it itself gave.
"""

from sqlalchemy import ColumnElement, exists, false, or_, select

from backend.actions.models import AgencyAction
from backend.actions.policy import visible_actions
from backend.cases.models import Case
from backend.core.access import Permission, Principal
from backend.incident_notifications.models import IncidentNotification
from backend.incident_notifications.policy import may_see_identifying_details, visible_notifications
from backend.information_requests.models import InformationRequest
from backend.information_requests.policy import visible_requests
from backend.rapid_reviews.models import RapidReview
from backend.rapid_reviews.policy import visible_rapid_reviews
from backend.recommendations.models import Recommendation
from backend.recommendations.policy import visible_recommendations
from backend.referrals.models import Referral
from backend.referrals.policy import sees_identifying_details, visible_clause
from backend.reviews.models import Review
from backend.reviews.policy import visible_reviews

P = Permission


def visible_referrals(principal: Principal) -> ColumnElement[bool]:
    return visible_clause(principal, Referral.agency_id, Referral.state)


def stage_clauses(principal: Principal) -> dict[type, ColumnElement[bool]]:
    """For each kind of record the caller may read at all, the WHERE clause of those they may see."""
    readable = {
        Referral: (P.referrals_read, visible_referrals),
        IncidentNotification: (P.notifications_read, visible_notifications),
        RapidReview: (P.rapid_reviews_read, visible_rapid_reviews),
        InformationRequest: (P.information_requests_read, visible_requests),
        Review: (P.reviews_read, visible_reviews),
        Recommendation: (P.recommendations_read, visible_recommendations),
        AgencyAction: (P.actions_read, visible_actions),
    }
    return {model: clause(principal) for model, (permission, clause) in readable.items() if principal.can(permission)}


def visible_cases(principal: Principal) -> ColumnElement[bool]:
    """The cases with at least one record the caller may see."""
    clauses = [exists(select(model.id).where(model.case_id == Case.id, clause))  # type: ignore[attr-defined]
               for model, clause in stage_clauses(principal).items()]
    return or_(*clauses) if clauses else false()


def sees_identifying_details_of(principal: Principal, record: Referral | IncidentNotification) -> bool:
    """The same people the referral and the notification show them to, record by record."""
    if isinstance(record, Referral):
        return sees_identifying_details(principal, record.agency_id)
    return may_see_identifying_details(principal, record)
