"""Who sees which reviews, and the review's stages: who moves it on, from which stage, and what must be true first.

Each thing that must be true is a small named function of the review answering why it is not yet (a sentence the
409 and the screen show) or None. A stage 2 domain adds its own to the step it gates; a step whose conditions are
several runs them all, so the refusal names everything outstanding at once. One that reads other records is a
`PageCondition` (reviews/conditions.py): its query answers for a whole page of reviews, and its rule reads the answers,
so the reviews list asks each once for the page and a review's own page asks the same rule for a page of one.
"""

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import ColumnElement, select

from backend.chronologies.readiness import agency_submissions_outstanding
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Step, Workflow
from backend.events.models import Event, EventKind, EventStatus
from backend.identity.models import SafeguardingPartner
from backend.overview_reports.readiness import published_through_its_checklist
from backend.review_groups.composition import MembersAgency, agencies_with_members, composition_of
from backend.reviews.conditions import Fact, FactSelect, PageCondition, no_agency, no_text
from backend.reviews.models import (
    DelayState,
    NoticeRecipient,
    Review,
    ReviewDelay,
    ReviewKind,
    ReviewStage,
    review_agencies,
)
from backend.terms_of_reference.models import TermsOfReferenceVersion, TermsState

Condition = Callable[[Review], str | None]


def visible_reviews(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; a lead reviewer their assigned reviews; agencies the reviews they are in."""
    return visible(principal, agency=lambda agency_id: involves(review_agencies, Review.id, agency_id),
                   lead_reviewer=lambda user_id: Review.lead_reviewer_id == user_id)


def notices_outstanding(review: Review) -> list[NoticeRecipient]:
    """The national bodies not yet told that the current lead reviewer leads this review."""
    told = {n.recipient for n in review.commissioning_notices if n.lead_reviewer_id == review.lead_reviewer_id}
    return [recipient for recipient in NoticeRecipient if recipient not in told]


def lead_reviewer_appointed(review: Review) -> str | None:
    return None if review.lead_reviewer_id else "Appoint the lead reviewer before agreeing the terms of reference."


def national_bodies_told(review: Review) -> str | None:
    if review.kind != ReviewKind.cspr or review.lead_reviewer_id is None or not notices_outstanding(review):
        return None  # with no lead reviewer, lead_reviewer_appointed already says what to do first
    return "Tell the National Panel, Ofsted and the Department for Education who leads the review."


def _group_formed(review: Review, members: list[Fact]) -> str | None:
    agencies = [MembersAgency(agency_id, str(name), SafeguardingPartner(partner) if partner else None)
                for _review, agency_id, name, partner in members if agency_id is not None]
    missing = composition_of(agencies, (a.id for a in review.agencies)).missing
    needs = "; ".join(m[:1].lower() + m[1:] for m in missing)
    return f"The review group still needs: {needs}." if missing else None


review_group_formed = PageCondition("review_group_formed", agencies_with_members, _group_formed)


def _terms_agreed(review_ids: Sequence[uuid.UUID]) -> FactSelect:
    """The reviews whose review group has agreed a version of the terms of reference."""
    return select(TermsOfReferenceVersion.review_id, no_agency(), no_text("name"), no_text("detail")).where(
        TermsOfReferenceVersion.review_id.in_(review_ids),
        TermsOfReferenceVersion.state.in_([TermsState.agreed, TermsState.superseded])).distinct()


terms_of_reference_agreed = PageCondition(
    "terms_of_reference_agreed", _terms_agreed,
    lambda _review, agreed: None if agreed else "The review group must agree the terms of reference.")


def _briefings_arranged(review_ids: Sequence[uuid.UUID]) -> FactSelect:
    """The reviews with an authors' briefing scheduled."""
    return select(Event.review_id, no_agency(), no_text("name"), no_text("detail")).where(
        Event.review_id.in_(review_ids), Event.kind == EventKind.author_briefing,
        Event.status == EventStatus.scheduled).distinct()


authors_briefing_arranged = PageCondition(
    "authors_briefing_arranged", _briefings_arranged,
    lambda _review, arranged: None if arranged
    else "Arrange the agencies' authors' briefing on the agreed terms of reference.")


def all_of(*conditions: Condition) -> Condition:
    """Every condition's reason, in order, as one sentence each."""
    return _AllOf(conditions)


class _AllOf:
    """Conditions run together; `parts` names them, so a page of reviews fetches what each reads at once."""

    def __init__(self, parts: tuple[Condition, ...]) -> None:
        self.parts = parts

    def __call__(self, review: Review) -> str | None:
        reasons = [reason for condition in self.parts if (reason := condition(review))]
        return " ".join(reasons) or None


def notices_to_send(review: Review) -> str | None:
    if review.kind != ReviewKind.cspr:
        return "Only a Child Safeguarding Practice Review is notified to the national bodies."
    if review.lead_reviewer_id is None:
        return "Appoint the lead reviewer first: the notice says who leads the review."
    return None if notices_outstanding(review) else "Every national body has been told who leads the review."


def _stage_step(name: str, label: str, source: ReviewStage, target: ReviewStage,
                condition: Condition | None = None) -> Step[Review, ReviewStage]:
    return Step(name, label, frozenset({source}), target, Permission.reviews_manage, condition=condition)


St = ReviewStage
OPEN = frozenset(ReviewStage) - {ReviewStage.published}

# The review's stages, in order (seed 003, Appendix 4a); the business office moves the review on.
STAGES: Workflow[Review, ReviewStage] = Workflow("review", "review", (
    _stage_step("begin_terms_of_reference", "Move on to the terms of reference", St.commissioning,
                St.terms_of_reference, all_of(lead_reviewer_appointed, national_bodies_told)),
    _stage_step("begin_agency_submissions", "Move on to the agencies' submissions", St.terms_of_reference,
                St.agency_submissions,
                all_of(review_group_formed, terms_of_reference_agreed, authors_briefing_arranged)),
    _stage_step("begin_practitioner_engagement", "Move on to practitioner engagement", St.agency_submissions,
                St.practitioner_engagement, agency_submissions_outstanding),
    _stage_step("begin_overview_report", "Move on to the overview report", St.practitioner_engagement,
                St.overview_report),
    _stage_step("begin_sign_off", "Move on to sign-off", St.overview_report, St.sign_off),
    _stage_step("begin_publication", "Move on to publication", St.sign_off, St.publication),
    _stage_step("publish", "Record the review as published", St.publication, St.published,
                published_through_its_checklist),
    # Work on the review that leaves its stage as it is.
    Step("send_notices", "Send the commissioning notices", OPEN, None, Permission.reviews_manage,
         condition=notices_to_send),
    Step("record_delay", "Record a delay", OPEN, None, Permission.reviews_manage),
), state="stage")


def _panel_to_be_told(delay: ReviewDelay) -> str | None:
    if delay.panel_told_on is not None:
        return "The day the National Panel was told of this delay is already recorded."
    return None if delay.past_due else "The review is still expected within six months: the Panel need not be told."


# A delay is recorded; once past the six months, the day the National Panel was told of it. Its state follows from
# `panel_told_on`, so the step sets the day (as an invitation's revoking sets its time).
DELAY: Workflow[ReviewDelay, DelayState] = Workflow("review_delay", "delay", (
    Step("record_panel_told", "Record when the National Panel was told", frozenset(DelayState), None,
         Permission.reviews_manage, condition=_panel_to_be_told),
))
