"""Signing up without an account: capacity held exactly, a first-come waiting list, a private link.

Capacity is checked under a lock on the event's row (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite every write transaction already starts with BEGIN IMMEDIATE), so two phones can never
take the last place together.
"""

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import Conflict, Invalid, NotFound
from backend.events import emails, links
from backend.events import events as practitioner_emails
from backend.events.models import Event, EventStatus, Invitation, SignUp, SignUpStatus
from backend.events.policy import SIGN_UP, sign_up_flag
from backend.events.public_schemas import PublicEvent, PublicSignUpCreate, PublicSignUpUpdate
from backend.identity.models import Agency

_FIELDS = ("name", "email", "agency_name", "agency_id", "job_title", "team", "involvement", "attendance",
           "access_needs", "support", "seniority", "directly_involved", "status", "flagged")
_GONE = "This link is not valid, or sign-up for this event has closed."


def place_counts(session: Session, event_id: uuid.UUID) -> tuple[int, int]:
    rows = session.execute(
        select(SignUp.status, func.count()).where(SignUp.event_id == event_id).group_by(SignUp.status)
    ).all()
    counts = {status: n for status, n in rows}
    return counts.get(SignUpStatus.confirmed, 0), counts.get(SignUpStatus.waiting_list, 0)


def public_event(session: Session, event: Event) -> PublicEvent:
    """Only what a practitioner needs to decide and turn up: built field by field, nothing from the review."""
    confirmed, _ = place_counts(session, event.id)
    places_left = max(event.capacity - confirmed, 0)
    return PublicEvent(
        title=event.title, kind=event.kind.value, date=event.date.isoformat(),
        start_time=event.start_time.strftime("%H:%M"), end_time=event.end_time.strftime("%H:%M"),
        timezone=event.timezone, location=event.location, virtual_link=event.virtual_link,
        questions=list(event.questions), support_note=event.support_note, places_left=places_left,
        waiting_list_open=places_left == 0 and accepting_sign_ups(event),
    )


def accepting_sign_ups(event: Event) -> bool:
    return event.status == EventStatus.scheduled and event.sign_up_open and clock.now() < event.ends_at


def resolve_sign_up_token(session: Session, token: str) -> tuple[Event, Invitation | None]:
    """An invitation's token or an event's open link; anything unknown, revoked, expired or closed is 404."""
    token_hash = links.hash_token(token)
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == token_hash))
    if invitation is not None:
        event = session.get(Event, invitation.event_id)
        if invitation.revoked_at is not None or event is None:
            raise NotFound(_GONE)
    else:
        event = session.scalar(select(Event).where(Event.open_link_hash == token_hash))
        if event is None or clock.now() >= event.sign_up_expires_at:
            raise NotFound(_GONE)
    if not accepting_sign_ups(event):
        raise NotFound(_GONE)
    return event, invitation


def lock_event(session: Session, event: Event) -> Event:
    """Hold the event's row until the transaction ends, then read its latest committed state."""
    session.execute(select(Event.id).where(Event.id == event.id).with_for_update())
    session.refresh(event)
    return event


def sign_up(session: Session, token: str, data: PublicSignUpCreate) -> tuple[SignUp, str]:
    """A second sign-up with the same e-mail is refused (409): the first one is changed through its private link,
    so nobody holding the open link can alter another person's place."""
    event, invitation = resolve_sign_up_token(session, token)
    lock_event(session, event)
    if not accepting_sign_ups(event):
        raise NotFound(_GONE)
    email = data.email.lower()
    if invitation is not None and session.scalar(select(SignUp.id).where(
            SignUp.invitation_id == invitation.id, SignUp.status != SignUpStatus.cancelled)):
        raise Conflict("This invitation has already been used. Use the private link in your confirmation e-mail "
                       "to change or cancel your place.")
    existing = session.scalar(select(SignUp).where(SignUp.event_id == event.id, SignUp.email == email))
    if existing is not None and existing.status != SignUpStatus.cancelled:
        raise Conflict("This e-mail address is already signed up for this event. Use the private link in your "
                       "confirmation e-mail to change or cancel.", errors=[("body.email", "already signed up")])
    agency_id = invitation.agency_id if invitation else _chosen_agency(session, data.agency_id)
    confirmed, _ = place_counts(session, event.id)
    last = session.scalar(select(func.max(SignUp.queue_number)).where(SignUp.event_id == event.id)) or 0
    token_value = links.new_token()
    record = existing or SignUp(event_id=event.id, email=email)
    fields = data.model_dump(exclude={"email", "agency_id"})
    for key, value in fields.items():
        setattr(record, key, value)
    record.agency_id = agency_id
    record.invitation_id = invitation.id if invitation else None
    record.queue_number = last + 1
    record.status = SignUpStatus.confirmed if confirmed < event.capacity else SignUpStatus.waiting_list
    record.confirmed_at = clock.now() if record.status == SignUpStatus.confirmed else None
    record.cancelled_at = None
    record.attended = record.attendance_marked_at = None
    record.flag_reason = sign_up_flag(data.seniority, data.directly_involved)
    record.flagged = record.flag_reason is not None
    record.manage_token_hash = links.hash_token(token_value)
    record.manage_token_sealed = links.seal(token_value)
    session.add(record)
    session.flush()
    audit.record(session, None, "sign_up", "event_sign_up", record.id,
                 f"{record.name} signed up for {event.title} ({record.status.value})",
                 audit.snapshot(record, _FIELDS) | {"event_id": str(event.id)},
                 actor_name=f"{record.name} (public sign-up link)")
    if record.status == SignUpStatus.confirmed:
        _tell(session, practitioner_emails.SignUpConfirmed, emails.confirmation_message(record, event), record, event)
    else:
        _tell(session, practitioner_emails.SignUpWaitlisted, emails.waiting_list_message(record, event), record, event)
    return record, token_value


def _chosen_agency(session: Session, agency_id: uuid.UUID | None) -> uuid.UUID | None:
    if agency_id is None:
        return None
    agency = session.get(Agency, agency_id)
    if agency is None or not agency.active:
        raise Invalid("Choose your agency from the list.", errors=[("body.agency_id", "not a partnership agency")])
    return agency.id


def _tell(session: Session, kind: type[practitioner_emails.PractitionerEmail], message: emails.EmailMessage,
          record: SignUp, event: Event) -> None:
    practitioner_emails.publish_message(session, kind, message, event=event, subject_id=record.id,
                                        agency_id=record.agency_id)


def promote_waiting(session: Session, event: Event) -> list[SignUp]:
    """Offer freed places to the waiting list, first come first served (call with the event locked)."""
    confirmed, _ = place_counts(session, event.id)
    free = event.capacity - confirmed
    if free <= 0 or event.status != EventStatus.scheduled or clock.now() >= event.starts_at:
        return []
    promoted = list(session.scalars(
        select(SignUp).where(SignUp.event_id == event.id, SignUp.status == SignUpStatus.waiting_list)
        .order_by(SignUp.queue_number).limit(free)
    ))
    for record in promoted:
        record.status = SignUpStatus.confirmed
        record.confirmed_at = clock.now()
        session.flush()
        audit.record(session, None, "promote", "event_sign_up", record.id,
                     f"Place at {event.title} offered to {record.name} from the waiting list",
                     {"status": {"from": "waiting_list", "to": "confirmed"}})
        _tell(session, practitioner_emails.PlaceOffered, emails.place_offered_message(record, event), record, event)
    return promoted


def by_manage_token(session: Session, token: str) -> SignUp:
    record = session.scalar(select(SignUp).where(SignUp.manage_token_hash == links.hash_token(token)))
    if record is None:
        raise NotFound("This link is not valid.")
    return record


def _changeable(record: SignUp) -> None:
    event = record.event
    if event.status == EventStatus.cancelled:
        raise Conflict("This event has been cancelled.")
    if clock.now() >= event.starts_at:
        raise Conflict("This event has already started, so the sign-up can no longer be changed.")
    if record.status == SignUpStatus.cancelled:
        raise Conflict("This sign-up was cancelled. Sign up again with the event's link if you can come after all.")


def update_sign_up(session: Session, token: str, data: PublicSignUpUpdate) -> SignUp:
    record = by_manage_token(session, token)
    _changeable(record)
    before = audit.snapshot(record, _FIELDS)
    for key, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(record, key, value)
    # A change of role or involvement is looked at as a new sign-up would be.
    record.flag_reason = sign_up_flag(record.seniority, record.directly_involved)
    record.flagged = record.flag_reason is not None
    session.flush()
    audit.record(session, None, "update", "event_sign_up", record.id, f"{record.name} changed their sign-up",
                 audit.diff(before, audit.snapshot(record, _FIELDS)), actor_name=f"{record.name} (private link)")
    return record


def cancel(session: Session, record: SignUp, actor: Principal | None = None, reason: str = "") -> list[SignUp]:
    """Cancel a place and offer it to the waiting list: the business office (`actor`), whose step is checked, or the
    person through their private link, for whom cancelling twice changes nothing."""
    event = lock_event(session, record.event)
    session.refresh(record)
    if actor is None:
        if record.status == SignUpStatus.cancelled:
            return []
        if clock.now() >= event.starts_at:
            raise Conflict("This event has already started; attendance is recorded instead.")
    previous = record.status
    SIGN_UP.take(session, actor, record, "cancel", apply={"cancelled_at": clock.now()},
                 summary=f"Sign-up of {record.name} for {event.title} cancelled" + (f": {reason}" if reason else ""),
                 actor_name=None if actor else f"{record.name} (private link)")
    return promote_waiting(session, event) if previous == SignUpStatus.confirmed else []
