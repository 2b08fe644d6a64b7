"""Who sees which rapid reviews, and the rapid review's steps: who takes each, from which states, to which state.

`RAPID_REVIEW` holds every step a rapid review's screen offers, the state changes (seed 003, Appendix 2a: the
business office runs the process; Working Together 2023: the three safeguarding partners decide, jointly) and the
steps that leave the state as it is (send information requests, correct the meeting, add an immediate action,
comment, edit the briefing), so the
`allowed_actions` on a read names every button the caller may press now. `IMMEDIATE_ACTION` does the same for
an immediate action.
"""

from sqlalchemy import ColumnElement

from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Step, Workflow
from backend.partner_decisions import policy as partner_decisions
from backend.rapid_reviews.models import (
    ImmediateAction,
    ImmediateActionState,
    RapidReview,
    RapidReviewState,
    rapid_review_agencies,
)

S = RapidReviewState
P = Permission
_EVERY_STATE = frozenset(RapidReviewState)
# Information requests go out while facts are gathered, the meeting included, until it recommends.
_GATHERING = frozenset({S.gathering_information, S.meeting_held})


def _step(name: str, label: str, sources: frozenset[RapidReviewState], target: RapidReviewState | None,
          permission: Permission) -> Step[RapidReview, RapidReviewState]:
    return Step(name, label, sources, target, permission)


RAPID_REVIEW: Workflow[RapidReview, RapidReviewState] = Workflow("rapid_review", "rapid review", (
    _step("send_information_requests", "Send information requests", _GATHERING, None, P.rapid_reviews_manage),
    _step("record_meeting", "Record the meeting", frozenset({S.gathering_information}), S.meeting_held,
          P.rapid_reviews_manage),
    # The meeting record is corrected until the recommendation is made on it.
    _step("correct_meeting", "Correct the meeting record", frozenset({S.meeting_held}), None,
          P.rapid_reviews_manage),
    # Immediate actions come from the meeting, and may be added at any time after it.
    _step("add_immediate_action", "Add an immediate action", _EVERY_STATE - {S.gathering_information}, None,
          P.rapid_reviews_manage),
    _step("make_recommendation", "Make the recommendation", frozenset({S.meeting_held}), S.recommendation_made,
          P.rapid_reviews_manage),
    # Each safeguarding partner records (or, until the decision stands, changes) its position; the third completes
    # the step, and the rapid review is decided (partner_decisions/service.py).
    Step("record_partner_position", "Record your safeguarding partner's position", frozenset({S.recommendation_made}),
         None, P.rapid_reviews_decide, people_only=True, refusal=partner_decisions.refusal, completes=S.decided),
    _step("send_to_panel", "Send the report to the National Panel", frozenset({S.decided}), S.sent_to_panel,
          P.rapid_reviews_manage),
    _step("record_panel_response", "Record the National Panel's response", frozenset({S.sent_to_panel}),
          S.panel_responded, P.rapid_reviews_manage),
    _step("comment", "Comment on the rapid review", _EVERY_STATE, None, P.rapid_reviews_comment),
    _step("edit_briefing", "Edit the learning briefing", _EVERY_STATE, None, P.rapid_reviews_manage),
))


def _not_yet_complete(action: ImmediateAction) -> str | None:
    return "This action is already complete." if action.completed_on is not None else None


def _owner_or_business_office(principal: Principal, action: ImmediateAction) -> str | None:
    if principal.is_business_office or principal.in_agency(action.agency_id):
        return None
    return "Only the owning agency or the business office completes this action."


# An action's state follows from its completion date, so the step sets the date, not the state; a completed
# action is refused by the condition, which says so in words.
IMMEDIATE_ACTION: Workflow[ImmediateAction, ImmediateActionState] = Workflow(
    "immediate_action", "immediate action", (
        Step("complete", "Mark the action as complete", frozenset(ImmediateActionState), None,
             P.immediate_actions_complete, condition=_not_yet_complete, refusal=_owner_or_business_office),
    ),
)


def visible_rapid_reviews(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; an agency sees the rapid reviews it is involved in."""
    return visible(principal, agency=lambda agency_id: involves(rapid_review_agencies, RapidReview.id, agency_id))
