"""The e-mails practitioners get about events, handed to the outbox as typed domain events.

The outbox (templates, SMTP, one send per `key`) lives in the reminders domain; it subscribes to
`EMAIL_EVENT_TYPES` and queues each event's `email`. Messages carry only the event's practical details:
never the review or the child's reference.
"""

import uuid
from typing import ClassVar

from sqlalchemy.orm import Session

from backend.core.domain_events import DomainEvent, publish
from backend.events.emails import EmailMessage
from backend.events.models import Event


class PractitionerEmail(DomainEvent):
    subject_type: ClassVar[str] = "event_sign_up"
    event_id: uuid.UUID
    email: EmailMessage


class SignUpConfirmed(PractitionerEmail):
    type: ClassVar[str] = "event.sign_up_confirmed"


class SignUpWaitlisted(PractitionerEmail):
    type: ClassVar[str] = "event.sign_up_waitlisted"


class PlaceOffered(PractitionerEmail):
    type: ClassVar[str] = "event.place_offered"


class DetailsChanged(PractitionerEmail):
    type: ClassVar[str] = "event.details_changed"


class CancelledNotice(PractitionerEmail):
    type: ClassVar[str] = "event.cancelled_notice"


class InvitationSent(PractitionerEmail):
    type: ClassVar[str] = "event.invitation_sent"
    subject_type: ClassVar[str] = "event_invitation"


EMAIL_EVENT_TYPES: tuple[type[PractitionerEmail], ...] = (
    SignUpConfirmed, SignUpWaitlisted, PlaceOffered, DetailsChanged, CancelledNotice, InvitationSent)


def publish_message(session: Session, kind: type[PractitionerEmail], message: EmailMessage, *, event: Event,
                    subject_id: uuid.UUID, agency_id: uuid.UUID | None) -> None:
    publish(session, kind(subject_id=subject_id, child_reference=event.review.child_reference,
                          agency_ids=(agency_id,) if agency_id else (), event_id=event.id, email=message))
