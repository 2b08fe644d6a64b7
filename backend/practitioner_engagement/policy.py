"""Who sees a review's one-to-one discussions and who records them.

They are seen with their review (the query joins `Review` and uses the review's one rule): cross-agency roles and
the review's lead reviewer see them all; an agency sees only those offered to its own practitioners. The business
office and the lead reviewer (`events:manage`, as for the review's events) record them.
"""

from sqlalchemy import ColumnElement, and_, true

from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Step, Workflow
from backend.practitioner_engagement.models import OneToOne, OneToOneState
from backend.reviews.policy import visible_reviews

P = Permission
S = OneToOneState


def visible_one_to_ones(principal: Principal) -> ColumnElement[bool]:
    return and_(visible_reviews(principal),
                visible(principal, P.events_read, agency=own_agency(OneToOne.agency_id),
                        lead_reviewer=lambda _user_id: true()))


OFFERED = frozenset({S.offered})

# Offered, then held or declined; the details can be corrected while it is still only offered.
ONE_TO_ONE: Workflow[OneToOne, OneToOneState] = Workflow("one_to_one", "one-to-one discussion", (
    Step("edit", "Change the one-to-one's details", OFFERED, None, P.events_manage),
    Step("record_held", "Record that the discussion was held", OFFERED, S.held, P.events_manage),
    Step("record_declined", "Record that the practitioner declined", OFFERED, S.declined, P.events_manage),
))
