"""The e-mails practitioners get about events, composed here and handed on as domain events.

`events.py` hands them to the outbox as typed domain events. Messages carry only the event's practical
details: never the review or the child's reference.
"""

import html
from dataclasses import dataclass

from backend.events import links
from backend.events.calendar_invite import calendar_for
from backend.events.models import Event, Invitation, SignUp


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str
    key: str  # the outbox sends each key once, however often the message is published
    attachments: tuple[Attachment, ...] = ()

    def attachment_tuples(self) -> list[tuple[str, str, bytes]]:
        """In the form `queue_email(..., attachments=...)` takes."""
        return [(a.filename, a.content_type, a.content) for a in self.attachments]



def _when(event: Event) -> str:
    return (f"{event.date.strftime('%A')} {event.date.day} {event.date.strftime('%B %Y')}, "
            f"{event.start_time.strftime('%H:%M')} to {event.end_time.strftime('%H:%M')} (UK time)")


def _details(event: Event) -> list[str]:
    lines = [f"When: {_when(event)}"]
    if event.location:
        lines.append(f"Where: {event.location}")
    if event.virtual_link:
        lines.append(f"Online: {event.virtual_link}")
    if event.questions:
        lines.append("Questions to think about before the event:")
        lines.extend(f"  - {q}" for q in event.questions)
    if event.support_note:
        lines.append(f"Support: {event.support_note}")
    return lines


def _compose(to: str, subject: str, greeting: str, paragraphs: list[str], details: list[str], key: str,
             attachments: tuple[Attachment, ...] = ()) -> EmailMessage:
    text = "\n\n".join([greeting, *paragraphs, "\n".join(details)]) + "\n"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [greeting, *paragraphs])
    listing = "".join(f"<li>{html.escape(d.strip(' -'))}</li>" for d in details)
    return EmailMessage(to=to, subject=subject, text=text, html=f"{body}<ul>{listing}</ul>", key=key,
                        attachments=attachments)


def _manage_token(sign_up: SignUp) -> str | None:
    return links.unseal(sign_up.manage_token_sealed)


def _sign_up_message(sign_up: SignUp, event: Event, *, subject: str, opening: str, key: str) -> EmailMessage:
    token = _manage_token(sign_up)
    manage = links.manage_url(token) if token else None
    paragraphs = [opening]
    if sign_up.flag_reason:
        paragraphs.append(sign_up.flag_reason)
    if manage:
        paragraphs.append(f"To change your details or cancel, use your private link (do not share it): {manage}")
    invite = Attachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8",
                        calendar_for(event, sign_up, manage))
    return _compose(sign_up.email, subject, f"Dear {sign_up.name},", paragraphs, _details(event), key, (invite,))


def confirmation_message(sign_up: SignUp, event: Event) -> EmailMessage:
    """Sent when a sign-up gets a place: the details, the private link and the calendar invitation."""
    return _sign_up_message(sign_up, event, subject=f"Your place is confirmed: {event.title}",
                            opening=f"Thank you for signing up. Your place at {event.title} is confirmed.",
                            key=f"event-sign-up-confirmed:{sign_up.id}:{sign_up.queue_number}")


def waiting_list_message(sign_up: SignUp, event: Event) -> EmailMessage:
    return _sign_up_message(
        sign_up, event, subject=f"You are on the waiting list: {event.title}",
        opening=(f"{event.title} is full, so you are on the waiting list. If a place comes up it will be offered "
                 "to you automatically, in the order people signed up, and we will e-mail you."),
        key=f"event-sign-up-waitlisted:{sign_up.id}:{sign_up.queue_number}")


def place_offered_message(sign_up: SignUp, event: Event) -> EmailMessage:
    return _sign_up_message(
        sign_up, event, subject=f"A place has come up for you: {event.title}",
        opening=(f"A place has come up at {event.title} and it is now yours. If you can no longer come, "
                 "please cancel so the place can go to the next person."),
        key=f"event-place-offered:{sign_up.id}:{sign_up.queue_number}")


def details_changed_message(sign_up: SignUp, event: Event) -> EmailMessage:
    return _sign_up_message(
        sign_up, event, subject=f"Changed: {event.title}",
        opening="The time or place of this event has changed. The new details are below and in the attached "
                "calendar invitation, which replaces the one you have.",
        key=f"event-details-changed:{sign_up.id}:{event.sequence}")


def cancelled_notice_message(sign_up: SignUp, event: Event) -> EmailMessage:
    return _sign_up_message(
        sign_up, event, subject=f"Cancelled: {event.title}",
        opening="We are sorry: this event has been cancelled. The attached calendar update removes it.",
        key=f"event-cancelled:{sign_up.id}")


def invitation_message(invitation: Invitation, event: Event, token: str) -> EmailMessage:
    """A nominated or invited practitioner's personal link to sign up from their phone."""
    paragraphs = [
        f"You are invited to {event.title}. Practitioner events are a safe space to talk openly about your "
        "experience of the case, focused on learning and improving practice, not on blame.",
        f"Sign up (it takes a minute, from your phone): {links.sign_up_url(token)}",
        "This link is personal to you. If attending would be too distressing, tell your manager or safeguarding "
        "lead; the business office can arrange other ways to contribute.",
    ]
    return _compose(invitation.email, f"Invitation: {event.title}", f"Dear {invitation.name},", paragraphs,
                    _details(event), key=f"event-invitation:{invitation.id}")
