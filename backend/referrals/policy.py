"""The referral's states, who may move them, and who may see what: the one table the service enforces.

A request for consideration of a review (seed 003, Appendix 1) is drafted by an agency, signed off
by that agency's senior manager for safeguarding, considered by the business office and decided by
the strategic partners. Tests read `RULES` rather than restating it.
"""

import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, false
from sqlalchemy.orm import InstrumentedAttribute

from backend.core.access import Permission, Principal


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
    decide = "decision"


S = ReferralState


@dataclass(frozen=True)
class Rule:
    """One thing that may be done to a referral: from which states, to which state, by whom.

    `own_agency`: only people (or clients) of the referring agency. `not_referrer`: the person who
    signed as referrer may not do it (the senior manager's sign-off must be someone else's).
    `people_only`: a signature, so integration clients cannot do it. `target` None: the state stays.
    """

    action: ReferralAction
    sources: frozenset[ReferralState]
    target: ReferralState | None
    permission: Permission
    own_agency: bool = False
    not_referrer: bool = False
    people_only: bool = False


A, P = ReferralAction, Permission

RULES: dict[ReferralAction, Rule] = {rule.action: rule for rule in (
    Rule(A.edit, frozenset({S.draft, S.returned}), None, P.referrals_draft, own_agency=True),
    Rule(A.submit, frozenset({S.draft, S.returned}), S.awaiting_sign_off, P.referrals_submit,
         own_agency=True, people_only=True),
    Rule(A.sign_off, frozenset({S.awaiting_sign_off}), S.submitted, P.referrals_sign_off,
         own_agency=True, not_referrer=True, people_only=True),
    Rule(A.decline_sign_off, frozenset({S.awaiting_sign_off}), S.draft, P.referrals_sign_off,
         own_agency=True, not_referrer=True, people_only=True),
    Rule(A.start_consideration, frozenset({S.submitted}), S.under_consideration, P.referrals_consider),
    Rule(A.return_to_referrer, frozenset({S.submitted, S.under_consideration}), S.returned, P.referrals_consider),
    Rule(A.record_recommendation, frozenset({S.under_consideration}), S.recommendation_made, P.referrals_consider),
    Rule(A.decide, frozenset({S.recommendation_made}), S.decided, P.referrals_decide, people_only=True),
)}

# Until the senior manager signs off, a referral is the agency's own working paper.
AGENCY_ONLY_STATES = frozenset({S.draft, S.awaiting_sign_off, S.returned})
SHARED_STATES = frozenset(ReferralState) - AGENCY_ONLY_STATES


def allowed_from(state: ReferralState) -> list[str]:
    """The actions the table allows from a state, whoever asks (named in a 409)."""
    return [rule.action.value for rule in RULES.values() if state in rule.sources and rule.target is not None]


def refusal(rule: Rule, principal: Principal, agency_id: uuid.UUID, referrer_id: uuid.UUID | None) -> str | None:
    """Why this caller may not take this action on a referral they can see (a 403), or None."""
    if not principal.can(rule.permission):
        return "Your role does not allow this." if principal.kind == "user" else "Integration clients cannot do this."
    if rule.people_only and principal.kind != "user":
        return "This needs a person's signature; integration clients cannot do it."
    if rule.own_agency and not principal.in_agency(agency_id):
        return "Only the referring agency can do this."
    if rule.not_referrer and referrer_id is not None and referrer_id == principal.id:
        return "The referrer cannot sign off their own referral; another senior manager must."
    return None


def may(rule: Rule, principal: Principal, state: ReferralState, agency_id: uuid.UUID,
        referrer_id: uuid.UUID | None) -> bool:
    return state in rule.sources and refusal(rule, principal, agency_id, referrer_id) is None


def visible_clause(
    principal: Principal,
    agency_column: InstrumentedAttribute[uuid.UUID],
    state_column: InstrumentedAttribute[ReferralState],
) -> ColumnElement[bool]:
    """Business office, strategic leads and the scrutineer see submitted referrals of every agency;
    the referring agency sees its own in every state; nobody else sees any (404)."""
    if not principal.can(Permission.referrals_read):
        return false()
    if principal.sees_all_agencies:
        return state_column.in_(SHARED_STATES)
    if principal.agency_id is None:
        return false()
    return agency_column == principal.agency_id


def sees_identifying_details(principal: Principal, agency_id: uuid.UUID) -> bool:
    """The child's and family's identifying details: business office, strategic leads and the referring agency."""
    return principal.can(Permission.identifying_details_read) or principal.in_agency(agency_id)
