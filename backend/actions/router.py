import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from backend.actions import export, service
from backend.actions.models import ActionStatus, AgencyAction
from backend.actions.schemas import (
    ActionCreate,
    ActionDetail,
    ActionRead,
    ActionSort,
    ActionUpdate,
    Cancellation,
    ClosureApproval,
    CompletionRequest,
    ProgressUpdate,
    SendBack,
)
from backend.actions.service import ActionFilters
from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.admission import LARGE_ANSWER
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, VERSIONED_STEP, IfMatch, OptionalIfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, page_response, paginate
from backend.core.schemas import QueryDate
from backend.core.visibility import in_scope

router = APIRouter(prefix="/api/v1/actions", tags=["actions"], responses=PROBLEM_RESPONSES)
ActionInScope = Annotated[AgencyAction, in_scope(service.get_action, "action_id", P.actions_read)]


def action_filters(
    agency_id: uuid.UUID | None = None,
    status: Annotated[list[ActionStatus], Query(max_length=5, description="Any of these statuses (repeat it)")] = [],  # noqa: B006
    overdue: Annotated[bool | None, Query(description="Past its due working day and not complete")] = None,
    theme_id: uuid.UUID | None = None,
    review_id: Annotated[uuid.UUID | None, Query(description="Answering this review's recommendations")] = None,
    rapid_review_id: Annotated[uuid.UUID | None, Query(
        description="Answering this rapid review's recommendations or immediate actions")] = None,
    recommendation_id: Annotated[uuid.UUID | None, Query(description="Answering it or one of its sub-parts")] = None,
    owner_id: uuid.UUID | None = None,
    due_from: QueryDate | None = None,
    due_to: QueryDate | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the action, its outcome or evidence, the "
                                                               "recommendation, or the child's reference")] = None,
    sort: ActionSort = ActionSort.due_date,
) -> ActionFilters:
    return ActionFilters(agency_id=agency_id, status=tuple(status), overdue=overdue, theme_id=theme_id,
                         review_id=review_id, rapid_review_id=rapid_review_id, recommendation_id=recommendation_id,
                         owner_id=owner_id, due_from=due_from, due_to=due_to, text=q, sort=sort)


Filters = Annotated[ActionFilters, Depends(action_filters)]


def _visible(session: DbSession, principal: CurrentPrincipal, action_id: uuid.UUID) -> None:
    service.check_visible(session, principal, action_id)


# An agency's step with a body: another agency's action answers 404 before the body is read, never 422 (which would
# tell the action apart from one that does not exist). Placed after the permission, so a caller without it gets 403.
Visible = Annotated[None, Depends(_visible)]


@router.get("", response_model=Page[ActionRead])
def list_actions(session: DbSession, principal: Annotated[Principal, Requires(P.actions_read)],
                 page: Annotated[PageParams, Depends(page_params)], filters: Filters) -> Response:
    """The action tracker: the actions the caller may see (an agency its own), filtered and sorted, a page at a
    time, each with its deadline and whether it is overdue on the working-day calendar."""
    rows, total = paginate(session, service.search(principal, filters), page)
    return page_response(ActionRead, service.read_page(session, principal, rows), total, page)


def _attachment(extension: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="actions.{extension}"'}


@router.get("/export.xlsx", response_class=Response,
            responses={200: {"content": {export.XLSX_MEDIA_TYPE: {}}, "description": "The filtered actions"}},
            dependencies=[LARGE_ANSWER])
def export_xlsx(session: DbSession, principal: Annotated[Principal, Requires(P.actions_read)],
                filters: Filters) -> Response:
    """The tracker's filtered actions as a spreadsheet (the same filters as the list, every page)."""
    return Response(export.to_xlsx(export.rows(session, principal, filters)), media_type=export.XLSX_MEDIA_TYPE,
                    headers=_attachment("xlsx"))


@router.get("/export.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The filtered actions"}},
            dependencies=[LARGE_ANSWER])
def export_csv(session: DbSession, principal: Annotated[Principal, Requires(P.actions_read)],
               filters: Filters) -> Response:
    """The tracker's filtered actions as CSV (the same filters as the list, every page)."""
    return Response(export.to_csv(export.rows(session, principal, filters)), media_type=export.CSV_MEDIA_TYPE,
                    headers=_attachment("csv"))


@router.post("", response_model=ActionDetail, status_code=201, responses=VERSIONED_READ)
def create_action(session: DbSession, principal: Annotated[Principal, Requires(P.actions_manage)],
                  data: ActionCreate, response: Response) -> ActionDetail:
    """Set an action for an agency answering a recommendation (business office)."""
    action = service.create_action(session, principal, data)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.get("/{action_id}", response_model=ActionDetail, responses=VERSIONED_READ)
def read_action(session: DbSession, principal: Annotated[Principal, Requires(P.actions_read)],
                action: ActionInScope, response: Response) -> ActionDetail:
    """One action with every update the agency made; `allowed_actions` names the steps open to you now."""
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.patch("/{action_id}", response_model=ActionDetail, responses=VERSIONED_EDIT)
def update_action(session: DbSession, principal: Annotated[Principal, Requires(P.actions_manage)],
                  action_id: uuid.UUID, data: ActionUpdate, if_match: IfMatch, response: Response) -> ActionDetail:
    """Change the action, its owner or its due date (business office). `If-Match` required."""
    action = service.update_action(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/start", response_model=ActionDetail, responses=VERSIONED_STEP)
def start(session: DbSession, principal: Annotated[Principal, Requires(P.actions_update)], action_id: uuid.UUID,
          if_match: OptionalIfMatch, response: Response) -> ActionDetail:
    """Record that the owning agency has started the action."""
    action = service.start(session, principal, action_id, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/updates", response_model=ActionDetail, responses=VERSIONED_STEP)
def post_update(session: DbSession, principal: Annotated[Principal, Requires(P.actions_update)], _visible: Visible,
                action_id: uuid.UUID, data: ProgressUpdate, if_match: OptionalIfMatch,
                response: Response) -> ActionDetail:
    """A dated progress update from the owning agency, with the evidence of impact when there is some."""
    action = service.post_update(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/request-completion", response_model=ActionDetail, responses=VERSIONED_STEP)
def request_completion(session: DbSession, principal: Annotated[Principal, Requires(P.actions_update)],
                       _visible: Visible, action_id: uuid.UUID, data: CompletionRequest, if_match: OptionalIfMatch,
                       response: Response) -> ActionDetail:
    """Ask the business office to close the action. Without evidence of impact (what changed in frontline
    practice, and how that is known) it is refused with 422 naming the missing answers."""
    action = service.request_completion(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/approve-closure", response_model=ActionDetail, responses=VERSIONED_STEP)
def approve_closure(session: DbSession, principal: Annotated[Principal, Requires(P.actions_manage)],
                    action_id: uuid.UUID, data: ClosureApproval, if_match: OptionalIfMatch,
                    response: Response) -> ActionDetail:
    """Close the action on its evidence (business office; never the person who asked for the closure)."""
    action = service.approve_closure(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/send-back", response_model=ActionDetail, responses=VERSIONED_STEP)
def send_back(session: DbSession, principal: Annotated[Principal, Requires(P.actions_manage)], action_id: uuid.UUID,
              data: SendBack, if_match: OptionalIfMatch, response: Response) -> ActionDetail:
    """Send a closure request back to the agency with the reasons (business office); the action is in progress
    again and the agency's request is kept as returned."""
    action = service.send_back(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.post("/{action_id}/cancel", response_model=ActionDetail, responses=VERSIONED_STEP)
def cancel(session: DbSession, principal: Annotated[Principal, Requires(P.actions_manage)], action_id: uuid.UUID,
           data: Cancellation, if_match: OptionalIfMatch, response: Response) -> ActionDetail:
    """Cancel the action with the reason (business office); its deadline is waived."""
    action = service.cancel(session, principal, action_id, data, if_match)
    set_etag(response, action)
    return service.read_one(session, principal, action)


@router.get("/{action_id}/timeline", response_model=list[TimelineEntry])
def action_timeline(session: DbSession, action: ActionInScope) -> list[TimelineEntry]:
    """What happened to this action, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "action", action.id)]
