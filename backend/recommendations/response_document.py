"""The partnership's response to a review's (or rapid review's) recommendations, as DOCX and PDF, from the records.

As seed 004 sets it out: each recommendation in the order the review gives it, its sub-parts (3a, 3b) with theirs,
the partnership's response narrative under each, and the actions agencies took: agency, description, intended
outcome, due date, status and the evidence of impact. The child is named only by the case's anonymised reference.

Written with the product's shared document helpers (backend/core/documents.py).
"""

import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from backend.actions.models import ActionStatus, AgencyAction
from backend.actions.service import actions_for_recommendations
from backend.core.documents import DOCX_MEDIA_TYPE as DOCX_MEDIA_TYPE  # served by the router
from backend.core.documents import PDF_MEDIA_TYPE as PDF_MEDIA_TYPE
from backend.core.documents import (
    docx_bytes,
    docx_table,
    pdf_document,
    pdf_paragraph,
    word_document,
)
from backend.recommendations.models import LearningKind, Recommendation
from backend.recommendations.service import recommendations_of

KIND_HEADINGS = {
    LearningKind.learning_point: ("Learning points", "Learning point"),
    LearningKind.recommendation: ("Recommendations", "Recommendation"),
    LearningKind.question: ("Questions for the partnership", "Question"),
    LearningKind.single_agency_recommendation: ("Single-agency recommendations", "Single-agency recommendation"),
}
STATUS_WORDS = {ActionStatus.not_started: "Not started", ActionStatus.in_progress: "In progress",
                ActionStatus.completion_requested: "Closure requested", ActionStatus.complete: "Complete",
                ActionStatus.cancelled: "Cancelled"}


@dataclass
class ActionLine:
    agency: str
    description: str
    intended_outcome: str
    due: str
    status: str
    evidence: str


@dataclass
class Item:
    heading: str  # "Recommendation 3", "3a"
    text: str
    response: str
    actions: list[ActionLine] = field(default_factory=list)
    parts: list["Item"] = field(default_factory=list)


@dataclass
class ResponseDocument:
    title: str
    child_reference: str
    sections: list[tuple[str, list[Item]]]


def _line(action: AgencyAction) -> ActionLine:
    status = STATUS_WORDS[action.status]
    if action.status == ActionStatus.complete and action.completed_on:
        status += f" ({action.completed_on.strftime('%-d %B %Y')})"
    if action.status == ActionStatus.cancelled and action.cancelled_reason:
        status += f": {action.cancelled_reason}"
    evidence = action.evidence_of_impact or ""
    if action.impact_known_by:
        evidence += f" How we know: {action.impact_known_by}"
    return ActionLine(agency=action.agency.name, description=action.description,
                      intended_outcome=action.intended_outcome, due=action.due_date.strftime("%-d %B %Y"),
                      status=status, evidence=evidence.strip())


def build(session: Session, child_reference: str, *, review_id: uuid.UUID | None = None,
          rapid_review_id: uuid.UUID | None = None) -> ResponseDocument:
    """The document's contents (callers check the review or rapid review is visible to whoever asked)."""
    wholes = recommendations_of(session, review_id=review_id, rapid_review_id=rapid_review_id)
    every: list[Recommendation] = [r for whole in wholes for r in (whole, *whole.parts)]
    actions = actions_for_recommendations(session, [r.id for r in every])

    def item(r: Recommendation, heading: str) -> Item:
        return Item(heading=heading, text=r.text, response=r.response,
                    actions=[_line(a) for a in actions.get(r.id, [])])

    sections: list[tuple[str, list[Item]]] = []
    for kind, (many, one) in KIND_HEADINGS.items():
        items = []
        for whole in (w for w in wholes if w.kind == kind):
            entry = item(whole, f"{one} {whole.label}")
            entry.parts = [item(part, part.label) for part in whole.parts]
            items.append(entry)
        if items:
            sections.append((many, items))
    what = "review" if review_id is not None else "rapid review"
    return ResponseDocument(title=f"The partnership's response to the {what} – {child_reference}",
                            child_reference=child_reference, sections=sections)


_INTRO = ("This document sets out the partnership's response to each recommendation, and the actions partner "
          "agencies have taken, with the evidence of their impact on frontline practice. The child is referred to "
          "only by the review's anonymised reference.")
_COLUMNS = ("Agency", "Action", "Intended outcome", "Due", "Status", "Evidence of impact")


def _cells(line: ActionLine) -> tuple[str, ...]:
    return (line.agency, line.description, line.intended_outcome, line.due, line.status, line.evidence)


def to_docx(document: ResponseDocument) -> bytes:
    doc = word_document(document.title, font_size=10)
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(_INTRO)

    def write(item: Item, level: int) -> None:
        doc.add_heading(item.heading, level=level)
        doc.add_paragraph(item.text)
        if item.response:
            doc.add_heading("The partnership's response", level=min(level + 1, 9))
            doc.add_paragraph(item.response)
        if item.actions:
            docx_table(doc, _COLUMNS, [_cells(line) for line in item.actions])
        for part in item.parts:
            write(part, min(level + 1, 9))

    for heading, items in document.sections:
        doc.add_heading(heading, level=1)
        for item in items:
            write(item, 2)
    if not document.sections:
        doc.add_paragraph("No recommendations have been recorded for this review yet.")
    return docx_bytes(doc)


def to_pdf(document: ResponseDocument) -> bytes:
    pdf = pdf_document(document.title)

    def para(text: str, size: float = 10, style: str = "") -> None:
        pdf_paragraph(pdf, text, size, style)

    para(document.title, 16, "B")
    para(_INTRO)

    def write(item: Item, size: float) -> None:
        para(item.heading, size, "B")
        para(item.text)
        if item.response:
            para("The partnership's response", 10, "B")
            para(item.response)
        for line in item.actions:
            pdf.set_x(pdf.l_margin)
            for name, value in zip(_COLUMNS, _cells(line), strict=True):
                if value:
                    para(f"{name}: {value}", 9)
            pdf.ln(1)
        for part in item.parts:
            write(part, size - 1)

    for heading, items in document.sections:
        para(heading, 14, "B")
        for item in items:
            write(item, 12)
    if not document.sections:
        para("No recommendations have been recorded for this review yet.")
    return bytes(pdf.output())
