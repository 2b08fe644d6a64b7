"""Timescales: due six calendar months after the decision; delays recorded with their reason and the new expected
completion; a delay past the six months means the National Panel must be told, and the day it was told is kept
(seed 003, "Overview and Timescales"). Telling the Panel is a deadline in the registry, so it is chased."""

import uuid

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.errors import Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.reminders.mail import long_date
from backend.reviews.models import Review, ReviewDelay
from backend.reviews.policy import DELAY, STAGES
from backend.reviews.schemas import DelayCreate, DelayRead, PanelTold, TimescalesRead
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

PANEL_NOTICE_DEADLINE = DeadlineKind.delay_panel_notice
# "As soon as they arise": the business office has this many working days to tell the Panel.
PANEL_NOTICE_WORKING_DAYS = 5


def record_delay(session: Session, actor: Principal, review: Review, data: DelayCreate) -> ReviewDelay:
    STAGES.check(actor, review, "record_delay")
    errors = []
    if not data.reason:
        errors.append(("body.reason", "Enter the reason for the delay"))
    if data.expected_completion is None:
        errors.append(("body.expected_completion", "Enter the date the review is now expected to be complete"))
    elif data.expected_completion <= clock.today():
        errors.append(("body.expected_completion", "The expected completion date must be in the future"))
    if errors:
        raise Invalid("The delay needs correcting.", errors=errors)
    assert data.expected_completion is not None
    delay = ReviewDelay(review=review, reason=data.reason, expected_completion=data.expected_completion,
                        recorded_on=clock.today(), recorded_by_name=actor.name)
    session.add(delay)
    session.flush()
    if delay.past_due:
        deadlines.open_deadline(
            session, kind=PANEL_NOTICE_DEADLINE, subject_type=SubjectType.review_delay, subject_id=delay.id,
            due_date=get_calendar(session).add_working_days(delay.recorded_on, PANEL_NOTICE_WORKING_DAYS),
            title=f"Tell the National Panel that the review for {deadlines.CHILD} will be late",
            case_id=review.case_id, link=f"/reviews/{review.id}/timescales", owner_role=Role.business_office)
    STAGES.take(session, actor, review, "record_delay", checked=True,
                summary=f"Delay recorded: now expected by {long_date(delay.expected_completion)} "
                        f"({review.child_reference})",
                changes={"reason": delay.reason, "expected_completion": delay.expected_completion.isoformat(),
                         "past_due": delay.past_due})
    return delay


def get_delay(session: Session, review: Review, delay_id: uuid.UUID) -> ReviewDelay:
    delay = session.get(ReviewDelay, delay_id)
    if delay is None or delay.review_id != review.id:
        raise NotFound("No such delay on this review.")
    return delay


def record_panel_told(session: Session, actor: Principal, review: Review, delay_id: uuid.UUID,
                      data: PanelTold) -> ReviewDelay:
    delay = get_delay(session, review, delay_id)
    DELAY.check(actor, delay, "record_panel_told")
    if data.told_on is None:
        raise Invalid("Enter the date the National Panel was told.",
                      errors=[("body.told_on", "Enter the date the National Panel was told")])
    if data.told_on > clock.today() or data.told_on < delay.recorded_on:
        raise Invalid("The date the National Panel was told must be between the delay and today.",
                      errors=[("body.told_on", "The date the National Panel was told must be on or after the day "
                                               "the delay was recorded, and not in the future")])
    DELAY.take(session, actor, delay, "record_panel_told", checked=True, apply={"panel_told_on": data.told_on},
               summary=f"National Panel told of the delay on {long_date(data.told_on)} ({review.child_reference})",
               changes={"panel_told_on": data.told_on.isoformat()}, audited_as=("review", review.id))
    deadlines.meet(session, PANEL_NOTICE_DEADLINE, delay.id)
    return delay


def _delay_read(principal: Principal, delay: ReviewDelay) -> DelayRead:
    return DelayRead.model_validate(delay).model_copy(update={
        "past_due": delay.past_due, "panel_must_be_told": delay.past_due and delay.panel_told_on is None,
        "allowed_actions": DELAY.allowed_actions(principal, delay)})


def as_read(principal: Principal, review: Review) -> TimescalesRead:
    delays = [_delay_read(principal, d) for d in review.delays]
    return TimescalesRead(
        review_id=review.id, decided_on=review.decided_on, due_date=review.due_date,
        expected_completion=review.delays[-1].expected_completion if review.delays else review.due_date,
        panel_must_be_told=any(d.panel_must_be_told for d in delays), delays=delays,
        allowed_actions=[a for a in STAGES.allowed_actions(principal, review) if a == "record_delay"])


def _summary(review: Review) -> Summary:
    late = (ReviewDelay.review_id == Review.id, ReviewDelay.expected_completion > review.due_date)
    return {"late": exists().where(*late),
            "untold_expected": select(ReviewDelay.expected_completion).where(*late, ReviewDelay.panel_told_on.is_(None))
            .order_by(ReviewDelay.created_at.desc()).limit(1).scalar_subquery(),
            "told_on": select(func.max(ReviewDelay.panel_told_on)).where(*late).scalar_subquery()}


def _build(review: Review, found: Found) -> list[ReviewTask]:
    """Only when a delay takes the review past six months: tell the National Panel."""
    if not found.values["late"]:
        return []
    untold = found.values["untold_expected"]
    hint = ("The review is now expected by " + long_date(untold) if untold
            else f"Told on {long_date(found.values['told_on'])}")
    return [ReviewTask(stage=review.stage, key="panel_told_of_delay",
                       label="Tell the National Panel the review will take longer than six months",
                       status=TaskStatus.not_started if untold else TaskStatus.completed, hint=hint,
                       section="timescales")]


TIMESCALE_TASKS = TaskSource("timescales", _build, _summary)
