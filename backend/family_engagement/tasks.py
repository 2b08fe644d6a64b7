"""The review's task list for family engagement (section `family`), each task in the stage the guidance puts it:
the initial letter, consent to medical records and the genogram at the outset; the mid-process letter while the
agencies submit; the offer to hear the findings before publication."""

from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import InstrumentedAttribute

from backend.family_engagement.models import FamilyAnswer, FamilyContact, FamilyContactKind, FamilyMember
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

SECTION = "family"
K = FamilyContactKind
_ORDER = list(ReviewStage)
_ANSWERS = {FamilyAnswer.given: "given", FamilyAnswer.refused: "refused", FamilyAnswer.accepted: "accepted",
            FamilyAnswer.declined: "declined"}


def _waiting(review: Review, stage: ReviewStage) -> TaskStatus:
    return TaskStatus.cannot_start_yet if _ORDER.index(review.stage) < _ORDER.index(stage) else TaskStatus.not_started


_KINDS = (K.initial_letter, K.medical_records_consent, K.mid_process_letter, K.findings_offer)


def _summary(_review: Review) -> Summary:
    """The latest contact of each kind the tasks name (the log's own order), and whether a genogram is drawn."""
    def latest(kind: FamilyContactKind, column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
        return (select(column).where(FamilyContact.review_id == Review.id, FamilyContact.kind == kind)
                .order_by(FamilyContact.occurred_on.desc(), FamilyContact.created_at.desc(), FamilyContact.id.desc())
                .limit(1).scalar_subquery())
    return {f"{kind.value}.{field}": latest(kind, getattr(FamilyContact, field))
            for kind in _KINDS for field in ("occurred_on", "delivered_by", "answer")} | {
        "genogram": exists().where(FamilyMember.review_id == Review.id)}


def _build(review: Review, found: Found) -> list[ReviewTask]:
    values = found.values

    def task(stage: ReviewStage, key: str, label: str, kind: FamilyContactKind, done: str) -> ReviewTask:
        on, by, answer = (values[f"{kind.value}.{field}"] for field in ("occurred_on", "delivered_by", "answer"))
        if on is None:
            return ReviewTask(stage=stage, key=key, label=label, status=_waiting(review, stage), section=SECTION)
        hint = done.format(on=f"{on:%-d %B %Y}", by=by, answer=_ANSWERS.get(answer, "") if answer else "")
        status = TaskStatus.completed
        if kind == K.findings_offer and answer is None:
            status, hint = TaskStatus.in_progress, f"Offered on {on:%-d %B %Y}; no answer yet"
        return ReviewTask(stage=stage, key=key, label=label, status=status, hint=hint, section=SECTION)

    return [
        task(ReviewStage.commissioning, "family_initial_letter", "Send the initial letter to the family",
             K.initial_letter, "Sent on {on}, delivered by {by}"),
        task(ReviewStage.commissioning, "family_medical_records_consent",
             "Record the family's consent to access medical records", K.medical_records_consent,
             "Consent {answer} on {on}"),
        ReviewTask(stage=ReviewStage.commissioning, key="family_genogram", label="Draw up the genogram",
                   status=TaskStatus.completed if values["genogram"] else _waiting(review, ReviewStage.commissioning),
                   hint=None, section=SECTION),
        task(ReviewStage.agency_submissions, "family_mid_process_letter", "Send the mid-process letter to the family",
             K.mid_process_letter, "Sent on {on}"),
        task(ReviewStage.publication, "family_findings_offered",
             "Offer the family the chance to hear the findings before publication", K.findings_offer,
             "Offered on {on}; {answer}"),
    ]


FAMILY_TASKS = TaskSource("family_engagement", _build, _summary)
