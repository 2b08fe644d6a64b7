"""Who sees and does what with the terms of reference: the lead reviewer (and the business office) drafts them,
the scrutineer comments on each version, the review group's agreement is recorded by its chair (the lead reviewer)
or the business office, and the business office arranges the authors' briefing once they are agreed. Agencies see
the agreed versions only: a draft is the review group's working copy."""

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import object_session

from backend.core.access import Permission, Principal
from backend.core.visibility import own_until_shared, visible
from backend.core.workflow import Step, Workflow
from backend.reviews.models import Review, ReviewStage
from backend.reviews.policy import terms_of_reference_agreed
from backend.terms_of_reference.models import TermsOfReferenceVersion, TermsState

SHARED = frozenset({TermsState.agreed, TermsState.superseded})


def visible_versions(principal: Principal) -> ColumnElement[bool]:
    """Within a review the caller may see: agencies the agreed versions, everyone else every version."""
    return visible(principal, Permission.reviews_read,
                   agency=lambda _agency_id: own_until_shared(TermsOfReferenceVersion.state, SHARED),
                   lead_reviewer=lambda _user_id: true())


def _no_draft_open(review: Review) -> str | None:
    session = object_session(review)
    draft = session is not None and session.scalar(select(exists().where(
        TermsOfReferenceVersion.review_id == review.id, TermsOfReferenceVersion.state == TermsState.draft)))
    return "A draft is already being written: change it rather than starting another." if draft else None


def _ready_to_agree(version: TermsOfReferenceVersion) -> str | None:
    missing = [what for what, present in (("the terms of reference", version.terms),
                                          ("at least one key line of enquiry", version.key_lines_of_enquiry))
               if not present]
    return f"Write {' and '.join(missing)} before the review group agrees them." if missing else None


OPEN = frozenset(ReviewStage) - {ReviewStage.published}
P = Permission
T = TermsState

# The review's terms of reference as a whole (steps on the review).
TERMS: Workflow[Review, ReviewStage] = Workflow("review", "review", (
    Step("new_version", "Draft the terms of reference", OPEN, None, P.terms_of_reference_write,
         condition=_no_draft_open),
    Step("schedule_author_briefing", "Arrange the authors' briefing", OPEN, None, P.events_manage,
         condition=terms_of_reference_agreed, people_only=True),
), state="stage")

# One version: written as a draft, commented on, agreed by the review group (an earlier agreed one is superseded).
VERSION: Workflow[TermsOfReferenceVersion, TermsState] = Workflow("terms_of_reference", "version", (
    Step("edit", "Change the draft", frozenset({T.draft}), None, P.terms_of_reference_write),
    Step("comment", "Add an observation", frozenset({T.draft, T.agreed}), None, P.terms_of_reference_comment),
    Step("agree", "Record the review group's agreement", frozenset({T.draft}), T.agreed,
         P.terms_of_reference_agree, condition=_ready_to_agree, people_only=True),
))
