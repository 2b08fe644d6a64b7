"""Reviews: created when stage 1 decides to hold one; stage 2 builds the full process on this."""

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, joinedload, lazyload

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version, check_version_if_sent, touch
from backend.core.domain_events import publish
from backend.core.errors import Invalid, NotFound
from backend.core.pagination import PageParams, paginate_rows
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, SubjectType
from backend.deadlines.schemas import DueDate
from backend.identity.models import Agency, User
from backend.reviews.conditions import prefetched
from backend.reviews.events import ReviewOpened, ReviewPublished, ReviewStageChanged
from backend.reviews.models import Review, ReviewKind, ReviewStage, six_months_after
from backend.reviews.policy import STAGES, visible_reviews
from backend.reviews.schemas import ReviewRead, ReviewStageChange, ReviewStep, ReviewUpdate
from backend.reviews.tasks import Summary, tasks_for, tasks_with

COMPLETION_DEADLINE = DeadlineKind.review_completion
_FIELDS = ("child_reference", "kind", "decided_on", "stage", "lead_reviewer_id")


def create_review(
    session: Session,
    actor: Principal | None,
    *,
    case: Case,
    decided_on: dt.date,
    kind: ReviewKind = ReviewKind.cspr,
    rapid_review_id: uuid.UUID | None = None,
    referral_id: uuid.UUID | None = None,
    agency_ids: Iterable[uuid.UUID] = (),
) -> Review:
    """Open the review of `case`, decided by its rapid review or (a case mapping exercise) by its referral."""
    child_reference = case.reference
    review = Review(case=case, decided_on=decided_on, kind=kind, rapid_review_id=rapid_review_id,
                    referral_id=referral_id)
    review.agencies = list(session.scalars(select(Agency).where(Agency.id.in_(list(agency_ids)))))
    session.add(review)
    session.flush()
    deadlines.open_deadline(
        session, kind=COMPLETION_DEADLINE, subject_type=SubjectType.review, subject_id=review.id,
        due_date=six_months_after(decided_on), title=f"Complete the review for {deadlines.CHILD}",
        case_id=case.id, link=f"/reviews/{review.id}", owner_role=Role.business_office,
    )
    audit.record(session, actor, "create", "review", review.id,
                 f"Review opened for {child_reference}", audit.snapshot(review, _FIELDS))
    publish(session, ReviewOpened(subject_id=review.id, case_id=case.id, child_reference=child_reference,
                                  agency_ids=tuple(a.id for a in review.agencies), kind=kind, decided_on=decided_on,
                                  due_date=six_months_after(decided_on)))
    return review


def list_reviews(principal: Principal, *, source_id: uuid.UUID | None = None) -> Select[Review]:
    stmt = select(Review).where(visible_reviews(principal))
    if source_id is not None:
        stmt = stmt.where(or_(Review.rapid_review_id == source_id, Review.referral_id == source_id))
    return stmt.order_by(Review.decided_on.desc(), Review.id)


def get_review(session: Session, principal: Principal, review_id: uuid.UUID, *, whole: bool = False) -> Review:
    # Its agencies, commissioning notices and delays load when read, not with the review: every nested route
    # (chronologies, reports, the overview report...) resolves its review here and most never read them, which cost
    # three statements a request. The review's own page (`whole`) reads the agencies and (for the steps the caller
    # may take) the notices: joined to the review's own statement (a few rows each), not one statement each.
    loaded = (joinedload if whole else lazyload)
    stmt = select(Review).where(Review.id == review_id, visible_reviews(principal)).options(
        loaded(Review.agencies), loaded(Review.commissioning_notices), lazyload(Review.delays))
    review = session.scalars(stmt).unique().one_or_none()
    if review is None:
        raise NotFound("No such review.")
    note_read(session, principal, review.case_id, "review", review.id)
    return review


def update_review(session: Session, actor: Principal, review_id: uuid.UUID, data: ReviewUpdate,
                  if_match: str | None) -> Review:
    review = get_review(session, actor, review_id)
    check_version(review, if_match)
    before = audit.snapshot(review, _FIELDS)
    changes = data.model_dump(exclude_unset=True)
    if "lead_reviewer_id" in changes:
        reviewer_id = changes["lead_reviewer_id"]
        reviewer = session.get(User, reviewer_id) if reviewer_id else None
        if reviewer_id and (reviewer is None or reviewer.role != Role.lead_reviewer or not reviewer.active):
            raise Invalid("Choose an active lead reviewer.", errors=[("body.lead_reviewer_id", "not a lead reviewer")])
        # The relationship, not just the key: the loaded `lead_reviewer` would otherwise answer stale.
        review.lead_reviewer = reviewer
    if changes.get("agency_ids") is not None:
        review.agencies = list(session.scalars(select(Agency).where(Agency.id.in_(changes["agency_ids"]))))
        touch(review)  # the agencies are part of the review: a new version
    session.flush()
    after = audit.snapshot(review, _FIELDS) | {"agencies": sorted(str(a.id) for a in review.agencies)}
    audit.record(session, actor, "update", "review", review.id, f"Changed review for {review.child_reference}",
                 audit.diff(before, after))
    return review


# How the timeline names each stage the review moves on to.
STAGE_NAMES = {
    ReviewStage.terms_of_reference: "the terms of reference",
    ReviewStage.agency_submissions: "the agencies' submissions",
    ReviewStage.practitioner_engagement: "practitioner engagement", ReviewStage.overview_report: "the overview report",
    ReviewStage.sign_off: "sign-off", ReviewStage.publication: "publication", ReviewStage.published: "published",
}


def change_stage(session: Session, actor: Principal, review_id: uuid.UUID, data: ReviewStageChange,
                 if_match: str | None = None) -> Review:
    """Move the review on one stage, as the table in policy.STAGES allows; publishing records the day."""
    review = get_review(session, actor, review_id)
    step = STAGES.check(actor, review, data.step.value)
    check_version_if_sent(review, if_match)
    previous = review.stage
    published_on = data.published_on or clock.today()
    if data.step == ReviewStep.publish and published_on > clock.today():
        raise Invalid("The publication date cannot be in the future.",
                      errors=[("body.published_on", "Enter a publication date that is today or in the past")])
    envelope = {"subject_id": review.id, "case_id": review.case_id, "child_reference": review.child_reference,
                "agency_ids": tuple(a.id for a in review.agencies)}
    done = (f"Published on {published_on:%-d %B %Y}" if data.step == ReviewStep.publish
            else f"Moved on to {STAGE_NAMES[step.target]}" if step.target else step.label)
    STAGES.take(session, actor, review, step.name, checked=True, summary=f"{done} ({review.child_reference})",
                event=lambda: ReviewStageChanged(**envelope, stage=review.stage, previous_stage=previous))
    if data.step == ReviewStep.publish:
        deadlines.meet(session, COMPLETION_DEADLINE, review.id)
        publish(session, ReviewPublished(**envelope, published_on=published_on))
    return review


def allowed_actions(principal: Principal, review: Review) -> list[str]:
    return STAGES.allowed_actions(principal, review)


def read_page(session: Session, principal: Principal, params: PageParams, *,
              source_id: uuid.UUID | None = None) -> tuple[list[ReviewRead], int]:
    """A page of the reviews list: the reviews with their completion deadlines in one query, and the facts their
    stage conditions read in one more, so the page costs the same whatever its size."""
    stmt = (list_reviews(principal, source_id=source_id).add_columns(Deadline)
            .outerjoin(Deadline, and_(Deadline.kind == COMPLETION_DEADLINE, Deadline.subject_id == Review.id))
            # A list shows neither the delays nor the deadline's case.
            .options(lazyload(Review.delays), lazyload(Deadline.case)))
    rows, total = paginate_rows(session, stmt, params)
    return as_reads(session, principal, [(review, due) for review, due in rows], with_tasks=False), total


def as_reads(session: Session, principal: Principal, reviews: Sequence[tuple[Review, Deadline | None]], *,
             with_tasks: bool) -> list[ReviewRead]:
    """Reviews as the API answers them, each with its completion deadline (`due`): the steps the caller may take,
    their stage conditions answered for all of them at once, and (for one review's read) every stage 2 domain's
    tasks."""
    today = clock.today()
    with prefetched(session, STAGES, principal, [review for review, _ in reviews]):
        actions = [allowed_actions(principal, review) for review, _ in reviews]
    return [ReviewRead.model_validate(review).model_copy(update={
        "due": DueDate.of(due, today), "allowed_actions": allowed,
        "tasks": tasks_for(session, review, principal) if with_tasks else []})
        for (review, due), allowed in zip(reviews, actions, strict=True)]


def _due_values() -> Summary:
    """The completion deadline, as values beside the task list's (one statement for both)."""
    deadline = select(Deadline).where(Deadline.kind == COMPLETION_DEADLINE, Deadline.subject_id == Review.id)
    return {"due_date": deadline.with_only_columns(Deadline.due_date).scalar_subquery(),
            "due_status": deadline.with_only_columns(Deadline.status).scalar_subquery(),
            "overdue": deadline.with_only_columns(Deadline.overdue_clause(clock.today())).scalar_subquery()}


def as_read(session: Session, principal: Principal, review: Review) -> ReviewRead:
    """One review as the API answers it, with its tasks: `as_reads` for a page of one, its completion deadline
    asked in the task list's own statement."""
    tasks, asked = tasks_with(session, review, principal, also=_due_values())
    due = (DueDate(due_date=asked["due_date"], status=asked["due_status"], overdue=bool(asked["overdue"]))
           if asked["due_date"] is not None else None)
    with prefetched(session, STAGES, principal, [review]):
        allowed = allowed_actions(principal, review)
    return ReviewRead.model_validate(review).model_copy(update={"due": due, "allowed_actions": allowed,
                                                                "tasks": tasks})
