import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from backend.actions.models import ActionStatus, UpdatePurpose
from backend.core.schemas import NotNull, RequestBody
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.recommendations.models import LearningKind
from backend.submissions.models import SubmissionState
from backend.themes.schemas import ThemeSummary

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]


class ActionCreate(RequestBody):
    """An action for one agency answering a recommendation (business office)."""

    recommendation_id: uuid.UUID
    agency_id: uuid.UUID
    owner_id: uuid.UUID | None = Field(None, description="A person of the owning agency who answers for it")
    description: Text
    intended_outcome: OptionalText = ""
    due_date: dt.date


class ActionUpdate(RequestBody):
    """Change what the action is, who owns it and when it is due (business office)."""

    owner_id: uuid.UUID | None = None
    description: NotNull[Text] = None
    intended_outcome: NotNull[OptionalText] = None
    due_date: NotNull[dt.date] = None


class ProgressUpdate(RequestBody):
    """A dated update from the owning agency; the evidence of impact may come with any update."""

    progress: Text = Field(description="What has been done since the last update")
    evidence_of_impact: OptionalText | None = Field(None, description="What changed in frontline practice")
    impact_known_by: OptionalText | None = Field(None, description="How that change is known (an audit, "
                                                                   "supervision, feedback from families…)")


class CompletionRequest(ProgressUpdate):
    """Ask the business office to close the action. Without evidence of impact (given now or in an earlier update)
    it is refused."""


class SendBack(RequestBody):
    reasons: Text = Field(description="What the agency must do or show before the action can close")


class Cancellation(RequestBody):
    reason: Text


class ClosureApproval(RequestBody):
    completed_on: dt.date | None = Field(None, description="The day the action was complete (defaults to today; not "
                                                           "in the future)")


class ActionSort(StrEnum):
    due_date = "due_date"
    due_date_desc = "-due_date"
    status = "status"
    agency = "agency"
    updated_desc = "-updated_at"


class PersonSummary(BaseModel):
    id: uuid.UUID
    name: str


class AnswersRead(BaseModel):
    """What the action answers: a recommendation (with its source) or a rapid review's immediate action."""

    recommendation_id: uuid.UUID | None
    label: str | None = Field(description="The recommendation's number (“3a”), or null for an immediate action")
    kind: LearningKind | None
    text: str = Field(description="The recommendation's text, or the immediate action as the meeting gave it")
    immediate_action_id: uuid.UUID | None
    rapid_review_id: uuid.UUID | None
    review_id: uuid.UUID | None
    source_title: str | None = Field(description="Another source's title (an audit, a national review…)")


class ActionRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID | None
    child_reference: str = Field(description="The case's anonymised reference; \"\" for another source's")
    answers: AnswersRead
    agency: AgencySummary
    owner: PersonSummary | None
    description: str
    intended_outcome: str
    due_date: dt.date
    due: DueDate | None = Field(description="Its deadline in the registry: the working day it falls due, and "
                                            "whether it is overdue")
    overdue: bool
    status: ActionStatus
    themes: list[ThemeSummary]
    evidence_of_impact: str | None
    impact_known_by: str | None
    completion_requested_at: dt.datetime | None
    sent_back_reasons: str | None
    closed_at: dt.datetime | None
    closed_by_name: str | None
    completed_on: dt.date | None
    cancelled_reason: str | None
    updated_at: dt.datetime
    allowed_actions: list[str] = Field([], description="The steps you may take now: `edit`, `start`, `post_update`, "
                                                       "`request_completion`, `approve_closure`, `send_back`, `cancel`")


class ActionUpdateRead(BaseModel):
    """One dated update, as the agency submitted it (and its return, if it was sent back)."""

    id: uuid.UUID
    purpose: UpdatePurpose
    state: SubmissionState
    submitted_at: dt.datetime | None
    submitted_by_name: str | None
    progress: str | None
    evidence_of_impact: str | None
    impact_known_by: str | None
    revision: int
    return_reasons: str | None


class ActionDetail(ActionRead):
    updates: list[ActionUpdateRead] = Field(description="Every update, newest first")
