"""Who sees the family's part in a review, and who records it.

One rule for every family record (the log, the genogram's members and relationships), seen with its review (the
query joins `Review` and uses the review's own rule): the business office, safeguarding partners (who read identifying
details) and the review's lead reviewer. Agencies and the scrutineer do not see them: for them the family's part of
a review does not exist (404). The business office and the lead reviewer record them (`family_engagement:manage`).

The records have no states, so what may be done to each is the permission alone; reads still name it in
`allowed_actions`, so the screens show buttons from the API.
"""

from sqlalchemy import ColumnElement, and_, true

from backend.core.access import Permission, Principal
from backend.core.visibility import visible
from backend.reviews.policy import visible_reviews

P = Permission

LOG_ACTIONS = ("record_contact",)
CONTACT_ACTIONS = ("edit",)
GENOGRAM_ACTIONS = ("add_member", "add_relationship")
MEMBER_ACTIONS = ("edit", "remove")
RELATIONSHIP_ACTIONS = ("remove",)


def visible_family(principal: Principal) -> ColumnElement[bool]:
    """The reviews whose family records the caller sees (AND it with a query that joins `Review`)."""
    return and_(visible_reviews(principal), visible(principal, P.family_read, lead_reviewer=lambda _user_id: true()))


def allowed(principal: Principal, actions: tuple[str, ...]) -> list[str]:
    return list(actions) if principal.can(P.family_manage) else []
