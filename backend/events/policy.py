"""Who sees which events and attendees, the guidance's rule on who should not attend, and every step an event's
screen offers: on the event (`EVENT`), on an invitation (`INVITATION`) and on a sign-up (`SIGN_UP`).

The business office runs an event (`events:manage`): it changes, cancels and links it, invites anyone, cancels
places and records who came. So does the lead reviewer for the reviews they lead (they run the practitioner event;
the review's one visibility rule holds them to their own reviews, so another review's events are a 404 to them). An
agency's leads (`events:nominate`) nominate their own practitioners and revoke those nominations. Everyone else who
may read events reads them. Each step's name is
the API's action and the audit log's; the `allowed_actions` on each read names the steps the caller may take now.
"""

import uuid

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import InstrumentedAttribute

from backend.core import clock
from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Step, Workflow
from backend.events.models import Event, EventStatus, Invitation, InvitationState, Seniority, SignUp, SignUpStatus
from backend.reviews.policy import visible_reviews

SENIOR_MANAGER_REASON = (
    "Practitioner events are for frontline practitioners who worked with the family. The guidance asks "
    "senior service managers who were not directly involved in the case not to attend, so that "
    "practitioners can speak openly (including about team capacity, structure and supervision). "
    "Your place is held for now; the partnership's business office will be in touch with you."
)
CANCELLED = "This event has been cancelled."
TAKEN_PLACE = "This event has already taken place."


def visible_events(principal: Principal) -> ColumnElement[bool]:
    """An event is seen with its review (the query joins `Review`): whoever may read events sees those of the
    reviews they may see, by the review's one rule."""
    return visible_reviews(principal) if principal.can(Permission.events_read) else false()


def attendee_scope(principal: Principal, agency_column: InstrumentedAttribute[uuid.UUID | None]) -> ColumnElement[bool]:
    """Within an event the caller may see: cross-agency roles and the lead reviewer who runs it see everyone
    coming; an agency only its own people (nominations, and sign-ups made through them or naming it)."""
    return visible(principal, agency=own_agency(agency_column), lead_reviewer=lambda _user_id: true())


def sign_up_flag(seniority: Seniority, directly_involved: bool) -> str | None:
    """Not a refusal: a sign-up the business office should look at, with the reason shown to the person."""
    if seniority == Seniority.senior_service_manager and not directly_involved:
        return SENIOR_MANAGER_REASON
    return None


def _not_over(event: Event) -> str | None:
    return TAKEN_PLACE if clock.now() >= event.ends_at else None


def _has_open_link(event: Event) -> str | None:
    return _not_over(event) or (None if event.open_link_hash else "This event has no open sign-up link.")


def _under_way(event: Event) -> str | None:
    return None if clock.now() >= event.starts_at else "Attendance can be recorded once the event has started."


def _agency_caller(principal: Principal, _event: Event) -> str | None:
    return None if principal.agency_id is not None else "Only an agency's own leads nominate its practitioners."


E = EventStatus
SCHEDULED = frozenset({E.scheduled})
P = Permission

# A cancelled event offers nothing; one that has taken place only its attendance record.
EVENT: Workflow[Event, EventStatus] = Workflow("event", "practitioner event", (
    Step("edit", "Change the event's details", SCHEDULED, None, P.events_manage, condition=_not_over),
    Step("cancel", "Cancel the event", SCHEDULED, E.cancelled, P.events_manage, condition=_not_over),
    Step("replace_open_link", "Make a new open sign-up link", SCHEDULED, None, P.events_manage,
         condition=_not_over),
    Step("remove_open_link", "Stop the open sign-up link working", SCHEDULED, None, P.events_manage,
         condition=_has_open_link),
    # The business office invites anyone (the officer in charge of a criminal case, say); an agency nominates its
    # own case-involved practitioners.
    Step("invite", "Invite someone to the event", SCHEDULED, None, P.events_manage, condition=_not_over),
    Step("nominate", "Nominate a practitioner from your agency", SCHEDULED, None, P.events_nominate,
         condition=_not_over, refusal=_agency_caller),
    Step("mark_attendance", "Record who attended", SCHEDULED, None, P.events_manage, condition=_under_way),
), state="status")


def _invitation_open(invitation: Invitation) -> str | None:
    if invitation.revoked_at is not None:
        return "This invitation is already revoked."
    return CANCELLED if invitation.event.status == E.cancelled else _not_over(invitation.event)


# An invitation's state follows from `revoked_at`, so revoking sets the time; a revoked invitation is refused by
# the condition, which says so in words. Who may see the invitation (its agency, or the business office) may
# revoke it.
INVITATION: Workflow[Invitation, InvitationState] = Workflow("event_invitation", "invitation", (
    Step("revoke", "Revoke the invitation", frozenset(InvitationState), None, P.events_nominate,
         condition=_invitation_open),
))


def _before_start(sign_up: SignUp) -> str | None:
    if sign_up.event.status == E.cancelled:
        return CANCELLED
    if clock.now() >= sign_up.event.starts_at:
        return "This event has already started; attendance is recorded instead."
    return None


def _attendance_open(sign_up: SignUp) -> str | None:
    return CANCELLED if sign_up.event.status == E.cancelled else _under_way(sign_up.event)


HOLDING = frozenset({SignUpStatus.confirmed, SignUpStatus.waiting_list})

# A place is cancelled before the event starts (by the business office here, or by the person through their
# private link); once it has started, attendance is recorded for everyone still holding a place.
SIGN_UP: Workflow[SignUp, SignUpStatus] = Workflow("event_sign_up", "sign-up", (
    Step("cancel", "Cancel the place", HOLDING, SignUpStatus.cancelled, P.events_manage, condition=_before_start),
    Step("mark_attendance", "Record whether they attended", HOLDING, None, P.events_manage,
         condition=_attendance_open),
), state="status")
