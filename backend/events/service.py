"""Events of a review: scheduled by the business office, read by those who may see the review."""

import datetime as dt
import uuid
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version
from backend.core.errors import Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.events import emails, links, policy, signups
from backend.events import events as practitioner_emails
from backend.events.models import DEBRIEF_KINDS, Event, EventStatus, SignUp, SignUpStatus, local_instant
from backend.events.policy import EVENT
from backend.events.schemas import EventCreate, EventUpdate, PlaceCounts
from backend.reviews import service as reviews
from backend.reviews.models import Review

EVENT_REMINDER = DeadlineKind.event_reminder
DEBRIEF_DEADLINE = DeadlineKind.debrief
_FIELDS = ("review_id", "kind", "title", "date", "start_time", "end_time", "timezone", "location", "virtual_link",
           "capacity", "questions", "support_note", "status", "sign_up_open", "open_link_expires_at")
# What a practitioner sees without an account: checked so nobody types the child's reference into it.
_PUBLIC_FIELDS = ("title", "location", "virtual_link", "support_note", "questions")
_WHEN_AND_WHERE = ("date", "start_time", "end_time", "timezone", "location", "virtual_link")


def visible_events(principal: Principal) -> Select[Event]:
    return select(Event).join(Review, Review.id == Event.review_id).where(policy.visible_events(principal))


def list_events(principal: Principal, *, review_id: uuid.UUID | None = None, kind: str | None = None,
                status: EventStatus | None = None, date_from: dt.date | None = None,
                date_to: dt.date | None = None) -> Select[Event]:
    stmt = visible_events(principal)
    if review_id:
        stmt = stmt.where(Event.review_id == review_id)
    if kind:
        stmt = stmt.where(Event.kind == kind)
    if status:
        stmt = stmt.where(Event.status == status)
    if date_from:
        stmt = stmt.where(Event.date >= date_from)
    if date_to:
        stmt = stmt.where(Event.date <= date_to)
    return stmt.order_by(Event.date, Event.start_time, Event.id)


def get_event(session: Session, principal: Principal, event_id: uuid.UUID) -> Event:
    event = session.scalar(visible_events(principal).where(Event.id == event_id))
    if event is None:
        raise NotFound("No such event.")
    return event


def counts_for(session: Session, event_ids: list[uuid.UUID]) -> dict[uuid.UUID, PlaceCounts]:
    """Confirmed and waiting numbers for a page of events in one query."""
    result = {event_id: PlaceCounts() for event_id in event_ids}
    if not event_ids:
        return result
    rows = session.execute(select(SignUp.event_id, SignUp.status, func.count()).where(
        SignUp.event_id.in_(event_ids), SignUp.status != SignUpStatus.cancelled,
    ).group_by(SignUp.event_id, SignUp.status))
    for event_id, status, number in rows:
        if status == SignUpStatus.confirmed:
            result[event_id].confirmed = number
        else:
            result[event_id].waiting = number
    return result


def _check(event: Event, review: Review) -> None:
    """The rules that span fields, checked on the event as it will be saved."""
    errors: list[tuple[str, str]] = []
    if event.end_time <= event.start_time:
        errors.append(("body.end_time", "must be after the start time"))
    for name in ("start_time", "end_time"):
        wall = getattr(event, name)
        if local_instant(event.date, wall, event.timezone).astimezone(ZoneInfo(event.timezone)).time() != wall:
            errors.append((f"body.{name}", "this time does not exist on that day (the clocks go forward)"))
    if not event.location and not event.virtual_link:
        errors.append(("body.location", "give a place, a virtual link, or both"))
    reference = review.child_reference.strip().lower()
    for name in _PUBLIC_FIELDS:
        value = getattr(event, name)
        texts = value if isinstance(value, list) else [value or ""]
        if reference and any(reference in text.lower() for text in texts):
            errors.append((f"body.{name}", "is shown publicly to practitioners: do not name the child or the review"))
    if errors:
        raise Invalid("The event's details need correcting.", errors=errors)


def _open_deadlines(session: Session, event: Event) -> None:
    open_for_event = partial(deadlines.open_deadline, session, subject_type=SubjectType.event, subject_id=event.id,
                             due_date=event.date, case_id=event.review.case_id,
                             link=f"/events/{event.id}", owner_role=Role.business_office)
    open_for_event(kind=EVENT_REMINDER, title=f"Hold {event.title}")
    if event.kind in DEBRIEF_KINDS:
        open_for_event(kind=DEBRIEF_DEADLINE, title=f"Practitioner de-brief: {event.title}")
    else:
        deadlines.waive(session, DEBRIEF_DEADLINE, event.id, "No longer a de-brief")


def _new_open_link(event: Event, expires_at: dt.datetime | None) -> str:
    token = links.new_token()
    event.open_link_hash = links.hash_token(token)
    event.open_link_expires_at = expires_at
    return token


def create_event(session: Session, actor: Principal, data: EventCreate) -> tuple[Event, str | None]:
    try:
        review = reviews.get_review(session, actor, data.review_id)
    except NotFound as exc:
        raise Invalid("No such review.", errors=[("body.review_id", "no such review")]) from exc
    values = data.model_dump(exclude={"open_link_expires_at", "virtual_link", "create_open_link"})
    event = Event(**values, virtual_link=str(data.virtual_link) if data.virtual_link else None, review=review)
    _check(event, review)
    token = _new_open_link(event, data.open_link_expires_at) if data.create_open_link else None
    session.add(event)
    session.flush()
    _open_deadlines(session, event)
    audit.record(session, actor, "create", "event", event.id, f"Scheduled {event.title} on {event.date}",
                 audit.snapshot(event, _FIELDS) | {"open_link": token is not None})
    return event, token


def update_event(session: Session, actor: Principal, event: Event, data: EventUpdate, if_match: str | None) -> Event:
    """Change the event, only if it is still the version the caller read (If-Match)."""
    signups.lock_event(session, event)
    EVENT.check(actor, event, "edit")
    check_version(event, if_match)
    before = audit.snapshot(event, _FIELDS)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(event, key, str(value) if key == "virtual_link" and value is not None else value)
    _check(event, event.review)
    moved = any(before[name] != audit.snapshot(event, (name,))[name] for name in _WHEN_AND_WHERE)
    EVENT.take(session, actor, event, "edit", checked=True, summary=f"Changed {event.title}",
               apply={"sequence": event.sequence + 1} if moved else None,
               changes=audit.diff(before, audit.snapshot(event, _FIELDS)))
    _open_deadlines(session, event)
    if moved:
        for record in _holding_places(session, event):
            practitioner_emails.publish_message(
                session, practitioner_emails.DetailsChanged, emails.details_changed_message(record, event),
                event=event, subject_id=record.id, agency_id=record.agency_id)
    signups.promote_waiting(session, event)
    return event


def _holding_places(session: Session, event: Event) -> list[SignUp]:
    return list(session.scalars(select(SignUp).where(
        SignUp.event_id == event.id, SignUp.status != SignUpStatus.cancelled).order_by(SignUp.queue_number)))


def cancel_event(session: Session, actor: Principal, event: Event, reason: str) -> Event:
    """Cancel the event: sign-up closes, deadlines are waived and everyone holding a place is told."""
    signups.lock_event(session, event)
    EVENT.take(session, actor, event, "cancel", summary=f"Cancelled {event.title}" + (f": {reason}" if reason else ""),
               apply={"sign_up_open": False, "sequence": event.sequence + 1}, changes={"reason": reason})
    for kind in (EVENT_REMINDER, DEBRIEF_DEADLINE):
        deadlines.waive(session, kind, event.id, reason or "Event cancelled")
    for record in _holding_places(session, event):
        practitioner_emails.publish_message(
            session, practitioner_emails.CancelledNotice, emails.cancelled_notice_message(record, event),
            event=event, subject_id=record.id, agency_id=record.agency_id)
    return event


def replace_open_link(session: Session, actor: Principal, event: Event,
                      expires_at: dt.datetime | None) -> tuple[Event, str]:
    """A new open link (the old one stops working at once): used when a link was lost or spread too far."""
    EVENT.check(actor, event, "replace_open_link")
    token = _new_open_link(event, expires_at)
    EVENT.take(session, actor, event, "replace_open_link", checked=True,
               summary=f"New open sign-up link for {event.title}",
               changes={"open_link_expires_at": event.open_link_expires_at})
    return event, token


def remove_open_link(session: Session, actor: Principal, event: Event) -> Event:
    """Invitation-only from now on: the open link stops working."""
    EVENT.take(session, actor, event, "remove_open_link", summary=f"Open sign-up link removed: {event.title}",
               apply={"open_link_hash": None, "open_link_expires_at": None})
    return event


def allowed_actions(principal: Principal, event: Event) -> list[str]:
    return EVENT.allowed_actions(principal, event)


def mark_held(session: Session, event: Event) -> None:
    for kind in (EVENT_REMINDER, DEBRIEF_DEADLINE):
        deadlines.meet(session, kind, event.id)

