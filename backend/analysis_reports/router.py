from typing import Annotated

from fastapi import APIRouter, Response, status

from backend.analysis_reports import service
from backend.analysis_reports.models import AnalysisReport
from backend.analysis_reports.policy import REPORT
from backend.analysis_reports.schemas import (
    AnalysisReportContent,
    AnalysisReportRead,
    AnalysisReportRequest,
    AnalysisReportReturn,
    AnalysisReportRevision,
    Attestation,
)
from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, VERSIONED_STEP, IfMatch, OptionalIfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.visibility import in_scope
from backend.reviews.router import ReviewInScope

router = APIRouter(prefix="/api/v1", tags=["key event analysis reports"], responses=PROBLEM_RESPONSES)
ReportInScope = Annotated[AnalysisReport, in_scope(service.get_report, "report_id", P.analysis_reports_read)]
Reader = Annotated[Principal, Requires(P.analysis_reports_read)]
# Who may take each step, as the report's workflow table says.
Author = Annotated[Principal, Requires(REPORT.steps["save_draft"].permission)]
Manager = Annotated[Principal, Requires(REPORT.steps["sign_off"].permission)]
Returner = Annotated[Principal, Requires(REPORT.steps["return"].permission)]


def _read(session: DbSession, principal: Principal, report: AnalysisReport,
          response: Response | None = None) -> AnalysisReportRead:
    if response is not None:
        set_etag(response, report.submission)  # every change to the report is a new version of its submission
    return service.read(session, principal, report)


@router.post("/reviews/{review_id}/analysis-reports", response_model=list[AnalysisReportRead],
             status_code=status.HTTP_201_CREATED)
def request_analysis_reports(session: DbSession, review: ReviewInScope,
                             principal: Annotated[Principal, Requires(P.review_submissions_request)],
                             data: AnalysisReportRequest) -> list[AnalysisReportRead]:
    """Ask agencies involved in the review for their key event analysis reports (Appendix 4b), due on one date
    (business office or the review's lead reviewer), at the agencies' submissions stage."""
    return service.reads(session, principal, review, service.request_reports(session, principal, review, data))


@router.get("/reviews/{review_id}/analysis-reports", response_model=list[AnalysisReportRead])
def list_review_analysis_reports(session: DbSession, review: ReviewInScope,
                                 principal: Reader) -> list[AnalysisReportRead]:
    """The review's key event analysis reports the caller may see (an agency: its own), by agency."""
    return service.reads(session, principal, review, list(session.scalars(service.list_reports(principal, review.id))))


@router.get("/analysis-reports/{report_id}", response_model=AnalysisReportRead, responses=VERSIONED_READ)
def read_analysis_report(session: DbSession, report: ReportInScope, principal: Reader,
                         response: Response) -> AnalysisReportRead:
    """One report: what was submitted, and for its agency the draft and the signatures so far. `allowed_actions`
    lists the steps you may take now."""
    return _read(session, principal, report, response)


@router.put("/analysis-reports/{report_id}/draft", response_model=AnalysisReportRead, responses=VERSIONED_EDIT)
def save_analysis_report_draft(session: DbSession, report: ReportInScope, principal: Author,
                               data: AnalysisReportContent, if_match: IfMatch,
                               response: Response) -> AnalysisReportRead:
    """Save the report as a draft (the agency's own until submitted); blanks are allowed. Send the `ETag` you read
    as `If-Match`."""
    return _read(session, principal, service.save_draft(session, principal, report, data, if_match), response)


@router.post("/analysis-reports/{report_id}/send-for-sign-off", response_model=AnalysisReportRead,
             responses=VERSIONED_STEP)
def send_analysis_report_for_sign_off(session: DbSession, report: ReportInScope, principal: Author,
                                      data: Attestation, if_match: OptionalIfMatch,
                                      response: Response) -> AnalysisReportRead:
    """Sign the saved draft as its author (type your full name) and send it to an agency manager. Refused with
    every empty box named (`errors`: each field path and what to enter) if the report is not complete."""
    return _read(session, principal, service.send_for_sign_off(session, principal, report, data, if_match), response)


@router.post("/analysis-reports/{report_id}/reopen", response_model=AnalysisReportRead, responses=VERSIONED_READ)
def reopen_analysis_report(session: DbSession, report: ReportInScope, principal: Author,
                           response: Response) -> AnalysisReportRead:
    """Take a report awaiting sign-off back to change it; the author's signature is withdrawn."""
    return _read(session, principal, service.reopen(session, principal, report), response)


@router.post("/analysis-reports/{report_id}/sign-off", response_model=AnalysisReportRead, responses=VERSIONED_STEP)
def sign_off_analysis_report(session: DbSession, report: ReportInScope, principal: Manager, data: Attestation,
                             if_match: OptionalIfMatch, response: Response) -> AnalysisReportRead:
    """Sign off the report as an agency manager of its agency (not its author): this submits it to the review and
    meets its deadline. A revised report's signatures are recorded as the report revision's."""
    return _read(session, principal, service.sign_off(session, principal, report, data, if_match), response)


@router.post("/analysis-reports/{report_id}/return", response_model=AnalysisReportRead, responses=VERSIONED_READ)
def return_analysis_report(session: DbSession, report: ReportInScope, principal: Returner,
                           data: AnalysisReportReturn, response: Response) -> AnalysisReportRead:
    """Return a submitted report to its agency for more work, with the reasons (lead reviewer or business office)."""
    return _read(session, principal, service.return_for_more(session, principal, report, data.reasons), response)


@router.get("/analysis-reports/{report_id}/revisions", response_model=list[AnalysisReportRevision])
def analysis_report_revisions(session: DbSession, report: ReportInScope) -> list[AnalysisReportRevision]:
    """Every report the agency submitted, oldest first, with its signatures and its return if it was returned."""
    return service.revisions(session, report)


@router.get("/analysis-reports/{report_id}/timeline", response_model=list[TimelineEntry])
def analysis_report_timeline(session: DbSession, report: ReportInScope) -> list[TimelineEntry]:
    """What happened to this report, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "analysis_report", report.id)]
