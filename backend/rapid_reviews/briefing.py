"""The 6 step learning briefing: edited in the system, downloaded as Markdown or Word, anonymised by construction.

Only the child reference and the six sections below go into a briefing; the sections are checked against
the names, addresses and schools that identify the child on the case (cases/identifying.py), so a slip of
the keyboard cannot publish them.
"""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases import identifying
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.documents import DOCX_MEDIA_TYPE as DOCX_MEDIA_TYPE  # served by the router
from backend.core.documents import docx_bytes, word_document
from backend.core.errors import Invalid
from backend.rapid_reviews.models import LearningBriefing, RapidReview
from backend.rapid_reviews.policy import RAPID_REVIEW
from backend.rapid_reviews.schemas import LearningBriefingRead, LearningBriefingUpdate

# (field, heading): the six steps, in the order a team meeting works through them.
STEPS: list[tuple[str, str]] = [
    ("case_in_brief", "The case in brief"),
    ("what_happened", "What happened"),
    ("what_we_learned", "What we learned"),
    ("good_practice", "What good practice looked like"),
    ("what_to_do_differently", "What to do differently"),
    ("questions_for_your_team", "Questions for your team"),
]

def briefing_of(session: Session, rapid_review: RapidReview) -> LearningBriefing:
    briefing = session.scalar(select(LearningBriefing).where(LearningBriefing.rapid_review_id == rapid_review.id))
    if briefing is None:  # rapid reviews opened before briefings existed
        briefing = LearningBriefing(rapid_review_id=rapid_review.id,
                                    title=f"Learning from the case of {rapid_review.child_reference}")
        session.add(briefing)
        session.flush()
    return briefing


def read(rapid_review: RapidReview, briefing: LearningBriefing) -> LearningBriefingRead:
    return LearningBriefingRead(
        rapid_review_id=rapid_review.id, case_id=rapid_review.case_id, child_reference=rapid_review.child_reference,
        title=briefing.title, updated_at=briefing.updated_at, **{field: getattr(briefing, field) for field, _ in STEPS},
    )




def update_briefing(session: Session, actor: Principal, rapid_review: RapidReview,
                    data: LearningBriefingUpdate, if_match: str | None) -> LearningBriefing:
    """Edit the briefing, only if it is still the version the caller read (If-Match)."""
    RAPID_REVIEW.check(actor, rapid_review, "edit_briefing")
    briefing = briefing_of(session, rapid_review)
    check_version(briefing, if_match)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    # Whatever identifies the child on the case (the notification, the referral, ...), whichever opened the review.
    phrases = identifying.phrases(session, rapid_review.case_id)
    leaks = [(f"body.{field}", "names the child, their family, an address or the school: use the child reference")
             for field, text in changes.items() if any(p in identifying.normalise(text) for p in phrases)]
    if leaks:
        raise Invalid("A learning briefing is anonymised: refer to the child only by the reference.", errors=leaks)
    fields = ["title", *(f for f, _ in STEPS)]
    before = audit.snapshot(briefing, fields)
    for key, value in changes.items():
        setattr(briefing, key, value)
    session.flush()
    # The audit log has called this edit `update_learning_briefing` since before the step had its name.
    audit.record(session, actor, "update_learning_briefing", "rapid_review", rapid_review.id,
                 "Edited the learning briefing", audit.diff(before, audit.snapshot(briefing, fields)))
    return briefing


def _outcome(rapid_review: RapidReview) -> str:
    if rapid_review.hold_cspr is None:
        return "The rapid review has not yet been decided."
    if rapid_review.hold_cspr:
        return "The three safeguarding partners decided to hold a Child Safeguarding Practice Review."
    return "The three safeguarding partners decided the learning is taken forward without a full review."


def render_markdown(rapid_review: RapidReview, briefing: LearningBriefing) -> str:
    lines = [f"# {briefing.title}", "", f"**{rapid_review.child_reference}** - 6 step learning briefing", "",
             _outcome(rapid_review), ""]
    for number, (field, heading) in enumerate(STEPS, start=1):
        body = getattr(briefing, field).strip() or "_Not yet written._"
        lines += [f"## {number}. {heading}", "", body, ""]
    return "\n".join(lines)


def render_docx(rapid_review: RapidReview, briefing: LearningBriefing) -> bytes:
    document = word_document(briefing.title)
    document.add_heading(briefing.title, level=0)
    document.add_paragraph().add_run(f"{rapid_review.child_reference} - 6 step learning briefing").bold = True
    document.add_paragraph(_outcome(rapid_review))
    for number, (field, heading) in enumerate(STEPS, start=1):
        document.add_heading(f"{number}. {heading}", level=1)
        text = getattr(briefing, field).strip() or "Not yet written."
        for paragraph in re.split(r"\n\s*\n", text):
            document.add_paragraph(paragraph.strip())
    return docx_bytes(document)
