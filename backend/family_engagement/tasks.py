"""The review's task list for family engagement (section `family`), each task in the stage the guidance puts it:
the initial letter, consent to medical records and the genogram at the outset; the mid-process letter while the
agencies submit; the offer to hear the findings before publication."""

from sqlalchemy.orm import Session

from backend.family_engagement import service
from backend.family_engagement.models import FamilyAnswer, FamilyContactKind
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus

SECTION = "family"
K = FamilyContactKind
_ORDER = list(ReviewStage)
_ANSWERS = {FamilyAnswer.given: "given", FamilyAnswer.refused: "refused", FamilyAnswer.accepted: "accepted",
            FamilyAnswer.declined: "declined"}


def _waiting(review: Review, stage: ReviewStage) -> TaskStatus:
    return TaskStatus.cannot_start_yet if _ORDER.index(review.stage) < _ORDER.index(stage) else TaskStatus.not_started


def family_tasks(session: Session, review: Review) -> list[ReviewTask]:
    found = service.kinds_recorded(session, review)

    def task(stage: ReviewStage, key: str, label: str, kind: FamilyContactKind, done: str) -> ReviewTask:
        entries = found.get(kind, [])
        if not entries:
            return ReviewTask(stage=stage, key=key, label=label, status=_waiting(review, stage), section=SECTION)
        latest = entries[-1]
        hint = done.format(on=f"{latest.occurred_on:%-d %B %Y}", by=latest.delivered_by,
                           answer=_ANSWERS.get(latest.answer, "") if latest.answer else "")
        status = TaskStatus.completed
        if kind == K.findings_offer and latest.answer is None:
            status, hint = TaskStatus.in_progress, f"Offered on {latest.occurred_on:%-d %B %Y}; no answer yet"
        return ReviewTask(stage=stage, key=key, label=label, status=status, hint=hint, section=SECTION)

    genogram = service.has_genogram(session, review)
    return [
        task(ReviewStage.commissioning, "family_initial_letter", "Send the initial letter to the family",
             K.initial_letter, "Sent on {on}, delivered by {by}"),
        task(ReviewStage.commissioning, "family_medical_records_consent",
             "Record the family's consent to access medical records", K.medical_records_consent,
             "Consent {answer} on {on}"),
        ReviewTask(stage=ReviewStage.commissioning, key="family_genogram", label="Draw up the genogram",
                   status=TaskStatus.completed if genogram else _waiting(review, ReviewStage.commissioning),
                   hint=None, section=SECTION),
        task(ReviewStage.agency_submissions, "family_mid_process_letter", "Send the mid-process letter to the family",
             K.mid_process_letter, "Sent on {on}"),
        task(ReviewStage.publication, "family_findings_offered",
             "Offer the family the chance to hear the findings before publication", K.findings_offer,
             "Offered on {on}; {answer}"),
    ]
