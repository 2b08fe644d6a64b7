"""Rapid reviews: opened by a notification or an agreed referral; decided by the three safeguarding partners
jointly (partner_decisions/) and sent to the National Panel within 15 working days."""

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import SimpleNamespace

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version_if_sent
from backend.core.config import get_settings
from backend.core.domain_events import DomainEvent, envelope, publish
from backend.core.errors import Invalid, NotFound
from backend.core.visibility import involves
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, Due, SubjectType
from backend.identity import partners
from backend.identity.models import Agency, SafeguardingPartner
from backend.incident_notifications.models import IncidentNotification
from backend.partner_decisions import service as partner_decisions
from backend.partner_decisions.models import DecisionSubject
from backend.partner_decisions.schemas import PartnerPositionRead
from backend.rapid_reviews.events import RapidReviewDecided, RapidReviewOpened
from backend.rapid_reviews.models import (
    LearningBriefing,
    RapidReview,
    RapidReviewComment,
    RapidReviewState,
    Recommendation,
    rapid_review_agencies,
)
from backend.rapid_reviews.policy import RAPID_REVIEW, visible_rapid_reviews
from backend.rapid_reviews.schemas import (
    CommentCreate,
    PanelClockStart,
    PanelResponse,
    PanelSubmission,
    PanelTimeliness,
    RapidReviewPartnerPosition,
    RapidReviewRecommendationCreate,
)
from backend.reviews import service as reviews
from backend.reviews.models import ReviewKind

RECOMMENDATION_WORDS = {
    Recommendation.local_cspr: "a local Child Safeguarding Practice Review",
    Recommendation.no_cspr: "no Child Safeguarding Practice Review",
    Recommendation.national_review_referral: "referring the case to the National Panel for a national review",
}
PANEL_DEADLINE = DeadlineKind.rapid_review
COMMENT_DEADLINE = DeadlineKind.scrutineer_comment
COMMENT_WITHIN_WORKING_DAYS = 2
PANEL_WITHIN_WORKING_DAYS = 15
# When no Panel deadline is known yet, the partners' positions are due this many working days after the
# recommendation.
POSITIONS_WITHIN_WORKING_DAYS = 5
SUBJECT = DecisionSubject.rapid_review
POSITION_WORDS = {True: "hold a local Child Safeguarding Practice Review", False: "no local review"}
DECIDED_BY = "The three safeguarding partners"
_FIELDS = ("child_reference", "state", "recommendation", "recommendation_rationale", "learning_mechanisms",
           "hold_cspr", "decision_comments", "decided_on", "sent_to_panel_on", "panel_agrees",
           "panel_responded_on", "panel_comments", "review_id")


def open_rapid_review(
    session: Session,
    actor: Principal | None,
    *,
    case: Case,
    notification: IncidentNotification | None = None,
    referral_id: uuid.UUID | None = None,
    agency_ids: Iterable[uuid.UUID] = (),
) -> RapidReview:
    """Open the rapid review of `case`, from its notification or from an agreed referral (one of the two)."""
    if (notification is None) == (referral_id is None):
        raise ValueError("a rapid review is opened from a notification or from a referral")
    child_reference = case.reference
    rapid_review = RapidReview(
        case=case, opened_on=clock.today(), notification_id=notification.id if notification else None,
        referral_id=referral_id, learning_mechanisms=[],
    )
    source_type, source_id = rapid_review.source_type, rapid_review.source_id
    rapid_review.agencies = list(session.scalars(select(Agency).where(Agency.id.in_(list(agency_ids)))))
    session.add(rapid_review)
    session.flush()
    session.add(LearningBriefing(rapid_review_id=rapid_review.id, title=f"Learning from the case of {child_reference}"))
    schedule_panel_deadline(session, rapid_review, notification)
    audit.record(session, actor, "create", "rapid_review", rapid_review.id,
                 f"Rapid review opened for {child_reference} from the {source_type.value.replace('_', ' ')}",
                 audit.snapshot(rapid_review, ("child_reference", "state", "source_type", "source_id"))
                 | {"agencies": sorted(str(a.id) for a in rapid_review.agencies)})
    publish(session, RapidReviewOpened(subject_id=rapid_review.id, case_id=rapid_review.case_id,
                                       child_reference=child_reference,
                                       agency_ids=_agency_ids(rapid_review), source_type=source_type,
                                       source_id=source_id))
    return rapid_review


def _agency_ids(rapid_review: RapidReview) -> tuple[uuid.UUID, ...]:
    return tuple(a.id for a in rapid_review.agencies)


def _anchor(rapid_review: RapidReview, notification: IncidentNotification | None) -> dt.date | None:
    notified = None if notification is None else (notification.notified_panel_on, notification.became_aware_on)
    return _counted_from(rapid_review, notified)[0]


def _counted_from(rapid_review: RapidReview, notified: tuple[dt.date | None, dt.date] | None
                  ) -> tuple[dt.date | None, PanelClockStart]:
    """The day the 15 working days count from, and what happened that day. `notified`: the notification's day the
    Panel was told and day the local authority became aware, for a rapid review opened by a notification."""
    if notified is None:
        # A referral's rapid review and decision fall within 15 working days of the referral being agreed.
        return rapid_review.opened_on, PanelClockStart.rapid_review_opened
    notified_panel_on, became_aware_on = notified
    if get_settings().rapid_review_deadline_anchor == "became_aware":
        return became_aware_on, PanelClockStart.became_aware
    return notified_panel_on, PanelClockStart.panel_notified


def panel_timeliness(session: Session, rapid_reviews: Sequence[RapidReview], due: Mapping[uuid.UUID, Deadline | Due],
                     today: dt.date) -> dict[uuid.UUID, PanelTimeliness | None]:
    """For each rapid review, the working days used of the 15 for the report to the Panel and whether it was sent on
    time: counted from the anchor (the partnership's setting) to the day sent, or to today while not sent. None while
    the anchor is not known (the Panel has not yet been notified). `due`: their Panel deadlines, by rapid review."""
    if not rapid_reviews:  # a count alone (limit=0) asks nothing more
        return {}
    ids = [r.notification_id for r in rapid_reviews if r.notification_id is not None]
    notified = {row.id: (row.notified_panel_on, row.became_aware_on) for row in session.execute(
        select(IncidentNotification.id, IncidentNotification.notified_panel_on, IncidentNotification.became_aware_on)
        .where(IncidentNotification.id.in_(ids)))} if ids else {}
    calendar = get_calendar(session)
    result: dict[uuid.UUID, PanelTimeliness | None] = {}
    for rapid_review in rapid_reviews:
        anchor, start = _counted_from(rapid_review, notified.get(rapid_review.notification_id)
                                      if rapid_review.notification_id is not None else None)
        if anchor is None:
            result[rapid_review.id] = None
            continue
        deadline = due.get(rapid_review.id)
        due_date = (deadline.due_date if deadline is not None
                    else calendar.add_working_days(anchor, PANEL_WITHIN_WORKING_DAYS))
        sent_on = rapid_review.sent_to_panel_on
        until = sent_on or today
        used = max(0, calendar.working_days_between(anchor, until))
        late = max(0, calendar.working_days_between(due_date, until))
        on_time = (sent_on <= due_date) if sent_on is not None else (False if today > due_date else None)
        result[rapid_review.id] = PanelTimeliness(
            counted_from=anchor, counted_from_event=start, due_date=due_date,
            working_days_allowed=PANEL_WITHIN_WORKING_DAYS, working_days_used=used, sent_on=sent_on,
            sent_on_time=on_time, working_days_late=late)
    return result


def schedule_panel_deadline(
    session: Session, rapid_review: RapidReview, notification: IncidentNotification | None
) -> None:
    """Open (or move) the 15 working day deadline for sending the report to the Panel, once its anchor is known."""
    anchor = _anchor(rapid_review, notification)
    if anchor is None or rapid_review.sent_to_panel_on is not None:
        return
    deadlines.open_deadline(
        session, kind=PANEL_DEADLINE, subject_type=SubjectType.rapid_review, subject_id=rapid_review.id,
        due_date=get_calendar(session).add_working_days(anchor, PANEL_WITHIN_WORKING_DAYS),
        title=f"Send the rapid review for {deadlines.CHILD} to the National Panel",
        case_id=rapid_review.case_id, link=f"/rapid-reviews/{rapid_review.id}",
        owner_role=Role.business_office,
    )


def for_notification(session: Session, notification_id: uuid.UUID) -> RapidReview | None:
    return session.scalar(select(RapidReview).where(RapidReview.notification_id == notification_id))


def for_referral(session: Session, referral_id: uuid.UUID) -> RapidReview | None:
    return session.scalar(select(RapidReview).where(RapidReview.referral_id == referral_id))


def list_rapid_reviews(
    principal: Principal, *, state: RapidReviewState | None = None, agency_id: uuid.UUID | None = None,
    overdue: bool | None = None, source_id: uuid.UUID | None = None,
) -> Select[RapidReview]:
    stmt = select(RapidReview).where(visible_rapid_reviews(principal))
    if source_id is not None:
        stmt = stmt.where(or_(RapidReview.notification_id == source_id, RapidReview.referral_id == source_id))
    if state is not None:
        stmt = stmt.where(RapidReview.state == state)
    if agency_id is not None:
        stmt = stmt.where(involves(rapid_review_agencies, RapidReview.id, agency_id))
    if overdue is not None:
        stmt = stmt.where(deadlines.overdue_filter(PANEL_DEADLINE, RapidReview.id, overdue))
    return stmt.order_by(RapidReview.opened_on.desc(), RapidReview.id)


def get_rapid_review(session: Session, principal: Principal, rapid_review_id: uuid.UUID) -> RapidReview:
    rapid_review = session.scalar(select(RapidReview).where(
        RapidReview.id == rapid_review_id, visible_rapid_reviews(principal)))
    if rapid_review is None:
        raise NotFound("No such rapid review.")
    note_read(session, principal, rapid_review.case_id, "rapid_review", rapid_review.id)
    return rapid_review


def comments_of(session: Session, rapid_review_id: uuid.UUID) -> list[RapidReviewComment]:
    return list(session.scalars(select(RapidReviewComment).where(RapidReviewComment.rapid_review_id == rapid_review_id)
                                .order_by(RapidReviewComment.created_at, RapidReviewComment.id)))


def _not_after_today(day: dt.date, field: str) -> None:
    if day > clock.today():
        raise Invalid("That date is in the future.", errors=[(field, "cannot be in the future")])


def _take(session: Session, actor: Principal, rapid_review: RapidReview, step: str, summary: str,
          apply: dict[str, object], event: Callable[[], DomainEvent | None] | None = None,
          changes: dict[str, object] | None = None, complete: bool = False) -> None:
    """Take a step already checked, auditing the state change and what it sets of the rapid review's fields."""
    fields = [name for name in apply if name in _FIELDS]
    diff = audit.diff(audit.snapshot(rapid_review, fields), audit.snapshot(SimpleNamespace(**apply), fields))
    RAPID_REVIEW.take(session, actor, rapid_review, step, checked=True, summary=summary, apply=apply,
                      changes=diff | (changes or {}), event=event, complete=complete)


def make_recommendation(session: Session, actor: Principal, rapid_review: RapidReview,
                        data: RapidReviewRecommendationCreate, if_match: str | None = None) -> RapidReview:
    """The meeting's recommendation; with If-Match, only on the version (the meeting record) the caller read."""
    RAPID_REVIEW.check(actor, rapid_review, "make_recommendation")
    check_version_if_sent(rapid_review, if_match)
    if data.recommendation == Recommendation.no_cspr and not data.learning_mechanisms:
        raise Invalid("Name how the learning will be taken forward without a review.",
                      errors=[("body.learning_mechanisms", "required when no review is recommended")])
    _take(session, actor, rapid_review, "make_recommendation",
          f"The meeting recommended {RECOMMENDATION_WORDS[data.recommendation]}",
          {"recommendation": data.recommendation, "recommendation_rationale": data.rationale,
           "learning_mechanisms": list(data.learning_mechanisms)})
    _ask_the_scrutineer(session, rapid_review)
    _ask_the_partners(session, rapid_review)
    return rapid_review


def _ask_the_scrutineer(session: Session, rapid_review: RapidReview) -> None:
    """The recommendation goes to the partners for their decision: the independent scrutineer's comment is wanted
    first, within two working days and never after the report is due at the Panel."""
    due = get_calendar(session).add_working_days(clock.today(), COMMENT_WITHIN_WORKING_DAYS)
    panel = deadlines.find(session, PANEL_DEADLINE, rapid_review.id)
    if panel is not None and panel.due_date < due:
        due = max(panel.due_date, clock.today())
    deadlines.open_deadline(
        session, kind=COMMENT_DEADLINE, subject_type=SubjectType.rapid_review, subject_id=rapid_review.id,
        due_date=due, title=f"Comment on the rapid review of {deadlines.CHILD} before the partners decide",
        case_id=rapid_review.case_id, link=f"/rapid-reviews/{rapid_review.id}", owner_role=Role.scrutineer)


def _ask_the_partners(session: Session, rapid_review: RapidReview) -> None:
    """Each safeguarding partner's position is due before the report goes to the Panel: on its partner's dashboard."""
    panel = deadlines.find(session, PANEL_DEADLINE, rapid_review.id)
    due = (panel.due_date if panel is not None and panel.due_date >= clock.today()
           else get_calendar(session).add_working_days(clock.today(), POSITIONS_WITHIN_WORKING_DAYS))
    partner_decisions.open_deadlines(session, SUBJECT, rapid_review.id, rapid_review.case_id, due_date=due,
                                     what=f"the rapid review of {deadlines.CHILD}",
                                     link=f"/rapid-reviews/{rapid_review.id}")


def record_partner_position(session: Session, actor: Principal, rapid_review: RapidReview,
                            data: RapidReviewPartnerPosition, if_match: str | None = None) -> RapidReview:
    """The caller's safeguarding partner's position on the recommendation (partner_decisions/service.py).

    A position other than the meeting's recommendation (a local review for `local_cspr`; none for `no_cspr` or a
    referral for a national review) needs reasons. When the third partner's is recorded the decision stands: the
    majority of the three, decided on the day the last was reached; a decision to hold a review opens it and its six
    months, and `RapidReviewDecided` is published, once. With If-Match, only on the version (the recommendation) the
    caller read: a change since then is a 412.
    """
    RAPID_REVIEW.check(actor, rapid_review, "record_partner_position")
    check_version_if_sent(rapid_review, if_match)
    recommended_hold = rapid_review.recommendation == Recommendation.local_cspr
    position, changes, tally = partner_decisions.record(
        session, actor, SUBJECT, rapid_review.id, rapid_review.case_id, partner_decisions.Proposed(
            for_review=data.hold_cspr, agrees_with_recommendation=data.hold_cspr == recommended_hold,
            reasons=data.reasons, recorded_on=data.recorded_on, partner=data.partner))
    label = partners.label(position.partner)
    stance = "agreeing with" if position.agrees_with_recommendation else "disagreeing with"
    summary = (f"{actor.name} recorded {label}'s position: {POSITION_WORDS[data.hold_cspr]}, {stance} the "
               "meeting's recommendation")
    if not tally.stands:
        _take(session, actor, rapid_review, "record_partner_position", summary, {}, changes=changes)
        return rapid_review
    hold_cspr, decided_on = tally.for_review, tally.decided_on
    review_id = None
    if hold_cspr:
        review_id = reviews.create_review(
            session, actor, case=rapid_review.case, decided_on=decided_on, kind=ReviewKind.cspr,
            rapid_review_id=rapid_review.id, agency_ids=[a.id for a in rapid_review.agencies],
        ).id
    deadlines.waive(session, COMMENT_DEADLINE, rapid_review.id, "Decided before the scrutineer commented")
    outcome = "to hold a review" if hold_cspr else "not to hold a review"
    _take(session, actor, rapid_review, "record_partner_position",
          f"{summary}. All three safeguarding partners have recorded theirs: the partners decided {outcome}",
          {"hold_cspr": hold_cspr,
           "decision_comments": tally.summary(POSITION_WORDS), "decided_on": decided_on,
           "decided_by_name": DECIDED_BY, "review_id": review_id},
          changes=changes, complete=True,
          event=lambda: RapidReviewDecided(
              **envelope(rapid_review, *_agency_ids(rapid_review)), hold_cspr=hold_cspr, decided_on=decided_on,
              review_id=review_id, recommendation=rapid_review.recommendation))
    return rapid_review


def send_to_panel(session: Session, actor: Principal, rapid_review: RapidReview,
                  data: PanelSubmission) -> RapidReview:
    RAPID_REVIEW.check(actor, rapid_review, "send_to_panel")
    _not_after_today(data.sent_on, "body.sent_on")
    if rapid_review.decided_on and data.sent_on < rapid_review.decided_on:
        raise Invalid("The report goes to the Panel after the decision.",
                      errors=[("body.sent_on", "cannot be before the decision")])
    _take(session, actor, rapid_review, "send_to_panel", "Sent the rapid review to the National Panel",
          {"sent_to_panel_on": data.sent_on})
    deadlines.meet(session, PANEL_DEADLINE, rapid_review.id)
    return rapid_review


def record_panel_response(session: Session, actor: Principal, rapid_review: RapidReview,
                          data: PanelResponse) -> RapidReview:
    RAPID_REVIEW.check(actor, rapid_review, "record_panel_response")
    _not_after_today(data.responded_on, "body.responded_on")
    _take(session, actor, rapid_review, "record_panel_response",
          "The National Panel agreed" if data.agrees else "The National Panel disagreed",
          {"panel_agrees": data.agrees, "panel_responded_on": data.responded_on, "panel_comments": data.comments})
    return rapid_review


def add_comment(session: Session, actor: Principal, rapid_review: RapidReview,
                data: CommentCreate) -> RapidReviewComment:
    RAPID_REVIEW.check(actor, rapid_review, "comment")
    comment = RapidReviewComment(rapid_review_id=rapid_review.id, author_id=actor.id, author_name=actor.name,
                                 body=data.body, created_at=clock.now())
    session.add(comment)
    session.flush()
    RAPID_REVIEW.take(session, actor, rapid_review, "comment", checked=True, summary=f"{actor.name} commented",
                      changes={"comment_id": comment.id})
    deadlines.meet(session, COMMENT_DEADLINE, rapid_review.id)
    return comment


def positions(session: Session, rapid_review: RapidReview) -> tuple[list[PartnerPositionRead],
                                                                    list[SafeguardingPartner]]:
    """Each partner's position (or null) and the partners still to record, for a read."""
    return partner_decisions.read(session, SUBJECT, rapid_review.id,
                                  awaiting=rapid_review.state == RapidReviewState.recommendation_made)


def allowed_actions(principal: Principal, rapid_review: RapidReview) -> list[str]:
    return RAPID_REVIEW.allowed_actions(principal, rapid_review)
