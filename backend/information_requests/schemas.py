import datetime as dt
import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from backend.core.schemas import RequestBody
from backend.core.text import OptionalLongText, OptionalShortText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.submissions.schemas import RevisionRead, SubmissionStatus

Text = OptionalLongText
Short = OptionalShortText


class KeyContact(RequestBody):
    date: dt.date
    contact_type: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class InformationResponse(RequestBody):
    """The Additional Information template (seed 003, Appendix 2b); blanks are allowed while drafting."""

    involvement: Text = Field(default="", description="Your agency's involvement with the child and family")
    key_contacts: list[KeyContact] = Field(default=[], max_length=50, description="Key contacts, dated")
    analysis: Text = ""
    immediate_learning: Text = ""
    actions_taken: Text = Field(default="", description="Actions already taken as a result of the learning")
    good_practice: Text = ""
    author_name: Short = ""
    author_role: Short = ""


# Every narrative box and the author must be filled before a response counts as submitted.
# Each box the template requires before submitting, and what the person is told when it is empty.
REQUIRED_TO_SUBMIT: dict[str, str] = {
    "involvement": "Enter your agency's involvement with the child and family",
    "analysis": "Enter the analysis of your agency's involvement",
    "immediate_learning": "Enter the immediate learning identified",
    "actions_taken": "Enter the actions already taken as a result of the learning",
    "good_practice": "Enter the good practice",
    "author_name": "Enter the author's name",
    "author_role": "Enter the author's role",
}


class InformationRequestCreate(RequestBody):
    agency_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=100,
                                                 description="One request goes to each agency")]
    note: Text = Field(default="", description="What the business office asks the agencies to focus on")


class InformationRequestReturn(RequestBody):
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class InformationRequestDueDate(RequestBody):
    """A new due date for the agency's response, and why."""

    due_date: dt.date = Field(description="Today or later")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] = Field(
        description="Why the agency has longer (or less), for the request's timeline")


class InformationRequestRead(SubmissionStatus):
    """The request and the agency's submission that answers it (`state`, `revision`, `allowed_actions`, …)."""

    id: uuid.UUID
    rapid_review_id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    agency: AgencySummary
    requested_on: dt.date
    note: str
    due: DueDate | None = None
    submission: InformationResponse | None = Field(default=None, description="What the agency last submitted")
    draft: InformationResponse | None = Field(
        default=None, description="The agency's working copy: only ever shown to that agency"
    )


class InformationResponseRevision(RevisionRead):
    """One response as the agency submitted it; a response returned and resubmitted keeps every revision."""

    content: InformationResponse
