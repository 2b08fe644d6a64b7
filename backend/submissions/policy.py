"""An agency's submission: its steps, who may take each, per kind of submission; and who reads its draft.

One table (`STEPS`) for every kind: the owning agency saves drafts and submits; someone outside the agency
(who, depends on the kind) returns a submission for more. `workflow(kind)` is that table with the kind's
permissions filled in. Tests read these tables rather than restating them.
"""

from dataclasses import dataclass
from enum import StrEnum

from backend.core.access import Permission, Principal
from backend.core.visibility import sees_agency_draft
from backend.core.workflow import Step, Workflow
from backend.submissions.models import AgencySubmission, SubmissionKind, SubmissionState

S = SubmissionState
ANSWERABLE = frozenset({S.requested, S.draft, S.returned})


@dataclass(frozen=True)
class KindRules:
    """What differs between kinds: the permission to write and submit (always within the owning agency),
    the permission to return a submission for more, and what the screens and messages call it."""

    respond: Permission
    return_for_more: Permission
    noun: str  # the record, in messages: "A {noun} that is submitted cannot …"
    thing: str  # what the agency sends: "… submitted its {thing}"
    # Whoever asked may chase it now and move its due date: only where the owning domain offers the routes and
    # the reminder e-mail (information requests do).
    chased: bool = False


# Stage 2's kinds: a review's agency submissions and the updates on agency actions.
KINDS: dict[SubmissionKind, KindRules] = {
    # The business office asks for additional information and returns a response that needs more.
    SubmissionKind.information_request: KindRules(Permission.information_requests_respond,
                                                  Permission.rapid_reviews_manage,
                                                  noun="request for information", thing="response", chased=True),
    # A review's agencies: the business office or the lead reviewer returns a submission that needs more work.
    SubmissionKind.chronology: KindRules(Permission.chronologies_write, Permission.review_submissions_return,
                                         noun="chronology", thing="chronology"),
    SubmissionKind.key_event_analysis: KindRules(Permission.analysis_reports_write,
                                                 Permission.review_submissions_return,
                                                 noun="key event analysis report", thing="key event analysis report"),
    # An agency reports progress on its own action and the evidence of impact; the business office sends a
    # request for closure back (returns it) when the evidence does not show the change.
    SubmissionKind.action_update: KindRules(Permission.actions_update, Permission.actions_manage,
                                            noun="update on an action", thing="update"),
}


class SubmissionStep(StrEnum):
    save_draft = "save_draft"
    submit = "submit"
    return_for_more = "return"
    chase = "chase"
    change_due_date = "change_due_date"


def _steps(rules: KindRules) -> tuple[Step[AgencySubmission, SubmissionState], ...]:
    return _answering(rules) + (_chasing(rules) if rules.chased else ())


def _answering(rules: KindRules) -> tuple[Step[AgencySubmission, SubmissionState], ...]:
    return (
        Step(SubmissionStep.save_draft, f"Save a draft {rules.thing}", ANSWERABLE, S.draft, rules.respond,
             own_agency=True),
        Step(SubmissionStep.submit, f"Submit the {rules.thing}", ANSWERABLE, S.submitted, rules.respond,
             own_agency=True),
        Step(SubmissionStep.return_for_more, f"Return the {rules.thing} for more information",
             frozenset({S.submitted}), S.returned, rules.return_for_more),
    )


def _chasing(rules: KindRules) -> tuple[Step[AgencySubmission, SubmissionState], ...]:
    return (
        # Whoever asked may chase an answer still outstanding, or give the agency a new due date with a reason.
        Step(SubmissionStep.chase, "Send the agency a reminder now", ANSWERABLE, None, rules.return_for_more,
             people_only=True),
        Step(SubmissionStep.change_due_date, "Give the agency a new due date", ANSWERABLE, None,
             rules.return_for_more, people_only=True),
    )


WORKFLOWS: dict[SubmissionKind, Workflow[AgencySubmission, SubmissionState]] = {
    kind: Workflow(kind.value, rules.noun, _steps(rules), agency_of=lambda submission: submission.agency_id)
    for kind, rules in KINDS.items()
}


def workflow(kind: SubmissionKind) -> Workflow[AgencySubmission, SubmissionState]:
    return WORKFLOWS[kind]


def may_read_draft(principal: Principal, submission: AgencySubmission) -> bool:
    """The draft is the agency's own until submitted: only its people and its integration clients read it."""
    return sees_agency_draft(principal, submission.agency_id)
