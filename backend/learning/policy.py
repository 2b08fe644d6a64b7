"""Who sees the learning reports and disseminations, and who confirms a dissemination.

Figures and reports: the business office, safeguarding partners and the scrutineer across agencies; an agency's people
their own agency's actions only; a lead reviewer the actions answering the reviews they lead (`actions_in_scope`).
The recurrent themes and repeats reports read recommendations through their own rule
(recommendations/policy.py), so each caller counts only what they may see.

A dissemination is seen by cross-agency roles, by the receiving agency, and by the lead reviewer of the review it
belongs to. Only the receiving agency's lead confirms it was discussed (the workflow below): anyone else who sees it
is refused (403); another agency does not see it at all (404).
"""

from sqlalchemy import ColumnElement, select

from backend.actions.models import AgencyAction
from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Step, Workflow
from backend.learning.models import Dissemination, DisseminationState
from backend.recommendations.models import Recommendation
from backend.reviews.models import Review

P = Permission
D = DisseminationState


def _led_by(user_id: object) -> ColumnElement[bool]:
    return Recommendation.review_id.in_(select(Review.id).where(Review.lead_reviewer_id == user_id))


def actions_in_scope(principal: Principal) -> ColumnElement[bool]:
    """The actions a caller's figures count."""
    return visible(principal, P.figures_read, agency=own_agency(AgencyAction.agency_id),
                   lead_reviewer=lambda user_id: AgencyAction.recommendation_id.in_(
                       select(Recommendation.id).where(_led_by(user_id))))


def reviews_in_scope(principal: Principal) -> ColumnElement[bool]:
    """The reviews whose completion deadlines a caller's timeliness figures count (agencies: none; the
    partnership's timeliness is the partnership's)."""
    return visible(principal, P.figures_read, lead_reviewer=lambda user_id: Review.lead_reviewer_id == user_id)


def visible_disseminations(principal: Principal) -> ColumnElement[bool]:
    return visible(principal, P.recommendations_read, agency=own_agency(Dissemination.agency_id),
                   lead_reviewer=lambda user_id: Dissemination.review_id.in_(
                       select(Review.id).where(Review.lead_reviewer_id == user_id)))


DISSEMINATION: Workflow[Dissemination, DisseminationState] = Workflow("dissemination", "dissemination", (
    Step("confirm", "Confirm it was discussed in a team meeting", frozenset({D.sent}), D.confirmed,
         P.learning_confirm, own_agency=True, people_only=True),
    Step("withdraw", "Remove this record of sending", frozenset({D.sent}), None, P.learning_disseminate,
         people_only=True),
), state="state", agency_of=lambda record: record.agency_id)
