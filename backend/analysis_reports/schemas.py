import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from backend.analysis_reports.models import ReportState
from backend.core.schemas import RequestBody
from backend.core.text import OptionalLongText, OptionalShortText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.submissions.schemas import RevisionRead, SubmissionStatus

Box = OptionalLongText
MAX_KEY_EVENTS = 50


class KeyEvent(RequestBody):
    """One key event (Section 2): every box is required before the report is signed, blanks allowed in a draft."""

    date: dt.date | None = Field(None, description="The date of the key event")
    title: OptionalShortText = ""
    analysis: Box = Field("", description="In-depth analysis: gaps in practice, why, what should have happened")
    learning: Box = Field("", description="The learning for your agency")
    learning_addressed: Box = Field("", description="How the learning has been addressed to date")
    outstanding_action: Box = Field("", description="Outstanding action")
    evidence_of_impact: Box = Field("", description="Evidence 'so what': how the change in practice has affected "
                                                    "front-line work, with a case example")


class AnalysisReportContent(RequestBody):
    """The key event analysis template (seed 003, Appendix 4b): Section 1's names and Section 2's key events."""

    author_name: OptionalShortText = Field("", description="The author's name")
    author_role: OptionalShortText = Field("", description="The author's job title")
    manager_name: OptionalShortText = Field("", description="The agency manager's name")
    key_events: list[KeyEvent] = Field([], max_length=MAX_KEY_EVENTS)


# Section 2's boxes, in the template's order, and how an error names each one for key event n.
KEY_EVENT_BOXES: tuple[tuple[str, str], ...] = (
    ("date", "Enter the date of key event {n}"),
    ("title", "Enter the title of key event {n}"),
    ("analysis", "Enter the in-depth analysis of key event {n}"),
    ("learning", "Enter the learning from key event {n}"),
    ("learning_addressed", "Enter how the learning from key event {n} has been addressed to date"),
    ("outstanding_action", "Enter the outstanding action for key event {n} (write ‘None’ if there is none)"),
    ("evidence_of_impact", "Enter the evidence of impact (‘so what’) for key event {n}"),
)
SECTION_ONE: tuple[tuple[str, str], ...] = (
    ("author_name", "Enter the author’s name"),
    ("manager_name", "Enter the agency manager’s name"),
)


class Attestation(RequestBody):
    """A signature: the signed-in person types their full name to confirm the report."""

    signature: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = Field(
        "", description="Your full name, typed as your signature")


class AnalysisReportRequest(RequestBody):
    agency_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=50,
                                                 description="The review's agencies to ask (one report each)")]
    due_date: dt.date = Field(description="When the reports are due (after today)")
    note: OptionalLongText = Field(default="", description="What the authors are asked to focus on")


class AnalysisReportReturn(RequestBody):
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class Signature(BaseModel):
    name: str = Field(description="The signature as typed")
    signed_on: dt.date


class Signatures(BaseModel):
    """Section 1's signatures and, once revised, the "Report revision" ones."""

    author: Signature | None = None
    manager: Signature | None = None
    revision_author: Signature | None = None
    revision_manager: Signature | None = None


class SubmittedReport(AnalysisReportContent):
    """The report as submitted, with the signatures it was submitted with."""

    signatures: Signatures = Signatures()


class AnalysisReportRead(SubmissionStatus):
    """An agency's key event analysis report: where it is (`state`), what it last submitted, and for the agency
    itself its draft and current signatures."""

    state: ReportState  # type: ignore[assignment]  # the report's own states add awaiting_sign_off
    id: uuid.UUID
    review_id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    agency: AgencySummary
    requested_on: dt.date
    note: str
    due: DueDate | None = None
    submission: SubmittedReport | None = Field(None, description="What the agency last submitted")
    draft: AnalysisReportContent | None = Field(None, description="The agency's working copy: only that agency")
    signatures: Signatures | None = Field(None, description="The signatures so far: only that agency sees them "
                                                            "before the report is submitted")
    allowed_actions: list[str] = Field(description="The steps you may take now: `save_draft`, `send_for_sign_off`, "
                                                   "`reopen`, `sign_off` (an agency manager who is not the author), "
                                                   "`return`")


class AnalysisReportRevision(RevisionRead):
    content: SubmittedReport
