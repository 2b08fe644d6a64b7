"""Who sees which agency actions, and the action's steps: who takes each, from which states, to which state.

The owning agency starts its action, reports progress and asks for closure with the evidence of impact; the
business office approves the closure or sends it back with reasons, and may cancel with a reason. Nobody approves
the closure they asked for themselves.
"""

from sqlalchemy import ColumnElement

from backend.actions.models import ActionStatus, AgencyAction
from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Step, Workflow

S = ActionStatus
P = Permission
OPEN = frozenset({S.not_started, S.in_progress, S.completion_requested})
WORKING = frozenset({S.not_started, S.in_progress})


def visible_actions(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see every action; an agency (its people and its integration clients) only its own."""
    return visible(principal, P.actions_read, agency=own_agency(AgencyAction.agency_id))


def _not_the_requester(principal: Principal, action: AgencyAction) -> str | None:
    if action.completion_requested_by_id is not None and action.completion_requested_by_id == principal.id:
        return "You asked for this action to be closed; someone else must approve it."
    return None


AGENCY_ACTION: Workflow[AgencyAction, ActionStatus] = Workflow("action", "action", (
    Step("edit", "Change the action", OPEN, None, P.actions_manage),
    Step("start", "Start the action", frozenset({S.not_started}), S.in_progress, P.actions_update, own_agency=True),
    # Reporting progress on an action not yet started starts it.
    Step("post_update", "Post a progress update", WORKING, S.in_progress, P.actions_update, own_agency=True),
    Step("request_completion", "Ask for the action to be closed", WORKING, S.completion_requested,
         P.actions_update, own_agency=True),
    Step("approve_closure", "Approve the closure", frozenset({S.completion_requested}), S.complete,
         P.actions_manage, people_only=True, refusal=_not_the_requester),
    Step("send_back", "Send the action back", frozenset({S.completion_requested}), S.in_progress, P.actions_manage,
         people_only=True),
    Step("cancel", "Cancel the action", OPEN, S.cancelled, P.actions_manage, people_only=True),
), state="status", agency_of=lambda action: action.agency_id)
