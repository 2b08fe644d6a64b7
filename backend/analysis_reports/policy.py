"""Who sees which key event analysis reports, and the report's steps: one table, read by the service and the tests.

The report is an agency's submission (kind `key_event_analysis`, backend/submissions) with one step the
submission mechanism lacks: the agency manager's sign-off. The author signs and sends it for sign-off; an agency
manager of the same agency who is not the author signs it off, which submits it; the lead reviewer or the business
office returns it for more work.
"""

from sqlalchemy import ColumnElement, and_

from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.chronologies.policy import assigned_to
from backend.core.access import Permission, Principal
from backend.core.visibility import involves, visible
from backend.core.workflow import Step, Workflow
from backend.reviews.models import review_agencies
from backend.submissions.models import SubmissionKind

KIND = SubmissionKind.key_event_analysis
P = Permission
RS = ReportState
EDITABLE = frozenset({RS.requested, RS.draft, RS.returned})


def _not_its_author(principal: Principal, report: AnalysisReport) -> str | None:
    if report.current_author_id == principal.id:
        return "You signed this report as its author; another manager of your agency must sign it off."
    return None


REPORT: Workflow[AnalysisReport, ReportState] = Workflow("analysis_report", "key event analysis report", (
    Step("save_draft", "Save a draft of the report", EDITABLE, RS.draft, P.analysis_reports_write, own_agency=True),
    Step("send_for_sign_off", "Sign the report as its author and send it for sign-off", EDITABLE,
         RS.awaiting_sign_off, P.analysis_reports_write, own_agency=True, people_only=True),
    Step("reopen", "Reopen the report for changes", frozenset({RS.awaiting_sign_off}), RS.draft,
         P.analysis_reports_write, own_agency=True),
    Step("sign_off", "Sign off and submit the report", frozenset({RS.awaiting_sign_off}), RS.submitted,
         P.analysis_reports_sign_off, own_agency=True, people_only=True, refusal=_not_its_author),
    Step("return", "Return the report for more work", frozenset({RS.submitted}), RS.returned,
         P.review_submissions_return),
), agency_of=lambda report: report.agency_id)

def visible_reports(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see every report; a lead reviewer those of their reviews; an agency its own, while it is
    involved in the review. What a draft says is the agency's alone (the service shows it only to that agency)."""
    return visible(
        principal, P.analysis_reports_read,
        agency=lambda agency_id: and_(AnalysisReport.agency_id == agency_id,
                                      involves(review_agencies, AnalysisReport.review_id, agency_id)),
        lead_reviewer=lambda user_id: assigned_to(user_id, AnalysisReport.review_id))
