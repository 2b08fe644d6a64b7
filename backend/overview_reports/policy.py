"""Who sees the report and takes each step: the draft, comments, the sign-off chain and publication.

The report is seen by whoever sees its review (reviews/policy.py `visible_reviews`) and may read reports; the
draft only by whoever may write it (the lead reviewer), like an agency's draft before it is shared. Each of the
three lead safeguarding partners signs off through a person with the partner role (`strategic_lead`) in that partner's
agency (identity/partners.py).
"""

from collections.abc import Callable

from sqlalchemy.orm import object_session

from backend.core.access import Permission, Principal, Role
from backend.core.workflow import Step, Workflow
from backend.identity import partners as safeguarding_partners
from backend.identity.models import SafeguardingPartner
from backend.overview_reports.models import (
    CommentState,
    Publication,
    PublicationState,
    ReportComment,
    SignOff,
    SignOffState,
    SignOffStepName,
)

P = Permission

# The sign-off step of each lead safeguarding partner.
PARTNERS: dict[SignOffStepName, SafeguardingPartner] = {
    SignOffStepName.local_authority: SafeguardingPartner.local_authority,
    SignOffStepName.integrated_care_board: SafeguardingPartner.integrated_care_board,
    SignOffStepName.police: SafeguardingPartner.police,
}

_STEP_LABELS: dict[SignOffStepName, str] = {
    SignOffStepName.review_group: "The review group agreed the report",
    SignOffStepName.sub_group: "The local learning review sub group agreed the report",
    SignOffStepName.national_panel: "Sent to the National Panel",
}


def step_label(step: SignOffStepName) -> str:
    """What a recorded step says, a partner's in the partnership's words for it (identity/partners.py)."""
    if step in PARTNERS:
        return f"Signed off for {safeguarding_partners.label(PARTNERS[step])}"
    return _STEP_LABELS[step]


def sees_draft(principal: Principal) -> bool:
    return principal.kind == "user" and principal.can(P.reports_write)


def _unblocked(sign_off: SignOff) -> str | None:
    """Why the chain's version (the latest shared, before the review group agrees one) cannot be signed off yet:
    unresolved anonymisation findings in it or in the executive summary."""
    from backend.overview_reports import findings  # the service reads the case's details and the versions

    session = object_session(sign_off)
    return findings.blocking_reason(session, sign_off.review_id, sign_off.version_id,
                                    sign_off.summary_version_id) if session else None


def _partner_pending(step: SignOffStepName) -> Callable[[SignOff], str | None]:
    def pending(sign_off: SignOff) -> str | None:
        if any(r.step == step and r.invalidated_at is None for r in sign_off.steps):
            return f"{safeguarding_partners.title(PARTNERS[step])} has already signed off this version."
        return _unblocked(sign_off)
    return pending


def _partner_only(step: SignOffStepName) -> Callable[[Principal, SignOff], str | None]:
    partner = PARTNERS[step]

    def refusal(principal: Principal, sign_off: SignOff) -> str | None:
        session = object_session(sign_off)
        if session is None or safeguarding_partners.acts_for(session, principal) != partner:
            name = safeguarding_partners.label(partner)
            return f"Only a lead safeguarding partner (or delegate) for {name} can sign off for {name}."
        return None
    return refusal


def _all_partners_signed(sign_off: SignOff) -> str | None:
    signed = {r.step for r in sign_off.steps if r.invalidated_at is None}
    missing = [safeguarding_partners.label(partner) for step, partner in PARTNERS.items() if step not in signed]
    if missing:
        return f"Waiting for {', '.join(missing)} to sign off."
    return _unblocked(sign_off)


S = SignOffState
St = SignOffStepName

# The sign-off chain (seed 003, "Sign off process"): none skipped, each on the version agreed at the step before.
SIGN_OFF: Workflow[SignOff, SignOffState] = Workflow("report_sign_off", "sign-off", (
    Step(St.review_group.value, "Record the review group's agreement", frozenset({S.awaiting_review_group}),
         S.awaiting_sub_group, P.reports_manage, people_only=True, condition=_unblocked),
    Step(St.sub_group.value, "Record the local learning review sub group's agreement",
         frozenset({S.awaiting_sub_group}), S.awaiting_partners, P.reports_manage, people_only=True,
         condition=_unblocked),
    *(Step(step.value, f"Sign off for {safeguarding_partners.label(partner)}", frozenset({S.awaiting_partners}), None,
           P.reports_sign_off, people_only=True, condition=_partner_pending(step), refusal=_partner_only(step))
      for step, partner in PARTNERS.items()),
    Step(St.national_panel.value, "Record the report as sent to the National Panel", frozenset({S.awaiting_panel}),
         S.sent_to_panel, P.reports_manage, people_only=True, condition=_all_partners_signed),
))


def _comment_open(comment: ReportComment) -> str | None:
    return "Only a comment can be answered, not an answer." if comment.parent_id else None


# A comment is answered (by anyone who may comment) and resolved (by the lead reviewer or the business office).
COMMENTS: Workflow[ReportComment, CommentState] = Workflow("report_comment", "comment", (
    Step("answer", "Answer the comment", frozenset({CommentState.open, CommentState.answered}), CommentState.answered,
         P.reports_comment, people_only=True, condition=_comment_open),
    Step("resolve", "Resolve the comment", frozenset({CommentState.open, CommentState.answered}),
         CommentState.resolved, P.reports_comment, people_only=True, condition=_comment_open,
         refusal=lambda principal, _comment: None if principal.role in (Role.lead_reviewer, Role.business_office)
         else "Only the lead reviewer or the business office can resolve a comment."),
))

def _ready_to_publish(publication: Publication) -> str | None:
    """The first thing on the publication checklist that is not yet done, or None."""
    from backend.overview_reports import publication as publishing

    session = object_session(publication)
    return publishing.blocking_reason(session, publication) if session else None


# Publication: planned (dates changed while planning), then published once nothing on its checklist blocks it.
PUBLICATION: Workflow[Publication, PublicationState] = Workflow("report_publication", "publication", (
    Step("plan", "Plan the publication", frozenset({PublicationState.planning}), None, P.reports_manage,
         people_only=True),
    Step("record_delay_notice", "Record that the National Panel was told of the delay",
         frozenset({PublicationState.planning}), None, P.reports_manage, people_only=True),
    Step("publish", "Publish the report", frozenset({PublicationState.planning}), PublicationState.published,
         P.reports_manage, people_only=True, condition=_ready_to_publish),
))

