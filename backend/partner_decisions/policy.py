"""Who records a safeguarding partner's position: a person with the partner role (`strategic_lead`) in the agency
that is one of the three safeguarding partners (identity/partners.py). Each record's workflow names this as its
`record_partner_position` step's refusal, so `allowed_actions` and the 403 say the same."""

from sqlalchemy.orm import object_session

from backend.core.access import Principal, Role
from backend.identity import partners
from backend.identity.models import Agency


def refusal(principal: Principal, record: object) -> str | None:
    """Why this caller may not record a partner's position on `record` (a 403), or None: a `Step.refusal`."""
    if principal.kind != "user":
        return "Integration clients cannot record a safeguarding partner's position; a person must."
    session = object_session(record)
    if session is None or partners.acts_for(session, principal) is not None:
        return None
    *first, last = (partners.label(p) for p in partners.PARTNERS)
    names = f"{', '.join(first)} or {last}"
    if principal.role != Role.strategic_lead:
        return f"Only a {partners.role_name().lower()} of {names} can record a partner's position."
    agency = session.get(Agency, principal.agency_id) if principal.agency_id else None
    whose = f"{agency.name} is not" if agency else "Your account belongs to no agency, so you are not"
    return (f"Only a {partners.role_name().lower()} of {names} can record a partner's position: {whose} one of the "
            "three safeguarding partners.")
