"""Agency actions: set for an agency, reported on through its submissions, closed on the evidence of their impact.

Functions the rest of the learning tracker builds on: `search` (the scoped, filtered tracker query, which the
export and any figures reuse), `read_page` (a page of reads in a fixed number of statements), `create_action`
(the API and a history import alike), `actions_for_recommendations` (a response document's actions), and
`deadline_due` (the working day an action falls due on).
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from backend.actions.events import ActionCompleted, ActionCreated, ActionStatusChanged
from backend.actions.models import ActionStatus, ActionUpdate, AgencyAction, UpdatePurpose
from backend.actions.policy import AGENCY_ACTION, visible_actions
from backend.actions.schemas import (
    ActionCreate,
    ActionDetail,
    ActionRead,
    ActionSort,
    ActionUpdateRead,
    AnswersRead,
    Cancellation,
    ClosureApproval,
    CompletionRequest,
    PersonSummary,
    ProgressUpdate,
    SendBack,
)
from backend.actions.schemas import ActionUpdate as ActionChange
from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.calendar.workdays import WorkingDayCalendar
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, check_version_if_sent, touch
from backend.core.domain_events import envelope, publish
from backend.core.errors import Invalid, NotFound
from backend.core.messages import day_month_year
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, Due, SubjectType
from backend.deadlines.schemas import DueDate
from backend.identity.models import Agency, User
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.service import agencies_by_id
from backend.rapid_reviews.models import ImmediateAction
from backend.recommendations.models import Recommendation, recommendation_themes
from backend.recommendations.service import get_recommendation
from backend.submissions import service as submissions
from backend.submissions.models import SubmissionKind, SubmissionState
from backend.themes.schemas import ThemeSummary

S = ActionStatus
DEADLINE = DeadlineKind.agency_action
_FIELDS = ("description", "intended_outcome", "due_date", "owner_id", "agency_id", "status")
EXPORT_LIMIT = 50_000


@dataclass(frozen=True)
class ActionFilters:
    """The tracker's filters, as the list, the exports and the screens' URLs share them."""

    agency_id: uuid.UUID | None = None
    status: tuple[ActionStatus, ...] = ()
    overdue: bool | None = None
    theme_id: uuid.UUID | None = None
    review_id: uuid.UUID | None = None
    rapid_review_id: uuid.UUID | None = None
    recommendation_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    text: str | None = None
    sort: ActionSort = ActionSort.due_date


def deadline_due(calendar: WorkingDayCalendar, due_date: dt.date) -> dt.date:
    """The working day an action falls due: its due date, or the next working day when that is a weekend, a bank
    holiday or a closure day (an action due on Christmas Day is not late until the office could act on it)."""
    return due_date if calendar.is_working_day(due_date) else calendar.next_working_day(due_date)


def _late(today: dt.date) -> ColumnElement[bool]:
    """The registry says the action is overdue: its deadline (its own, or its immediate action's) is past and open."""
    return exists(select(Deadline.id).where(Deadline.overdue_clause(today), or_(
        and_(Deadline.kind == DEADLINE, Deadline.subject_id == AgencyAction.id),
        and_(Deadline.kind == DeadlineKind.immediate_action,
             Deadline.subject_id == AgencyAction.immediate_action_id))))


_STATUS_ORDER = {status: index for index, status in enumerate(ActionStatus)}


def search(principal: Principal, filters: ActionFilters) -> Select[AgencyAction]:
    """The actions the caller may see that match the filters, sorted; one statement, whatever the page."""
    stmt = select(AgencyAction).where(visible_actions(principal))
    f = filters
    if f.agency_id is not None:
        stmt = stmt.where(AgencyAction.agency_id == f.agency_id)
    if f.status:
        stmt = stmt.where(AgencyAction.status.in_(f.status))
    if f.overdue is not None:
        stmt = stmt.where(_late(clock.today()) if f.overdue else ~_late(clock.today()))
    if f.owner_id is not None:
        stmt = stmt.where(AgencyAction.owner_id == f.owner_id)
    if f.recommendation_id is not None:
        stmt = stmt.where(AgencyAction.recommendation_id.in_(select(Recommendation.id).where(or_(
            Recommendation.id == f.recommendation_id, Recommendation.parent_id == f.recommendation_id))))
    if f.due_from is not None:
        stmt = stmt.where(AgencyAction.due_date >= f.due_from)
    if f.due_to is not None:
        stmt = stmt.where(AgencyAction.due_date <= f.due_to)
    if f.review_id is not None:
        stmt = stmt.where(AgencyAction.recommendation_id.in_(
            select(Recommendation.id).where(Recommendation.review_id == f.review_id)))
    if f.rapid_review_id is not None:
        stmt = stmt.where(or_(
            AgencyAction.recommendation_id.in_(select(Recommendation.id).where(
                Recommendation.rapid_review_id == f.rapid_review_id)),
            AgencyAction.immediate_action_id.in_(select(ImmediateAction.id).where(
                ImmediateAction.rapid_review_id == f.rapid_review_id))))
    if f.theme_id is not None:
        tagged = select(recommendation_themes.c.recommendation_id).where(recommendation_themes.c.theme_id == f.theme_id)
        stmt = stmt.where(AgencyAction.recommendation_id.in_(select(Recommendation.id).where(or_(
            Recommendation.id.in_(tagged), Recommendation.parent_id.in_(tagged)))))
    if f.text and f.text.strip():
        pattern = f"%{f.text.strip()}%"
        stmt = stmt.where(or_(
            AgencyAction.description.ilike(pattern), AgencyAction.intended_outcome.ilike(pattern),
            AgencyAction.evidence_of_impact.ilike(pattern),
            AgencyAction.recommendation_id.in_(select(Recommendation.id).where(Recommendation.text.ilike(pattern))),
            AgencyAction.case_id.in_(select(Case.id).where(Case.reference.ilike(pattern)))))
    return stmt.order_by(*_order(f.sort), AgencyAction.id)


def _order(sort: ActionSort) -> list[Any]:
    if sort == ActionSort.due_date_desc:
        return [AgencyAction.due_date.desc()]
    if sort == ActionSort.status:
        return [case(*((AgencyAction.status == s, i) for s, i in _STATUS_ORDER.items())), AgencyAction.due_date]
    if sort == ActionSort.agency:
        return [select(Agency.name).where(Agency.id == AgencyAction.agency_id).scalar_subquery(),
                AgencyAction.due_date]
    if sort == ActionSort.updated_desc:
        return [AgencyAction.updated_at.desc()]
    return [AgencyAction.due_date]


def check_visible(session: Session, principal: Principal, action_id: uuid.UUID) -> None:
    """404 for an action the caller may not see, exactly as for one that does not exist (an agency sees only its
    own actions); no read is noted, the step's own `get_action` notes it."""
    if session.scalar(select(AgencyAction.id).where(AgencyAction.id == action_id, visible_actions(principal))) is None:
        raise NotFound("No such action.")


def get_action(session: Session, principal: Principal, action_id: uuid.UUID) -> AgencyAction:
    action = session.scalar(select(AgencyAction).where(AgencyAction.id == action_id, visible_actions(principal)))
    if action is None:
        raise NotFound("No such action.")
    if action.case_id is not None:
        note_read(session, principal, action.case_id, "action", action.id)
    return action


def deadlines_of(session: Session, actions: Sequence[AgencyAction]) -> dict[uuid.UUID, Due]:
    """Each action's deadline in the registry, in two statements for any number of actions."""
    own = deadlines.for_subjects(session, DEADLINE, [a.id for a in actions if a.immediate_action_id is None])
    immediate = deadlines.for_subjects(session, DeadlineKind.immediate_action,
                                       [a.immediate_action_id for a in actions if a.immediate_action_id is not None])
    found: dict[uuid.UUID, Due] = {}
    for action in actions:
        deadline = immediate.get(action.immediate_action_id) if action.immediate_action_id else own.get(action.id)
        if deadline is not None:
            found[action.id] = deadline
    return found


def _answers(action: AgencyAction) -> AnswersRead:
    recommendation, immediate = action.recommendation, action.immediate_action
    if recommendation is not None:
        return AnswersRead(recommendation_id=recommendation.id, label=recommendation.label, kind=recommendation.kind,
                           text=recommendation.text, immediate_action_id=None,
                           rapid_review_id=recommendation.rapid_review_id, review_id=recommendation.review_id,
                           source_title=recommendation.source_title)
    assert immediate is not None  # an action answers exactly one (the table's CHECK)
    return AnswersRead(recommendation_id=None, label=None, kind=None, text=immediate.description,
                       immediate_action_id=immediate.id, rapid_review_id=immediate.rapid_review_id, review_id=None,
                       source_title=None)


def as_read(principal: Principal, action: AgencyAction, deadline: Deadline | Due | None, today: dt.date) -> ActionRead:
    due = DueDate.of(deadline, today)
    themes = action.recommendation.themes if action.recommendation is not None else []
    return ActionRead(
        id=action.id, case_id=action.case_id, child_reference=action.child_reference, answers=_answers(action),
        agency=AgencySummary.model_validate(action.agency),
        owner=PersonSummary(id=action.owner.id, name=action.owner.name) if action.owner is not None else None,
        description=action.description, intended_outcome=action.intended_outcome, due_date=action.due_date, due=due,
        overdue=due.overdue if due is not None else False, status=action.status,
        themes=[ThemeSummary.model_validate(t) for t in themes],
        evidence_of_impact=action.evidence_of_impact, impact_known_by=action.impact_known_by,
        completion_requested_at=action.completion_requested_at, sent_back_reasons=action.sent_back_reasons,
        closed_at=action.closed_at, closed_by_name=action.closed_by_name, completed_on=action.completed_on,
        cancelled_reason=action.cancelled_reason, updated_at=action.updated_at,
        allowed_actions=AGENCY_ACTION.allowed_actions(principal, action),
    )


def read_page(session: Session, principal: Principal, actions: Sequence[AgencyAction]) -> list[ActionRead]:
    found, today = deadlines_of(session, actions), clock.today()
    return [as_read(principal, action, found.get(action.id), today) for action in actions]


def read_one(session: Session, principal: Principal, action: AgencyAction) -> ActionDetail:
    (read,) = read_page(session, principal, [action])
    return ActionDetail(**read.model_dump(), updates=updates_of(session, action))


def updates_of(session: Session, action: AgencyAction) -> list[ActionUpdateRead]:
    """Every update on the action, newest first, as submitted (the owning agency's unsent drafts are not here)."""
    rows = session.scalars(select(ActionUpdate).where(ActionUpdate.action_id == action.id)
                           .order_by(ActionUpdate.number.desc()))
    reads = []
    for update in rows:
        submission = update.submission
        content = submission.content or {}
        reads.append(ActionUpdateRead(
            id=update.id, purpose=update.purpose, state=submission.state, submitted_at=submission.submitted_at,
            submitted_by_name=submission.submitted_by_name, progress=content.get("progress"),
            evidence_of_impact=content.get("evidence_of_impact"), impact_known_by=content.get("impact_known_by"),
            revision=submission.revision, return_reasons=submission.return_reasons))
    return reads


def actions_for_recommendations(session: Session, recommendation_ids: Iterable[uuid.UUID]
                                ) -> dict[uuid.UUID, list[AgencyAction]]:
    """The actions answering each recommendation, by due date (callers check the recommendations are visible)."""
    ids = list(recommendation_ids)
    grouped: dict[uuid.UUID, list[AgencyAction]] = defaultdict(list)
    if ids:
        for action in session.scalars(select(AgencyAction).where(AgencyAction.recommendation_id.in_(ids))
                                      .order_by(AgencyAction.due_date, AgencyAction.id)):
            assert action.recommendation_id is not None
            grouped[action.recommendation_id].append(action)
    return grouped


# Setting actions ----------------------------------------------------------------------------------------------


def _open_deadline(session: Session, action: AgencyAction) -> None:
    """Chase the action's due date (on the working-day calendar) with the owner's reminders; an action answering an
    immediate action is chased by the immediate action's deadline, moved with it."""
    due = deadline_due(get_calendar(session), action.due_date)
    if action.immediate_action_id is not None:
        existing = deadlines.find(session, DeadlineKind.immediate_action, action.immediate_action_id)
        if existing is not None:
            existing.due_date = due
        return
    source = action.recommendation.source_title if action.recommendation is not None else None
    title = f"Agency action for {deadlines.CHILD}" if action.case_id else f"Agency action from {source}"[:300]
    deadlines.open_deadline(session, kind=DEADLINE, subject_type=SubjectType.action, subject_id=action.id,
                            due_date=due, title=title, case_id=action.case_id, link=f"/actions/{action.id}",
                            owner_agency_id=action.agency_id, owner_user_id=action.owner_id)


def _owner(session: Session, agency_id: uuid.UUID, owner_id: uuid.UUID | None, path: str) -> User | None:
    if owner_id is None:
        return None
    owner = session.get(User, owner_id)
    if owner is None or not owner.active or owner.agency_id != agency_id:
        raise Invalid("The owner must be a person of the agency that owns the action.",
                      errors=[(path, "Choose a person from the owning agency")])
    return owner


def create_action(session: Session, actor: Principal, data: ActionCreate) -> AgencyAction:
    """Set an action for an agency answering a recommendation the caller may see; its deadline joins the registry."""
    try:
        recommendation = get_recommendation(session, actor, data.recommendation_id)
    except NotFound as missing:
        raise Invalid("Choose a recommendation you can see.",
                      errors=[("body.recommendation_id", "no such recommendation")]) from missing
    (agency,) = agencies_by_id(session, [data.agency_id], "body.agency_id")
    owner = _owner(session, agency.id, data.owner_id, "body.owner_id")
    action = AgencyAction(recommendation=recommendation, case_id=recommendation.case_id, agency=agency,
                          owner=owner, description=data.description, intended_outcome=data.intended_outcome,
                          due_date=data.due_date, status=S.not_started)
    session.add(action)
    session.flush()
    _open_deadline(session, action)
    audit.record(session, actor, "create", "action", action.id,
                 f"Set an action for {agency.name} on {recommendation.label}, due {day_month_year(data.due_date)}",
                 audit.snapshot(action, _FIELDS) | {"recommendation_id": recommendation.id})
    publish(session, ActionCreated(**envelope(action, action.agency_id), recommendation_id=recommendation.id,
                                   immediate_action_id=None, due_date=action.due_date, status=action.status))
    return action


def open_for_immediate_action(session: Session, immediate_action: ImmediateAction,
                              case_id: uuid.UUID) -> AgencyAction:
    """Track a rapid review's immediate action (once): its agency, description and due date; its deadline stays
    the immediate action's."""
    existing = session.scalar(select(AgencyAction).where(AgencyAction.immediate_action_id == immediate_action.id))
    if existing is not None:
        return existing
    action = AgencyAction(immediate_action_id=immediate_action.id, case_id=case_id,
                          agency_id=immediate_action.agency_id, description=immediate_action.description,
                          due_date=immediate_action.due_date, status=S.not_started)
    session.add(action)
    session.flush()
    audit.record(session, None, "create", "action", action.id, "Tracking an immediate action of the rapid review",
                 audit.snapshot(action, _FIELDS) | {"immediate_action_id": immediate_action.id})
    publish(session, ActionCreated(**envelope(action, action.agency_id), recommendation_id=None,
                                   immediate_action_id=immediate_action.id, due_date=action.due_date,
                                   status=action.status))
    return action


def update_action(session: Session, actor: Principal, action_id: uuid.UUID, data: ActionChange,
                  if_match: str | None) -> AgencyAction:
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "edit")
    check_version(action, if_match)
    before = audit.snapshot(action, _FIELDS)
    changes = data.model_dump(exclude_unset=True)
    if "owner_id" in changes:
        action.owner = _owner(session, action.agency_id, changes["owner_id"], "body.owner_id")
    for name in ("description", "intended_outcome", "due_date"):
        if changes.get(name) is not None:
            setattr(action, name, changes[name])
    session.flush()
    if {"due_date", "owner_id"} & set(changes):
        _open_deadline(session, action)
    AGENCY_ACTION.take(session, actor, action, "edit", checked=True, summary="Changed the action",
                       changes=audit.diff(before, audit.snapshot(action, _FIELDS)))
    return action


# The agency's updates ----------------------------------------------------------------------------------------


def _submission_owner(action: AgencyAction) -> submissions.Owner:
    return submissions.Owner("action", action.id, action.case_id, None, None, title="Update on an action",
                             link=f"/actions/{action.id}")


def _complete(content: dict[str, Any], where: str) -> dict[str, Any]:
    return ProgressUpdate.model_validate(content).model_dump(mode="json")


def _submit_update(session: Session, actor: Principal, action: AgencyAction, purpose: UpdatePurpose,
                   content: dict[str, Any], *, again: ActionUpdate | None = None) -> ActionUpdate:
    """An update is the agency's submission: a new one, or (`again`) a returned one resubmitted."""
    if again is None:
        submission = submissions.start(session, SubmissionKind.action_update, action.agency)
        number = (session.scalar(select(func.max(ActionUpdate.number)).where(ActionUpdate.action_id == action.id))
                  or 0) + 1
        update = ActionUpdate(action_id=action.id, submission_id=submission.id, submission=submission,
                              purpose=purpose, number=number)
        session.add(update)
        session.flush()
    else:
        update = again
    submissions.submit(session, actor, update.submission, _submission_owner(action), content, complete=_complete)
    return update


def _changed(action: AgencyAction, previous: ActionStatus) -> ActionStatusChanged:
    return ActionStatusChanged(**envelope(action, action.agency_id), status=action.status, previous_status=previous,
                               due_date=action.due_date)


def _evidence(data: ProgressUpdate) -> dict[str, Any]:
    return {name: value for name in ("evidence_of_impact", "impact_known_by")
            if (value := getattr(data, name))}


def start(session: Session, actor: Principal, action_id: uuid.UUID, if_match: str | None = None) -> AgencyAction:
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "start")
    check_version_if_sent(action, if_match)
    previous = action.status
    AGENCY_ACTION.take(session, actor, action, "start", checked=True,
                       summary=f"{action.agency.name} started the action", event=lambda: _changed(action, previous))
    return action


def post_update(session: Session, actor: Principal, action_id: uuid.UUID, data: ProgressUpdate,
                if_match: str | None = None) -> AgencyAction:
    """A dated progress update from the owning agency (its submission); one on an action not started starts it."""
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "post_update")
    check_version_if_sent(action, if_match)
    _submit_update(session, actor, action, UpdatePurpose.progress, data.model_dump(mode="json"))
    for name, value in _evidence(data).items():
        setattr(action, name, value)
    previous = action.status
    if previous != S.in_progress:
        AGENCY_ACTION.take(session, actor, action, "post_update", checked=True,
                           summary=f"{action.agency.name} started the action",
                           event=lambda: _changed(action, previous))
    else:
        touch(action)
        session.flush()
    return action


def request_completion(session: Session, actor: Principal, action_id: uuid.UUID, data: CompletionRequest,
                       if_match: str | None = None) -> AgencyAction:
    """Ask the business office to close the action. Refused, changing nothing, without the evidence of impact:
    what changed in frontline practice and how that is known (given now, or in an earlier update)."""
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "request_completion")
    check_version_if_sent(action, if_match)
    evidence = data.evidence_of_impact or action.evidence_of_impact
    known_by = data.impact_known_by or action.impact_known_by
    missing = [(field, message) for field, value, message in (
        ("body.evidence_of_impact", evidence, "Enter what changed in frontline practice because of this action"),
        ("body.impact_known_by", known_by, "Enter how you know that practice changed"),
    ) if not value]
    if missing:
        raise Invalid("An action is closed on the evidence of its impact, not on its completion alone.",
                      errors=missing)
    returned = session.scalar(
        select(ActionUpdate).where(ActionUpdate.action_id == action.id,
                                   ActionUpdate.purpose == UpdatePurpose.completion_request,
                                   ActionUpdate.submission.has(state=SubmissionState.returned))
        .order_by(ActionUpdate.number.desc()).limit(1))
    content = data.model_dump(mode="json") | {"evidence_of_impact": evidence, "impact_known_by": known_by}
    _submit_update(session, actor, action, UpdatePurpose.completion_request, content, again=returned)
    previous = action.status
    AGENCY_ACTION.take(session, actor, action, "request_completion", checked=True,
                       summary=f"{action.agency.name} asked for the action to be closed",
                       apply={"evidence_of_impact": evidence, "impact_known_by": known_by,
                              "completion_requested_at": clock.now(), "completion_requested_by_id": actor.id,
                              "sent_back_reasons": None},
                       event=lambda: _changed(action, previous))
    return action


# The business office's decisions -----------------------------------------------------------------------------


def approve_closure(session: Session, actor: Principal, action_id: uuid.UUID, data: ClosureApproval,
                    if_match: str | None = None) -> AgencyAction:
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "approve_closure")
    check_version_if_sent(action, if_match)
    completed_on = data.completed_on or clock.today()
    if completed_on > clock.today():
        raise Invalid("The action cannot be complete on a day still to come.",
                      errors=[("body.completed_on", "Date the action was complete must be today or in the past")])
    kind, subject_id = action.deadline_key
    deadline = deadlines.find(session, kind, subject_id)
    due = deadline.due_date if deadline is not None else action.due_date
    deadlines.meet(session, kind, subject_id)
    previous = action.status
    AGENCY_ACTION.take(session, actor, action, "approve_closure", checked=True,
                       summary=f"Approved the closure of {action.agency.name}'s action",
                       apply={"closed_at": clock.now(), "closed_by_name": actor.name, "completed_on": completed_on},
                       event=lambda: _changed(action, previous))
    publish(session, ActionCompleted(**envelope(action, action.agency_id), completed_on=completed_on,
                                     due_date=action.due_date, on_time=completed_on <= due,
                                     immediate_action_id=action.immediate_action_id))
    return action


def send_back(session: Session, actor: Principal, action_id: uuid.UUID, data: SendBack,
              if_match: str | None = None) -> AgencyAction:
    """Refuse the closure for now: the agency's request (its submission) is returned with the reasons."""
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "send_back")
    check_version_if_sent(action, if_match)
    request = session.scalar(
        select(ActionUpdate).where(ActionUpdate.action_id == action.id,
                                   ActionUpdate.purpose == UpdatePurpose.completion_request)
        .order_by(ActionUpdate.number.desc()).limit(1))
    if request is not None and request.submission.state == SubmissionState.submitted:
        submissions.return_for_more(session, actor, request.submission, _submission_owner(action), data.reasons)
    previous = action.status
    AGENCY_ACTION.take(session, actor, action, "send_back", checked=True,
                       summary=f"Sent the action back to {action.agency.name}",
                       apply={"sent_back_reasons": data.reasons, "completion_requested_at": None,
                              "completion_requested_by_id": None},
                       changes={"reasons": data.reasons}, event=lambda: _changed(action, previous))
    return action


def cancel(session: Session, actor: Principal, action_id: uuid.UUID, data: Cancellation,
           if_match: str | None = None) -> AgencyAction:
    action = get_action(session, actor, action_id)
    AGENCY_ACTION.check(actor, action, "cancel")
    check_version_if_sent(action, if_match)
    kind, subject_id = action.deadline_key
    deadlines.waive(session, kind, subject_id, data.reason)
    previous = action.status
    AGENCY_ACTION.take(session, actor, action, "cancel", checked=True, summary="Cancelled the action",
                       apply={"cancelled_reason": data.reason, "closed_at": clock.now(), "closed_by_name": actor.name},
                       changes={"reason": data.reason}, event=lambda: _changed(action, previous))
    return action
