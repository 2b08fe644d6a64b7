"""What a read of a record answered by an agency's submission says about it.

The owning record's read schema inherits `SubmissionStatus` and adds its own typed `draft` and `submission`
(the content differs per kind); its revisions schema inherits `RevisionRead` and adds a typed `content`.
"""

import datetime as dt

from pydantic import BaseModel, Field

from backend.submissions.models import SubmissionState


class SubmissionStatus(BaseModel):
    state: SubmissionState
    submitted_at: dt.datetime | None
    submitted_by_name: str | None
    return_reasons: str | None = Field(description="Why it was last returned for more information")
    revision: int = Field(description="The number of the latest submission: 0 before the first, 2 or more once "
                                      "submitted again after a return")
    resubmitted: bool = Field(description="Submitted again after a return (revision 2 or later)")
    allowed_actions: list[str] = Field(
        description="The steps you may take now: `save_draft`, `submit` (the agency), `return` (for more information)"
    )


class RevisionRead(BaseModel):
    """One submission as it was sent, and its return if it was returned for more information."""

    number: int
    resubmission: bool = Field(description="Sent after a return (number 2 or later)")
    submitted_at: dt.datetime
    submitted_by_name: str
    returned_at: dt.datetime | None
    returned_by_name: str | None
    return_reasons: str | None
