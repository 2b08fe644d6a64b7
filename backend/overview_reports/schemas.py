import datetime as dt
import uuid
from typing import Annotated

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.anonymisation.check import FindingKind, Severity
from backend.core.schemas import FormBody, LocalTime, NotNull, RequestBody
from backend.overview_reports.diff import Change, ParagraphStatus
from backend.overview_reports.models import (
    CommentState,
    PublicationState,
    ReportDocument,
    SignOffState,
    SignOffStepName,
    VersionSource,
)

# A 30,000-word report is about 200,000 characters; twice that leaves room for the longest.
ReportText = Annotated[str, StringConstraints(max_length=400_000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
CommentBody = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


class Person(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str


class AcceptanceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    kind: str
    text: str
    reason: str
    accepted_by: Person
    accepted_at: dt.datetime


class FindingRead(BaseModel):
    kind: FindingKind
    severity: Severity
    text: str = Field(description="The words found, as written")
    start: int = Field(description="Where they start in the version's text (a character offset)")
    end: int
    reason: str = Field(description="Why they may identify the child, in plain words")
    key: str = Field(description="Names the same words of the same kind in any version; what an acceptance names")
    paragraph: int = Field(description="The paragraph it is in, from 1")
    accepted: AcceptanceRead | None = None


class DraftRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    document: ReportDocument
    text: str
    source: VersionSource
    file_name: str | None
    updated_at: dt.datetime
    version: int = Field(description="The draft's version; the `ETag` to send as `If-Match`")
    findings: list[FindingRead] = []


class DraftSave(RequestBody):
    text: ReportText


class VersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    document: ReportDocument
    number: int
    source: VersionSource
    file_name: str | None
    note: str | None
    shared_at: dt.datetime
    shared_by: Person | None
    words: int = 0
    unresolved_findings: int = 0
    open_comments: int = 0


class VersionRead(VersionSummary):
    text: str
    paragraphs: list[str]
    findings: list[FindingRead]
    allowed_actions: list[str] = Field([], description="`comment`, `scrutineer_review` (the scrutineer, on the "
                                                        "first draft), `accept_finding` (business office)")


class VersionShare(RequestBody):
    """Share the draft as a new version (immutable from now on)."""

    document: ReportDocument = ReportDocument.overview_report
    note: Note | None = Field(None, description="What changed, for the review group")
    restart_reason: Reason | None = Field(
        None, description="Required once a step of the sign-off has been taken: why a new version is needed. "
                          "The chain restarts from the review group's agreement, on the new version.")


class DocumentRead(BaseModel):
    document: ReportDocument
    draft: DraftRead | None = Field(None, description="The lead reviewer's working copy (only they see it)")
    versions: list[VersionSummary]


class OverviewReportRead(BaseModel):
    review_id: uuid.UUID
    child_reference: str
    documents: list[DocumentRead]
    allowed_actions: list[str] = Field([], description="`save_draft`, `share_version`, `accept_finding`")


class ReportCommentCreate(RequestBody):
    body: CommentBody
    paragraph: int | None = Field(None, ge=1, le=10_000, description="The paragraph it is about, from 1")
    scrutineer_review: bool = Field(False, description="The scrutineer's review of the first draft (scrutineer "
                                                       "only, on version 1 of the overview report)")


class CommentAnswer(RequestBody):
    body: CommentBody


class ReportCommentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version_id: uuid.UUID
    parent_id: uuid.UUID | None
    paragraph: int | None
    body: str
    state: CommentState
    scrutineer_review: bool
    author: Person
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    answers: list["ReportCommentRead"] = []
    allowed_actions: list[str] = []


class AcceptFinding(RequestBody):
    key: Annotated[str, StringConstraints(min_length=3, max_length=400)] = Field(
        description="The finding's `key`, as a version's findings give it")
    reason: Reason = Field(description="Why these words may stand in the published report")


class DiffSegment(BaseModel):
    text: str
    change: Change


class DiffParagraph(BaseModel):
    status: ParagraphStatus
    left_number: int | None
    right_number: int | None
    left: list[DiffSegment]
    right: list[DiffSegment]


class DiffRead(BaseModel):
    left: VersionSummary
    right: VersionSummary
    words_inserted: int
    words_deleted: int
    paragraphs: list[DiffParagraph]


class SignOffStepRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    step: SignOffStepName
    label: str = ""
    version_id: uuid.UUID
    version_number: int = 0
    summary_version_id: uuid.UUID | None
    decided_on: dt.date
    note: str | None
    recorded_at: dt.datetime
    recorded_by: Person
    invalidated_at: dt.datetime | None
    invalidated_reason: str | None


class PendingStep(BaseModel):
    step: SignOffStepName
    label: str
    due_date: dt.date | None = None


class SignOffRead(BaseModel):
    review_id: uuid.UUID
    state: SignOffState
    version_id: uuid.UUID | None = Field(description="The overview report version the chain is on")
    version_number: int | None
    latest_version_id: uuid.UUID | None = Field(None, description="The latest shared version of the overview "
                                                                 "report: the one the review group agrees")
    latest_version_number: int | None = None
    summary_version_id: uuid.UUID | None
    sent_to_panel_on: dt.date | None
    steps: list[SignOffStepRead] = Field(description="Every step taken, oldest first, invalidated ones included")
    pending: list[PendingStep] = Field(description="What is awaited now")
    blocked_by: str | None = Field(None, description="Why the next step cannot be taken now, if anything stops it")
    allowed_actions: list[str] = []


class SignOffStepTake(RequestBody):
    step: SignOffStepName
    version_id: uuid.UUID = Field(description="The overview report version agreed or signed off: the latest shared "
                                              "one for the review group, then the one agreed at the step before")
    decided_on: dt.date | None = Field(None, description="When it was agreed, signed or sent (default today)")
    note: Note | None = None


class ChecklistItem(BaseModel):
    key: str
    label: str
    done: bool
    hint: str | None = Field(None, description="What is outstanding, or what was done")


class PublicationRead(BaseModel):
    review_id: uuid.UUID
    state: PublicationState
    planned_at: dt.datetime | None
    members_briefing_on: dt.date | None
    press_statement_on: dt.date | None
    published_at: dt.datetime | None
    panel_told_of_delay_on: dt.date | None = Field(None, description="When the National Panel was told the review "
                                                                     "would not be complete within six months")
    published_version: VersionSummary | None
    published_summary_version: VersionSummary | None
    checklist: list[ChecklistItem]
    version: int = Field(description="The plan's version; the `ETag` to send as `If-Match`")
    allowed_actions: list[str] = []


class DelayNotice(RequestBody):
    told_on: dt.date = Field(description="The day the National Panel was told the review would be late")


class PublicationPlan(RequestBody):
    """Plan the publication. The time defaults to 10:00 (Europe/London); the press statement to two working days
    before."""

    planned_on: NotNull[dt.date] = None
    planned_time: NotNull[LocalTime] = Field(None, description="Local time in Europe/London, default 10:00")
    members_briefing_on: dt.date | None = Field(None, description="`null` clears it")
    press_statement_on: dt.date | None = Field(None, description="`null`: two working days before publication")


class DocxUpload(FormBody):
    """A Word document (multipart/form-data); a form field the API does not know is refused."""

    file: UploadFile = Field(description="A Word document (.docx), at most 20 MB")
