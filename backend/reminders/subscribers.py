"""E-mails that follow domain events: referral outcomes and returns, information requests.

Each listener runs inside the transaction that published the event, so the e-mail is recorded only
if the change commits; the event id in the dedupe key means a re-published event sends nothing new.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Role
from backend.core.domain_events import DomainEvent, subscribe
from backend.events.emails import EMAIL_EVENT_TYPES, EmailMessage
from backend.identity.models import Agency, User
from backend.reminders.mail import frontend_link, queue_email, queue_rendered_email


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _emails_of(session: Session, user_ids: Iterable[Any]) -> list[str]:
    ids = {i for i in (_as_uuid(v) for v in user_ids) if i is not None}
    if not ids:
        return []
    return list(session.scalars(select(User.email).where(User.id.in_(ids), User.active.is_(True))))


def _agency_leads(session: Session, agency_id: uuid.UUID | None) -> list[str]:
    if agency_id is None:
        return []
    return list(session.scalars(select(User.email).where(
        User.agency_id == agency_id, User.role == Role.agency_lead, User.active.is_(True))))


def _agency_name(session: Session, agency_id: uuid.UUID | None) -> str:
    agency = session.get(Agency, agency_id) if agency_id else None
    return agency.name if agency else "Your agency"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(clock.LONDON).date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _link(event: DomainEvent, default: str) -> str:
    return frontend_link(str(event.data.get("link") or default))


def _outcome(data: dict[str, Any]) -> str:
    outcome = data.get("outcome") or data.get("decision")
    if outcome is None and "agreed" in data:
        outcome = "a review will be held" if data["agreed"] else "a review will not be held"
    text = str(outcome or "recorded").replace("_", " ")
    return text[:1].upper() + text[1:]


def referral_decided(session: Session, event: DomainEvent) -> None:
    """The outcome goes to the referrer and their manager; failing those, the referring agency's leads."""
    to = _emails_of(session, [event.data.get("referrer_user_id"), event.data.get("manager_user_id")])
    to = to or _agency_leads(session, event.agency_id)
    subject = f"Decision on the review request for {event.child_reference}"
    review_type = event.data.get("review_type")
    queue_email(session, to=to, subject=subject, template="referral_decided", category="referral", context={
        "subject": subject, "child_reference": event.child_reference, "outcome": _outcome(event.data),
        "review_type": str(review_type).replace("_", " ") if review_type else None,
        "comments": event.data.get("comments"), "decided_on": _date(event.data.get("decided_on")),
        "url": _link(event, f"/referrals/{event.subject_id}")}, key=f"event:{event.id}:referral_decided")


def referral_returned(session: Session, event: DomainEvent) -> None:
    to = _emails_of(session, [event.data.get("referrer_user_id")]) or _agency_leads(session, event.agency_id)
    subject = f"Your review request for {event.child_reference} has been returned"
    queue_email(session, to=to, subject=subject, template="referral_returned", category="referral", context={
        "subject": subject, "child_reference": event.child_reference,
        "reasons": str(event.data.get("reasons") or "No reason was given; please contact the business office."),
        "url": _link(event, f"/referrals/{event.subject_id}")}, key=f"event:{event.id}:referral_returned")


def _information_request(session: Session, event: DomainEvent, template: str, subject: str) -> None:
    due = _date(event.data.get("due_date"))
    today = clock.today()
    days_left = get_calendar(session).working_days_between(today, due) if due and due > today else None
    queue_email(session, to=_agency_leads(session, event.agency_id), subject=subject, template=template,
                category="information_request", context={
                    "subject": subject, "child_reference": event.child_reference,
                    "agency_name": _agency_name(session, event.agency_id), "due_date": due,
                    "days_left": days_left, "purpose": event.data.get("purpose"),
                    "reasons": event.data.get("reasons"),
                    "url": _link(event, f"/information-requests/{event.subject_id}")},
                key=f"event:{event.id}:{template}")


def information_request_created(session: Session, event: DomainEvent) -> None:
    _information_request(session, event, "information_request_created",
                         f"Information request for {event.child_reference}")


def information_request_returned(session: Session, event: DomainEvent) -> None:
    _information_request(session, event, "information_request_returned",
                         f"Information request for {event.child_reference} returned to you")


def practitioner_event_email(session: Session, event: DomainEvent) -> None:
    """Sign-up confirmations, waiting-list places and changes, composed by the events domain."""
    message = EmailMessage.from_data(event.data["email"])
    queue_rendered_email(session, to=[message.to], subject=message.subject, text=message.text,
                         html=message.html, attachments=message.attachment_tuples(), key=message.key,
                         category="practitioner_event")


def register() -> None:
    """Subscribe the e-mail listeners (idempotent; the app calls this at startup)."""
    subscribe("referral.decided", referral_decided)
    subscribe("referral.returned", referral_returned)
    subscribe("information_request.created", information_request_created)
    subscribe("information_request.returned", information_request_returned)
    for event_type in EMAIL_EVENT_TYPES:
        subscribe(event_type, practitioner_event_email)
