"""The rapid review meeting and the immediate actions it finds are needed for children's safety."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, touch
from backend.core.domain_events import envelope, publish
from backend.core.errors import Invalid, NotFound
from backend.core.messages import day_month_year
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity.models import Agency
from backend.incident_notifications.service import agencies_by_id
from backend.information_requests.models import InformationRequest
from backend.rapid_reviews.events import ImmediateActionAdded
from backend.rapid_reviews.models import ImmediateAction, RapidReview, RapidReviewMeeting
from backend.rapid_reviews.policy import IMMEDIATE_ACTION, RAPID_REVIEW
from backend.rapid_reviews.schemas import ImmediateActionComplete, ImmediateActionCreate, MeetingCreate, MeetingUpdate
from backend.submissions.models import AgencySubmission, SubmissionState

ACTION_DEADLINE = DeadlineKind.immediate_action
_FIELDS = ("held_on", "attendees", "facts_reviewed", "immediate_action_needed", "immediate_learning",
           "key_practice_episodes", "characteristics_and_inequalities", "issues_of_national_importance")


def meeting_of(session: Session, rapid_review_id: uuid.UUID) -> RapidReviewMeeting | None:
    return session.scalar(select(RapidReviewMeeting).where(RapidReviewMeeting.rapid_review_id == rapid_review_id))


def actions_of(session: Session, rapid_review_id: uuid.UUID) -> list[ImmediateAction]:
    return list(session.scalars(select(ImmediateAction).where(ImmediateAction.rapid_review_id == rapid_review_id)
                                .order_by(ImmediateAction.due_date, ImmediateAction.id)))


def record_meeting(session: Session, actor: Principal, rapid_review: RapidReview, data: MeetingCreate) -> RapidReview:
    RAPID_REVIEW.check(actor, rapid_review, "record_meeting")
    if data.held_on > clock.today():
        raise Invalid("Record the meeting once it has been held.", errors=[("body.held_on", "cannot be in the future")])
    if data.immediate_actions and not data.immediate_action_needed:
        raise Invalid("Actions were given but no immediate action was found to be needed.",
                      errors=[("body.immediate_action_needed", "must be true when immediate actions are given")])
    outstanding = _outstanding_responses(session, rapid_review)
    meeting = RapidReviewMeeting(
        rapid_review_id=rapid_review.id, held_on=data.held_on,
        attendees=[a.model_dump() for a in data.attendees], facts_reviewed=data.facts_reviewed,
        immediate_action_needed=data.immediate_action_needed, immediate_learning=data.immediate_learning,
        key_practice_episodes=data.key_practice_episodes,
        characteristics_and_inequalities=data.characteristics_and_inequalities,
        issues_of_national_importance=data.issues_of_national_importance, responses_outstanding=outstanding,
    )
    session.add(meeting)
    missing = f"; still to come from {', '.join(r['agency_name'] for r in outstanding)}" if outstanding else ""
    RAPID_REVIEW.take(session, actor, rapid_review, "record_meeting", checked=True,
                      summary=f"Rapid review meeting held on {data.held_on.day} {data.held_on:%B %Y}{missing}",
                      changes=audit.snapshot(meeting, _FIELDS) | {"responses_outstanding": outstanding})
    # The meeting's own actions are part of recording it: the record_meeting step covers them.
    for i, action in enumerate(data.immediate_actions):
        _add_action(session, actor, rapid_review, action, f"body.immediate_actions.{i}")
    return rapid_review


def _outstanding_responses(session: Session, rapid_review: RapidReview) -> list[dict[str, str]]:
    """The information requests of this rapid review whose agency has not submitted a response."""
    rows = session.execute(
        select(InformationRequest.agency_id, Agency.name, AgencySubmission.state)
        .join(Agency, Agency.id == InformationRequest.agency_id)
        .join(AgencySubmission, AgencySubmission.id == InformationRequest.submission_id)
        .where(InformationRequest.rapid_review_id == rapid_review.id,
               AgencySubmission.state.in_([SubmissionState.requested, SubmissionState.draft,
                                           SubmissionState.returned]))
        .order_by(Agency.name)).tuples().all()
    return [{"agency_id": str(agency_id), "agency_name": name, "state": state.value} for agency_id, name, state in rows]


def update_meeting(session: Session, actor: Principal, rapid_review: RapidReview, data: MeetingUpdate,
                   if_match: str | None) -> RapidReview:
    """Correct the meeting, only against the rapid review's version the caller read; the correction is a new
    version of the rapid review (the meeting is part of it)."""
    RAPID_REVIEW.check(actor, rapid_review, "correct_meeting")
    meeting = meeting_of(session, rapid_review.id)
    if meeting is None:  # a rapid review whose meeting is held always has one
        raise NotFound("No meeting has been recorded for this rapid review.")
    check_version(rapid_review, if_match)
    before = audit.snapshot(meeting, _FIELDS)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if changes.get("held_on") and changes["held_on"] > clock.today():
        raise Invalid("Record the meeting once it has been held.", errors=[("body.held_on", "cannot be in the future")])
    for key, value in changes.items():
        setattr(meeting, key, value)
    touch(rapid_review)
    session.flush()
    # The audit log has called this correction `update_meeting` since before the step had its name.
    audit.record(session, actor, "update_meeting", "rapid_review", rapid_review.id, "Corrected the meeting record",
                 audit.diff(before, audit.snapshot(meeting, _FIELDS)))
    return rapid_review


def _add_action(session: Session, actor: Principal, rapid_review: RapidReview, data: ImmediateActionCreate,
                path: str) -> ImmediateAction:
    """Add an action on a rapid review whose add_immediate_action (or record_meeting) step is already checked."""
    (agency,) = agencies_by_id(session, [data.agency_id], f"{path}.agency_id")
    if data.due_date < clock.today():
        raise Invalid("An immediate action is due today or later.", errors=[(f"{path}.due_date", "is in the past")])
    action = ImmediateAction(rapid_review_id=rapid_review.id, description=data.description, agency_id=agency.id,
                             due_date=data.due_date)
    session.add(action)
    # The owning agency must be able to see the rapid review that asks it to act.
    if agency not in rapid_review.agencies:
        rapid_review.agencies.append(agency)
    session.flush()
    deadlines.open_deadline(
        session, kind=ACTION_DEADLINE, subject_type=SubjectType.immediate_action, subject_id=action.id,
        due_date=data.due_date, title=f"Immediate action for {deadlines.CHILD}",
        case_id=rapid_review.case_id, link=f"/rapid-reviews/{rapid_review.id}",
        owner_agency_id=agency.id,
    )
    RAPID_REVIEW.take(session, actor, rapid_review, "add_immediate_action", checked=True,
                      summary=f"Immediate action for {agency.name}, due {day_month_year(data.due_date)}",
                      changes=audit.snapshot(action, ("id", "description", "agency_id", "due_date")))
    publish(session, ImmediateActionAdded(**envelope(rapid_review, agency.id), immediate_action_id=action.id,
                                          due_date=action.due_date))
    return action


def add_immediate_action(session: Session, actor: Principal, rapid_review: RapidReview,
                         data: ImmediateActionCreate) -> ImmediateAction:
    RAPID_REVIEW.check(actor, rapid_review, "add_immediate_action")
    return _add_action(session, actor, rapid_review, data, "body")


def get_immediate_action(session: Session, rapid_review: RapidReview, action_id: uuid.UUID) -> ImmediateAction:
    """One of this rapid review's actions: another rapid review's action is not found here."""
    action = session.scalar(select(ImmediateAction).where(
        ImmediateAction.id == action_id, ImmediateAction.rapid_review_id == rapid_review.id))
    if action is None:
        raise NotFound("No such immediate action.")
    return action


def complete_immediate_action(session: Session, actor: Principal, rapid_review: RapidReview,
                              action_id: uuid.UUID, data: ImmediateActionComplete) -> ImmediateAction:
    action = get_immediate_action(session, rapid_review, action_id)
    IMMEDIATE_ACTION.check(actor, action, "complete")
    if data.completed_on > clock.today():
        raise Invalid("That date is in the future.", errors=[("body.completed_on", "cannot be in the future")])
    action.completed_on = data.completed_on
    deadlines.meet(session, ACTION_DEADLINE, action.id)
    # Audited on the rapid review, so its timeline shows the action done.
    audit.record(session, actor, "complete_immediate_action", "rapid_review", rapid_review.id,
                 f"{action.agency.name} completed an immediate action",
                 {"action_id": action.id, "completed_on": data.completed_on})
    return action


def allowed_actions(principal: Principal, action: ImmediateAction) -> list[str]:
    return IMMEDIATE_ACTION.allowed_actions(principal, action)
