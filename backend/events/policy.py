"""Who sees which events and attendees, and the guidance's rule on who should not attend."""

import uuid

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute

from backend.core.access import Principal, Role
from backend.core.visibility import own_agency, visible
from backend.events.models import Seniority

SENIOR_MANAGER_REASON = (
    "Practitioner events are for frontline practitioners who worked with the family. The guidance asks "
    "senior service managers who were not directly involved in the case not to attend, so that "
    "practitioners can speak openly (including about team capacity, structure and supervision). "
    "Your place is held for now; the partnership's business office will be in touch with you."
)


def sees_every_attendee(principal: Principal) -> bool:
    """Cross-agency roles, and the lead reviewer who runs the event, see everyone coming."""
    return principal.sees_all_agencies or (principal.kind == "user" and principal.role == Role.lead_reviewer)


def attendee_scope(principal: Principal, agency_column: InstrumentedAttribute[uuid.UUID | None]) -> ColumnElement[bool]:
    """An agency sees only its own people (nominations, and sign-ups made through them or naming it)."""
    if sees_every_attendee(principal):
        return true()
    return visible(principal, agency=own_agency(agency_column))


def sign_up_flag(seniority: Seniority, directly_involved: bool) -> str | None:
    """Not a refusal: a sign-up the business office should look at, with the reason shown to the person."""
    if seniority == Seniority.senior_service_manager and not directly_involved:
        return SENIOR_MANAGER_REASON
    return None
