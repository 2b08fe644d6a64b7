"""The rapid review's states, the moves between them and who may make each; and who sees which rapid reviews."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, exists, false, select, true

from backend.core.access import Permission, Principal
from backend.core.errors import Forbidden, InvalidTransition
from backend.rapid_reviews.models import RapidReview, RapidReviewState, rapid_review_agencies

S = RapidReviewState
P = Permission


class Move(StrEnum):
    record_meeting = "record_meeting"
    make_recommendation = "make_recommendation"
    decide = "decide"
    send_to_panel = "send_to_panel"
    record_panel_response = "record_panel_response"


@dataclass(frozen=True)
class Transition:
    source: frozenset[RapidReviewState]
    target: RapidReviewState
    permission: Permission


# The whole process (seed 003, Appendix 2a): the business office runs it; the strategic leads decide.
TRANSITIONS: dict[Move, Transition] = {
    Move.record_meeting: Transition(frozenset({S.gathering_information}), S.meeting_held, P.rapid_reviews_manage),
    Move.make_recommendation: Transition(frozenset({S.meeting_held}), S.recommendation_made, P.rapid_reviews_manage),
    Move.decide: Transition(frozenset({S.recommendation_made}), S.decided, P.rapid_reviews_decide),
    Move.send_to_panel: Transition(frozenset({S.decided}), S.sent_to_panel, P.rapid_reviews_manage),
    Move.record_panel_response: Transition(frozenset({S.sent_to_panel}), S.panel_responded, P.rapid_reviews_manage),
}

# Information requests go out while facts are gathered; the meeting record is corrected until it recommends.
REQUESTS_OPEN = frozenset({S.gathering_information, S.meeting_held})
MEETING_EDITABLE = frozenset({S.meeting_held})
ACTIONS_OPEN = frozenset(RapidReviewState) - {S.gathering_information}


def check_move(principal: Principal, rapid_review: RapidReview, move: Move) -> Transition:
    """403 for the wrong person, 409 for the wrong state: the one check every move goes through."""
    transition = TRANSITIONS[move]
    if not principal.can(transition.permission):
        raise Forbidden(f"Your role cannot {move.value.replace('_', ' ')}.")
    if rapid_review.state not in transition.source:
        raise InvalidTransition(
            f"A rapid review in state {rapid_review.state.value} cannot {move.value.replace('_', ' ')}.",
            current_state=rapid_review.state.value, allowed_from=sorted(s.value for s in transition.source),
        )
    return transition


def allowed_moves(principal: Principal, rapid_review: RapidReview) -> list[Move]:
    return [move for move, t in TRANSITIONS.items()
            if rapid_review.state in t.source and principal.can(t.permission)]


def visible_rapid_reviews(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; an agency sees the rapid reviews it is involved in."""
    if principal.sees_all_agencies:
        return true()
    if principal.agency_id is None:
        return false()
    return exists(select(rapid_review_agencies.c.rapid_review_id).where(
        rapid_review_agencies.c.rapid_review_id == RapidReview.id,
        rapid_review_agencies.c.agency_id == principal.agency_id,
    ))
