"""E-mails that follow domain events: referral outcomes and returns, information requests.

Each listener runs inside the transaction that published the event, so the e-mail is recorded only
if the change commits; the event id in the dedupe key means a re-published event sends nothing new.
"""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Role
from backend.core.domain_events import subscribe
from backend.events.events import EMAIL_EVENT_TYPES, PractitionerEmail
from backend.identity.models import Agency, User
from backend.information_requests.events import (
    InformationRequestChased,
    InformationRequestCreated,
    InformationRequestReturned,
)
from backend.referrals.events import ReferralDecided, ReferralReturned
from backend.referrals.policy import ReviewType
from backend.reminders.mail import frontend_link, queue_email, queue_rendered_email


def _emails_of(session: Session, user_ids: Iterable[uuid.UUID | None]) -> list[str]:
    ids = {i for i in user_ids if i is not None}
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


def referral_decided(session: Session, event: ReferralDecided) -> None:
    """The outcome goes to the referrer and their manager; failing those, the referring agency's leads."""
    to = _emails_of(session, [event.referrer_user_id, event.manager_user_id])
    to = to or _agency_leads(session, _first(event.agency_ids))
    subject = f"Decision on the review request for {event.child_reference}"
    queue_email(session, to=to, subject=subject, template="referral_decided", category="referral", context={
        "subject": subject, "child_reference": event.child_reference,
        "outcome": _referral_outcome(event),
        "comments": event.comments, "decided_on": event.decided_on,
        "url": frontend_link(f"/referrals/{event.subject_id}")}, key=f"event:{event.id}:referral_decided")


def _referral_outcome(event: ReferralDecided) -> str:
    # What the decision on a referral is: where the case goes next. A CSPR is decided at the rapid review.
    if not event.agreed:
        return "The case will not go to a rapid review or a case mapping exercise"
    if event.review_type == ReviewType.case_mapping:
        return "The case will be looked at in a case mapping exercise"
    return ("The case goes to a rapid review, which will decide whether to hold a Child Safeguarding Practice "
            "Review")


def referral_returned(session: Session, event: ReferralReturned) -> None:
    to = _emails_of(session, [event.referrer_user_id]) or _agency_leads(session, _first(event.agency_ids))
    subject = f"Your review request for {event.child_reference} has been returned"
    queue_email(session, to=to, subject=subject, template="referral_returned", category="referral", context={
        "subject": subject, "child_reference": event.child_reference,
        "reasons": event.reasons or "No reason was given; please contact the business office.",
        "url": frontend_link(f"/referrals/{event.subject_id}")}, key=f"event:{event.id}:referral_returned")


def _first(agency_ids: tuple[uuid.UUID, ...]) -> uuid.UUID | None:
    return agency_ids[0] if agency_ids else None


def _information_request(session: Session,
                         event: InformationRequestCreated | InformationRequestReturned | InformationRequestChased,
                         template: str, subject: str, purpose: str | None, reasons: str | None) -> None:
    due = event.due_date
    today = clock.today()
    days_left = get_calendar(session).working_days_between(today, due) if due and due > today else None
    agency_id = _first(event.agency_ids)
    queue_email(session, to=_agency_leads(session, agency_id), subject=subject, template=template,
                category="information_request", context={
                    "subject": subject, "child_reference": event.child_reference,
                    "agency_name": _agency_name(session, agency_id), "due_date": due,
                    "days_left": days_left, "purpose": purpose, "reasons": reasons,
                    "url": frontend_link(f"/information-requests/{event.subject_id}")},
                key=f"event:{event.id}:{template}")


def information_request_created(session: Session, event: InformationRequestCreated) -> None:
    _information_request(session, event, "information_request_created",
                         f"Information request for {event.child_reference}", purpose=event.purpose, reasons=None)


def information_request_chased(session: Session, event: InformationRequestChased) -> None:
    _information_request(session, event, "information_request_chased",
                         f"Reminder: information request for {event.child_reference}", purpose=None, reasons=None)


def information_request_returned(session: Session, event: InformationRequestReturned) -> None:
    _information_request(session, event, "information_request_returned",
                         f"Information request for {event.child_reference} returned to you",
                         purpose=None, reasons=event.reasons)


def practitioner_event_email(session: Session, event: PractitionerEmail) -> None:
    """Sign-up confirmations, waiting-list places and changes, composed by the events domain."""
    message = event.email
    queue_rendered_email(session, to=[message.to], subject=message.subject, text=message.text,
                         html=message.html, attachments=message.attachment_tuples(), key=message.key,
                         category="practitioner_event")


def register() -> None:
    """Subscribe the e-mail listeners (idempotent; the app calls this at startup)."""
    subscribe(ReferralDecided, referral_decided)
    subscribe(ReferralReturned, referral_returned)
    subscribe(InformationRequestCreated, information_request_created)
    subscribe(InformationRequestReturned, information_request_returned)
    subscribe(InformationRequestChased, information_request_chased)
    for event_type in EMAIL_EVENT_TYPES:
        subscribe(event_type, practitioner_event_email)
