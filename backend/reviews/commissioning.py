"""Commissioning: the lead reviewer appointed, and the National Panel, Ofsted and the Department for Education told
that the review was commissioned and who leads it (seed 003, "Commissioning a Lead Reviewer").

Each notice is an e-mail recorded in the outbox in the same transaction as the notice, so a rolled-back request
sends nothing and the worker sends each one once. The e-mail names the child only by the review's anonymised
reference: it is composed here from the reference, the dates and the lead reviewer's name, never from the case's
identifying details.
"""

import datetime as dt

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Principal
from backend.core.config import get_settings
from backend.reminders.mail import long_date, queue_email
from backend.reviews.models import CommissioningNotice, NoticeRecipient, Review, ReviewKind, ReviewStage
from backend.reviews.policy import STAGES, notices_outstanding
from backend.reviews.schemas import CommissioningNoticeRead, CommissioningRead, LeadReviewer, NoticeStatus
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

LABELS = {NoticeRecipient.national_panel: "The National Panel", NoticeRecipient.ofsted: "Ofsted",
          NoticeRecipient.dfe: "The Department for Education"}


def address_of(recipient: NoticeRecipient) -> str:
    settings = get_settings()
    return {NoticeRecipient.national_panel: settings.national_panel_email,
            NoticeRecipient.ofsted: settings.ofsted_email, NoticeRecipient.dfe: settings.dfe_email}[recipient]


def _message(review: Review, reviewer_name: str) -> tuple[str, dict[str, object]]:
    partnership = get_settings().partnership_name
    subject = f"Child Safeguarding Practice Review commissioned: {review.child_reference}"
    return subject, {
        "heading": "A Child Safeguarding Practice Review has been commissioned",
        "paragraphs": [
            f"{partnership} has commissioned a local Child Safeguarding Practice Review, reference "
            f"{review.child_reference}.",
            f"The decision to hold the review was taken on {long_date(review.decided_on)}. The review is due to be "
            f"completed by {long_date(review.due_date)}.",
            f"The lead reviewer is {reviewer_name}.",
            "This notice gives the review's anonymised reference only. Please write to the partnership's business "
            "office for anything further.",
        ],
    }


def send_notices(session: Session, actor: Principal, review: Review) -> list[CommissioningNotice]:
    """Tell each national body not yet told who leads the review now; the day is recorded on each notice."""
    STAGES.check(actor, review, "send_notices")
    reviewer = review.lead_reviewer
    assert reviewer is not None  # the step's condition
    subject, context = _message(review, reviewer.name)
    sent = []
    for recipient in notices_outstanding(review):
        notice = CommissioningNotice(review=review, recipient=recipient, address=address_of(recipient),
                                     lead_reviewer_id=reviewer.id, lead_reviewer_name=reviewer.name,
                                     sent_on=clock.today(), sent_by_name=actor.name)
        session.add(notice)
        session.flush()
        message = queue_email(session, to=[notice.address], subject=subject, template="notice", context=context,
                              key=f"review:{review.id}:commissioning:{notice.id}", category="review_commissioning")
        notice.outbox_message_id = message.id if message else None
        sent.append(notice)
    told = ", ".join(LABELS[n.recipient] for n in sent)
    STAGES.take(session, actor, review, "send_notices", checked=True,
                summary=f"Told {told} that {reviewer.name} leads the review ({review.child_reference})",
                changes={"notices": [{"recipient": n.recipient.value, "address": n.address,
                                      "sent_on": n.sent_on.isoformat()} for n in sent]})
    return sent


def as_read(principal: Principal, review: Review) -> CommissioningRead:
    current = {n.recipient: n for n in review.commissioning_notices if n.lead_reviewer_id == review.lead_reviewer_id
               and review.lead_reviewer_id is not None}
    notices = [CommissioningNoticeRead.model_validate(n).model_copy(update={"current": current.get(n.recipient) is n})
               for n in review.commissioning_notices]
    return CommissioningRead(
        review_id=review.id,
        lead_reviewer=LeadReviewer.model_validate(review.lead_reviewer) if review.lead_reviewer else None,
        recipients=[NoticeStatus(recipient=r, label=LABELS[r], address=address_of(r),
                                 told_on=current[r].sent_on if r in current else None) for r in NoticeRecipient],
        notices=notices,
        allowed_actions=[a for a in STAGES.allowed_actions(principal, review) if a == "send_notices"],
    )


def _told(recipient: NoticeRecipient | None = None) -> Select[dt.date]:
    """Notices sent about the review's current lead reviewer (to `recipient`): the latest day one was sent."""
    stmt = select(func.max(CommissioningNotice.sent_on)).where(
        CommissioningNotice.review_id == Review.id, CommissioningNotice.lead_reviewer_id == Review.lead_reviewer_id)
    return stmt.where(CommissioningNotice.recipient == recipient) if recipient else stmt


def _summary(_review: Review) -> Summary:
    return {"told_on": _told().scalar_subquery()} | {
        recipient.value: _told(recipient).scalar_subquery() for recipient in NoticeRecipient}


def _build(review: Review, found: Found) -> list[ReviewTask]:
    """Appoint the lead reviewer; tell the national bodies who it is."""
    reviewer = review.lead_reviewer
    tasks = [ReviewTask(stage=ReviewStage.commissioning, key="lead_reviewer_appointed",
                        label="Appoint the lead reviewer",
                        status=TaskStatus.completed if reviewer else TaskStatus.not_started,
                        hint=reviewer.name if reviewer else None, section="commissioning")]
    if review.kind != ReviewKind.cspr:
        return tasks
    outstanding = [recipient for recipient in NoticeRecipient if found.values[recipient.value] is None]
    told_on = found.values["told_on"]
    if reviewer is None:
        status, hint = TaskStatus.cannot_start_yet, "Appoint the lead reviewer first"
    elif not outstanding:
        status, hint = TaskStatus.completed, f"Told on {long_date(told_on)}"
    else:
        status = TaskStatus.in_progress if told_on else TaskStatus.not_started
        hint = "Not yet told: " + ", ".join(LABELS[r] for r in outstanding)
    tasks.append(ReviewTask(stage=ReviewStage.commissioning, key="national_bodies_told",
                            label="Tell the National Panel, Ofsted and the Department for Education", status=status,
                            hint=hint, section="commissioning"))
    return tasks


COMMISSIONING_TASKS = TaskSource("commissioning", _build, _summary)
