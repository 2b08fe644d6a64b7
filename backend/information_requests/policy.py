"""An information request's states and who may move it; and which requests and drafts each caller sees."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, false, true

from backend.core.access import Permission, Principal
from backend.core.errors import Forbidden, InvalidTransition
from backend.information_requests.models import InformationRequest, InformationRequestState

S = InformationRequestState


class Step(StrEnum):
    save_draft = "save_draft"
    submit = "submit"
    return_for_more = "return_for_more"


@dataclass(frozen=True)
class Transition:
    source: frozenset[InformationRequestState]
    target: InformationRequestState
    permission: Permission
    own_agency_only: bool


TRANSITIONS: dict[Step, Transition] = {
    Step.save_draft: Transition(frozenset({S.requested, S.draft, S.returned}), S.draft,
                                Permission.information_requests_respond, own_agency_only=True),
    Step.submit: Transition(frozenset({S.requested, S.draft, S.returned}), S.submitted,
                            Permission.information_requests_respond, own_agency_only=True),
    Step.return_for_more: Transition(frozenset({S.submitted}), S.returned,
                                     Permission.rapid_reviews_manage, own_agency_only=False),
}


def check_step(principal: Principal, request: InformationRequest, step: Step) -> Transition:
    transition = TRANSITIONS[step]
    if not principal.can(transition.permission):
        raise Forbidden(f"Your role cannot {step.value.replace('_', ' ')} an information request.")
    if transition.own_agency_only and not principal.in_agency(request.agency_id):
        raise Forbidden("Only the agency the request is addressed to answers it.")
    if request.state not in transition.source:
        raise InvalidTransition(
            f"An information request in state {request.state.value} cannot {step.value.replace('_', ' ')}.",
            current_state=request.state.value, allowed_from=sorted(s.value for s in transition.source),
        )
    return transition


def visible_requests(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see every request; an agency (person or client) sees only its own."""
    if principal.sees_all_agencies:
        return true()
    if principal.agency_id is None:
        return false()
    return InformationRequest.agency_id == principal.agency_id


def may_read_draft(principal: Principal, request: InformationRequest) -> bool:
    return principal.in_agency(request.agency_id)
