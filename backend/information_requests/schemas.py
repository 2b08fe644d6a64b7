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
REQUIRED_TO_SUBMIT = ("involvement", "analysis", "immediate_learning", "actions_taken", "good_practice",
                      "author_name", "author_role")


class InformationRequestCreate(RequestBody):
    agency_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=100,
                                                 description="One request goes to each agency")]
    note: Text = Field(default="", description="What the business office asks the agencies to focus on")


class InformationRequestReturn(RequestBody):
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


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
