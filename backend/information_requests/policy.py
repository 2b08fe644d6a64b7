"""Which information requests each caller sees. The steps (save a draft, submit, return for more) are an
agency's submission's: backend/submissions/policy.py, kind `information_request`."""

from sqlalchemy import ColumnElement

from backend.core.access import Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Workflow
from backend.information_requests.models import InformationRequest
from backend.submissions.models import AgencySubmission, SubmissionKind, SubmissionState
from backend.submissions.policy import workflow

KIND = SubmissionKind.information_request
STEPS: Workflow[AgencySubmission, SubmissionState] = workflow(KIND)


def visible_requests(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see every request; an agency (person or client) sees only its own."""
    return visible(principal, agency=own_agency(InformationRequest.agency_id))
