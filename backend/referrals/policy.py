"""The referral's steps, who may take each and from which state, and who sees which referral.

A request for consideration of a review (seed 003, Appendix 1) is drafted by an agency, signed off
by that agency's senior manager for safeguarding, considered by the business office and decided by
the three safeguarding partners jointly (Working Together 2023; partner_decisions/). `WORKFLOW` is the
one table of its steps (core/workflow.py): the service checks and takes them through it, every read lists
the steps its caller may take, and tests read it rather than restating it.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, own_until_shared, visible
from backend.core.workflow import Step, Workflow
from backend.partner_decisions import policy as partner_decisions

if TYPE_CHECKING:  # the model's columns are typed with this module's states
    from backend.referrals.models import Referral


class ReferralState(StrEnum):
    draft = "draft"
    awaiting_sign_off = "awaiting_sign_off"
    submitted = "submitted"
    under_consideration = "under_consideration"
    recommendation_made = "recommendation_made"
    decided = "decided"
    returned = "returned"


class ReviewType(StrEnum):
    cspr = "cspr"
    case_mapping = "case_mapping"


REVIEW_LABELS = {
    ReviewType.cspr: "Child Safeguarding Practice Review",
    ReviewType.case_mapping: "Case Mapping Exercise",
}


class ReferralAction(StrEnum):
    edit = "edit"
    submit = "submit"
    sign_off = "sign_off"
    decline_sign_off = "decline_sign_off"
    start_consideration = "start_consideration"
    return_to_referrer = "return"
    record_recommendation = "recommendation"
    record_partner_position = "record_partner_position"
    delete = "delete"


S = ReferralState


def _never_shared(referral: Referral) -> str | None:
    """A draft is the agency's own working paper until its manager signs it off; once shared it is kept."""
    if referral.submitted_to_business_office_on is not None:
        return "A referral the business office has received is kept; it cannot be deleted."
    return None


def _not_the_referrer(principal: Principal, referral: Referral) -> str | None:
    """The senior manager's sign-off (or refusal) must be someone else's than the referrer's."""
    if referral.referrer_signed_by_id is not None and referral.referrer_signed_by_id == principal.id:
        return "The referrer cannot sign off their own referral; another senior manager must."
    return None


A, P = ReferralAction, Permission
DRAFTING = frozenset({S.draft, S.returned})

# Each step's name is the API's action (and the audit log's); `own_agency`: the referring agency's people (or its
# case system) only; `people_only`: a signature, so integration clients cannot.
WORKFLOW: Workflow[Referral, ReferralState] = Workflow("referral", "referral", (
    Step(A.edit, "Complete or correct the form", DRAFTING, None, P.referrals_draft, own_agency=True),
    Step(A.submit, "Submit for the senior manager's sign-off", DRAFTING, S.awaiting_sign_off, P.referrals_submit,
         own_agency=True, people_only=True),
    Step(A.sign_off, "Sign off as senior manager for safeguarding", frozenset({S.awaiting_sign_off}), S.submitted,
         P.referrals_sign_off, own_agency=True, people_only=True, refusal=_not_the_referrer),
    Step(A.decline_sign_off, "Decline sign-off", frozenset({S.awaiting_sign_off}), S.draft, P.referrals_sign_off,
         own_agency=True, people_only=True, refusal=_not_the_referrer),
    Step(A.start_consideration, "Start consideration", frozenset({S.submitted}), S.under_consideration,
         P.referrals_consider),
    Step(A.return_to_referrer, "Return to the referring agency", frozenset({S.submitted, S.under_consideration}),
         S.returned, P.referrals_consider),
    Step(A.record_recommendation, "Record the business office's recommendation", frozenset({S.under_consideration}),
         S.recommendation_made, P.referrals_consider),
    # Each safeguarding partner records (or, until the decision stands, changes) its position; the third completes
    # the step, and the referral is decided (partner_decisions/service.py).
    Step(A.record_partner_position, "Record your safeguarding partner's position", frozenset({S.recommendation_made}),
         None, P.referrals_decide, people_only=True, refusal=partner_decisions.refusal, completes=S.decided),
    Step(A.delete, "Delete the draft", frozenset({S.draft}), None, P.referrals_draft, own_agency=True,
         people_only=True, condition=_never_shared),
), agency_of=lambda referral: referral.agency_id)

# Until the senior manager signs off, a referral is the agency's own working paper.
AGENCY_ONLY_STATES = frozenset({S.draft, S.awaiting_sign_off, S.returned})
SHARED_STATES = frozenset(ReferralState) - AGENCY_ONLY_STATES


def visible_clause(
    principal: Principal,
    agency_column: InstrumentedAttribute[uuid.UUID],
    state_column: InstrumentedAttribute[ReferralState],
) -> ColumnElement[bool]:
    """The referring agency sees its own in every state; business office, safeguarding partners and the scrutineer see
    every agency's once signed off (the agency's own draft until shared); nobody else sees any (404).

    The model's columns are passed in because the model is typed with this module's states.
    """
    return visible(principal, P.referrals_read, agency=own_agency(agency_column),
                   cross_agency=own_until_shared(state_column, SHARED_STATES))


def sees_identifying_details(principal: Principal, agency_id: uuid.UUID) -> bool:
    """The child's and family's identifying details: business office, safeguarding partners and the referring
    agency."""
    return principal.can(Permission.identifying_details_read) or principal.in_agency(agency_id)
