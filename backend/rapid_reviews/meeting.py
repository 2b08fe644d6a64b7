"""The rapid review meeting and the immediate actions it finds are needed for children's safety."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, touch
from backend.core.errors import Conflict, Forbidden, Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.incident_notifications.service import agencies_by_id
from backend.rapid_reviews.models import ImmediateAction, RapidReview, RapidReviewMeeting
from backend.rapid_reviews.policy import ACTIONS_OPEN, MEETING_EDITABLE, Move, check_move
from backend.rapid_reviews.schemas import ImmediateActionComplete, ImmediateActionCreate, MeetingCreate, MeetingUpdate
from backend.rapid_reviews.service import get_rapid_review

ACTION_DEADLINE = DeadlineKind.immediate_action
_FIELDS = ("held_on", "attendees", "facts_reviewed", "immediate_action_needed", "immediate_learning")


def meeting_of(session: Session, rapid_review_id: uuid.UUID) -> RapidReviewMeeting | None:
    return session.scalar(select(RapidReviewMeeting).where(RapidReviewMeeting.rapid_review_id == rapid_review_id))


def actions_of(session: Session, rapid_review_id: uuid.UUID) -> list[ImmediateAction]:
    return list(session.scalars(select(ImmediateAction).where(ImmediateAction.rapid_review_id == rapid_review_id)
                                .order_by(ImmediateAction.due_date, ImmediateAction.id)))


def record_meeting(session: Session, actor: Principal, rapid_review_id: uuid.UUID, data: MeetingCreate) -> RapidReview:
    rapid_review = get_rapid_review(session, actor, rapid_review_id)
    transition = check_move(actor, rapid_review, Move.record_meeting)
    if data.held_on > clock.today():
        raise Invalid("Record the meeting once it has been held.", errors=[("body.held_on", "cannot be in the future")])
    if data.immediate_actions and not data.immediate_action_needed:
        raise Invalid("Actions were given but no immediate action was found to be needed.",
                      errors=[("body.immediate_action_needed", "must be true when immediate actions are given")])
    meeting = RapidReviewMeeting(
        rapid_review_id=rapid_review.id, held_on=data.held_on,
        attendees=[a.model_dump() for a in data.attendees], facts_reviewed=data.facts_reviewed,
        immediate_action_needed=data.immediate_action_needed, immediate_learning=data.immediate_learning,
    )
    session.add(meeting)
    rapid_review.state = transition.target
    session.flush()
    audit.record(session, actor, Move.record_meeting.value, "rapid_review", rapid_review.id,
                 f"Rapid review meeting held on {data.held_on.isoformat()}",
                 {"state": {"from": "gathering_information", "to": rapid_review.state.value}}
                 | audit.snapshot(meeting, _FIELDS))
    for i, action in enumerate(data.immediate_actions):
        _add_action(session, actor, rapid_review, action, f"body.immediate_actions.{i}")
    return rapid_review


def update_meeting(session: Session, actor: Principal, rapid_review_id: uuid.UUID, data: MeetingUpdate,
                   if_match: str | None) -> RapidReview:
    """Correct the meeting, only against the rapid review's version the caller read; the correction is a new
    version of the rapid review (the meeting is part of it)."""
    rapid_review = get_rapid_review(session, actor, rapid_review_id)
    meeting = meeting_of(session, rapid_review.id)
    if meeting is None or rapid_review.state not in MEETING_EDITABLE:
        raise Conflict("The meeting record can be corrected only after the meeting and before the recommendation.",
                       current_state=rapid_review.state.value)
    check_version(rapid_review, if_match)
    before = audit.snapshot(meeting, _FIELDS)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if changes.get("held_on") and changes["held_on"] > clock.today():
        raise Invalid("Record the meeting once it has been held.", errors=[("body.held_on", "cannot be in the future")])
    for key, value in changes.items():
        setattr(meeting, key, value)
    touch(rapid_review)
    session.flush()
    audit.record(session, actor, "update_meeting", "rapid_review", rapid_review.id, "Corrected the meeting record",
                 audit.diff(before, audit.snapshot(meeting, _FIELDS)))
    return rapid_review


def _add_action(session: Session, actor: Principal, rapid_review: RapidReview, data: ImmediateActionCreate,
                path: str) -> ImmediateAction:
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
    audit.record(session, actor, "add_immediate_action", "rapid_review", rapid_review.id,
                 f"Immediate action for {agency.name}, due {data.due_date.isoformat()}",
                 audit.snapshot(action, ("id", "description", "agency_id", "due_date")))
    return action


def add_immediate_action(session: Session, actor: Principal, rapid_review_id: uuid.UUID,
                         data: ImmediateActionCreate) -> ImmediateAction:
    rapid_review = get_rapid_review(session, actor, rapid_review_id)
    if rapid_review.state not in ACTIONS_OPEN:
        raise Conflict("Immediate actions come from the rapid review meeting: record the meeting first.",
                       current_state=rapid_review.state.value)
    return _add_action(session, actor, rapid_review, data, "body")


def complete_immediate_action(session: Session, actor: Principal, rapid_review_id: uuid.UUID,
                              action_id: uuid.UUID, data: ImmediateActionComplete) -> ImmediateAction:
    rapid_review = get_rapid_review(session, actor, rapid_review_id)
    action = session.scalar(select(ImmediateAction).where(
        ImmediateAction.id == action_id, ImmediateAction.rapid_review_id == rapid_review.id))
    if action is None:
        raise NotFound("No such immediate action.")
    if not (actor.is_business_office or actor.in_agency(action.agency_id)):
        raise Forbidden("Only the owning agency or the business office completes this action.")
    if action.completed_on is not None:
        raise Conflict("This action is already complete.")
    if data.completed_on > clock.today():
        raise Invalid("That date is in the future.", errors=[("body.completed_on", "cannot be in the future")])
    action.completed_on = data.completed_on
    deadlines.meet(session, ACTION_DEADLINE, action.id)
    audit.record(session, actor, "complete_immediate_action", "rapid_review", rapid_review.id,
                 f"{action.agency.name} completed an immediate action",
                 {"action_id": action.id, "completed_on": data.completed_on})
    return action
