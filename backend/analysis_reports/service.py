"""Key event analysis reports: asked of the review's agencies, drafted, signed by the author, signed off by an agency
manager (which submits them), returned by the lead reviewer or the business office, revised.

The boxes are the agency's submission's content (backend/submissions); the report adds the signatures and the
sign-off step, declared in `policy.REPORT`. A step the submission takes too (save a draft, sign off = submit,
return) is audited once, by the submission, on the report's timeline; the report's own steps by the report.
"""

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.analysis_reports.events import AnalysisReportRequested, AnalysisReportReturned, AnalysisReportSubmitted
from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.analysis_reports.policy import KIND, REPORT, visible_reports
from backend.analysis_reports.schemas import (
    KEY_EVENT_BOXES,
    SECTION_ONE,
    AnalysisReportContent,
    AnalysisReportRead,
    AnalysisReportRequest,
    AnalysisReportRevision,
    Attestation,
    Signature,
    Signatures,
    SubmittedReport,
)
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version_if_sent, touch
from backend.core.errors import Invalid, NotFound
from backend.core.visibility import sees_agency_draft
from backend.core.workflow import Step
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, Due, SubjectType
from backend.deadlines.schemas import DueDate
from backend.identity.models import Agency
from backend.identity.schemas import AgencySummary
from backend.reviews.models import Review
from backend.submissions import reviews
from backend.submissions import service as submissions
from backend.submissions.reviews import check_stage, is_open

DEADLINE = DeadlineKind.key_event_analysis


def _owner(report_id: uuid.UUID, review_id: uuid.UUID, case_id: uuid.UUID) -> submissions.Owner:
    return submissions.Owner(
        "analysis_report", report_id, case_id, DEADLINE, SubjectType.analysis_report,
        title=f"Key event analysis report for the review of {deadlines.CHILD}",
        link=f"/reviews/{review_id}/analysis-reports/{report_id}")


def owner_of(report: AnalysisReport) -> submissions.Owner:
    return _owner(report.id, report.review_id, report.case_id)


def request_reports(session: Session, actor: Principal, review: Review,
                    data: AnalysisReportRequest) -> list[AnalysisReport]:
    """One report per named agency of the review, due on `data.due_date` (a deadline, so reminders follow)."""
    return reviews.ask_agencies(
        session, actor, review, data.agency_ids, data.due_date, kind=KIND, things="Key event analysis reports",
        noun="report", asked_before=select(AnalysisReport.agency_id).where(AnalysisReport.review_id == review.id),
        owner=lambda report_id: _owner(report_id, review.id, review.case_id),
        record=lambda report_id, agency, submission: AnalysisReport(
            id=report_id, review_id=review.id, agency_id=agency.id, agency=agency, submission_id=submission.id,
            submission=submission, case=review.case, requested_on=clock.today(), note=data.note,
            state=ReportState.requested),
        requested=lambda report: AnalysisReportRequested(**reviews.envelope(report), due_date=data.due_date))


def list_reports(principal: Principal, review_id: uuid.UUID) -> Select[AnalysisReport]:
    return (select(AnalysisReport).join(Agency, Agency.id == AnalysisReport.agency_id)
            .where(AnalysisReport.review_id == review_id, visible_reports(principal))
            .order_by(Agency.name, AnalysisReport.id))


def get_report(session: Session, principal: Principal, report_id: uuid.UUID) -> AnalysisReport:
    report = session.scalar(select(AnalysisReport).where(AnalysisReport.id == report_id, visible_reports(principal)))
    if report is None:
        raise NotFound("No such key event analysis report.")
    note_read(session, principal, report.case_id, "analysis_report", report.id)
    return report


def content_of(data: dict[str, Any] | None) -> AnalysisReportContent:
    """The boxes of a draft (a submitted draft also holds the signatures it was submitted with)."""
    return AnalysisReportContent.model_validate({k: v for k, v in (data or {}).items() if k != "signatures"})


def _signature(name: str | None, on: Any) -> Signature | None:
    return Signature(name=name, signed_on=on) if name and on else None


def signatures(report: AnalysisReport) -> Signatures:
    return Signatures(author=_signature(report.author_signature, report.author_signed_on),
                      manager=_signature(report.manager_signature, report.manager_signed_on),
                      revision_author=_signature(report.revision_author_signature, report.revision_signed_on),
                      revision_manager=_signature(report.revision_manager_signature, report.revision_signed_on))


def allowed_actions(principal: Principal, report: AnalysisReport, review: Review) -> list[str]:
    return REPORT.allowed_actions(principal, report) if is_open(review) else []


def as_read(principal: Principal, report: AnalysisReport, review: Review,
            deadline: Deadline | Due | None) -> AnalysisReportRead:
    submission = report.submission
    own = sees_agency_draft(principal, report.agency_id)
    draft = submissions.draft_for(principal, submission)
    return AnalysisReportRead(
        id=report.id, review_id=report.review_id, case_id=report.case_id, child_reference=report.child_reference,
        agency=AgencySummary.model_validate(report.agency), requested_on=report.requested_on, note=report.note,
        due=DueDate.of(deadline, clock.today()),
        submission=SubmittedReport.model_validate(submission.content) if submission.content else None,
        draft=content_of(draft) if own else None,
        signatures=signatures(report) if own else None,
        **(submissions.status(principal, submission)
           | {"state": report.state, "allowed_actions": allowed_actions(principal, report, review)}))


def reads(session: Session, principal: Principal, review: Review,
          reports: list[AnalysisReport]) -> list[AnalysisReportRead]:
    due = deadlines.for_subjects(session, DEADLINE, [r.id for r in reports])
    return [as_read(principal, r, review, due.get(r.id)) for r in reports]


def read(session: Session, principal: Principal, report: AnalysisReport) -> AnalysisReportRead:
    review = session.get_one(Review, report.review_id)
    return as_read(principal, report, review, deadlines.find(session, DEADLINE, report.id))


def missing_boxes(content: AnalysisReportContent, where: str) -> list[tuple[str, str]]:
    """Every empty box the template makes mandatory, each by its field path, in the form's order."""
    missing = [(f"{where}.{field}", message) for field, message in SECTION_ONE if not getattr(content, field)]
    if not content.key_events:
        missing.append((f"{where}.key_events", "Add at least one key event"))
    for index, event in enumerate(content.key_events):
        missing += [(f"{where}.key_events.{index}.{field}", message.format(n=index + 1))
                    for field, message in KEY_EVENT_BOXES if not getattr(event, field)]
    return missing


def _check_complete(report: AnalysisReport, attestation: Attestation) -> AnalysisReportContent:
    content = content_of(report.submission.draft)
    missing = missing_boxes(content, "draft")
    if not attestation.signature:
        missing.append(("body.signature", "Type your full name to sign the report"))
    if missing:
        raise Invalid("The report is not complete: every box must be filled in before it is signed. "
                      f"{len(missing)} {'box is' if len(missing) == 1 else 'boxes are'} empty.", errors=missing)
    return content


ReportStep = Step[AnalysisReport, ReportState]


def _check(session: Session, actor: Principal, report: AnalysisReport, step: str, what: str) -> ReportStep:
    """The step's table row for this caller (403, or 409 for the report's state), then the review's stage (409)."""
    checked = REPORT.check(actor, report, step)
    check_stage(session.get_one(Review, report.review_id), what, step)
    return checked


def save_draft(session: Session, actor: Principal, report: AnalysisReport, content: AnalysisReportContent,
               if_match: str | None) -> AnalysisReport:
    """Replace the draft, only if it is still the version the caller read (If-Match)."""
    step = _check(session, actor, report, "save_draft", "write key event analysis reports")
    submissions.save_draft(session, actor, report.submission, owner_of(report), content.model_dump(mode="json"),
                           if_match)
    report.state = step.target or report.state
    return report


def send_for_sign_off(session: Session, actor: Principal, report: AnalysisReport, attestation: Attestation,
                      if_match: str | None) -> AnalysisReport:
    """The author signs the complete draft (every box named if any is empty) and sends it to an agency manager."""
    _check(session, actor, report, "send_for_sign_off", "sign key event analysis reports")
    check_version_if_sent(report.submission, if_match)
    _check_complete(report, attestation)
    today = clock.today()
    signed = ({"revision_author_signed_by_id": actor.id, "revision_author_signature": attestation.signature,
               "revision_signed_on": today, "revision_manager_signed_by_id": None,
               "revision_manager_signature": None} if report.is_revision else
              {"author_signed_by_id": actor.id, "author_signature": attestation.signature, "author_signed_on": today})
    touch(report.submission)  # the signed version is a new version: an ETag read before it is stale
    REPORT.take(session, actor, report, "send_for_sign_off", checked=True, apply=signed,
                summary=f"{actor.name} signed {report.agency.name}'s report as its author and sent it for sign-off",
                changes={"revision": report.is_revision})
    return report


def reopen(session: Session, actor: Principal, report: AnalysisReport) -> AnalysisReport:
    """Take the report back from sign-off to change it: the author's signature for this round is withdrawn."""
    _check(session, actor, report, "reopen", "reopen key event analysis reports")
    withdrawn = ({"revision_author_signed_by_id": None, "revision_author_signature": None,
                  "revision_signed_on": None} if report.is_revision else
                 {"author_signed_by_id": None, "author_signature": None, "author_signed_on": None})
    touch(report.submission)
    REPORT.take(session, actor, report, "reopen", checked=True, apply=withdrawn,
                summary=f"{report.agency.name}'s report was reopened for changes; the author's signature is withdrawn")
    return report


def sign_off(session: Session, actor: Principal, report: AnalysisReport, attestation: Attestation,
             if_match: str | None = None) -> AnalysisReport:
    """An agency manager of the report's agency, not its author, signs it off: that submits it to the review."""
    step = _check(session, actor, report, "sign_off", "sign off key event analysis reports")
    check_version_if_sent(report.submission, if_match)
    content = _check_complete(report, attestation)
    today = clock.today()
    if report.is_revision:
        report.revision_manager_signed_by_id, report.revision_manager_signature = actor.id, attestation.signature
        report.revision_signed_on = today
    else:
        report.manager_signed_by_id, report.manager_signature = actor.id, attestation.signature
        report.manager_signed_on = today
    submitted = content.model_dump(mode="json") | {"signatures": signatures(report).model_dump(mode="json")}
    submission = report.submission
    submissions.submit(session, actor, submission, owner_of(report), submitted,
                       complete=lambda sent, _where: sent, if_match=if_match,
                       event=lambda: AnalysisReportSubmitted(**reviews.envelope(report), revision=submission.revision))
    report.state = step.target or report.state
    return report


def return_for_more(session: Session, actor: Principal, report: AnalysisReport, reasons: str) -> AnalysisReport:
    step = _check(session, actor, report, "return", "return key event analysis reports")
    submissions.return_for_more(session, actor, report.submission, owner_of(report), reasons,
                                event=lambda: AnalysisReportReturned(**reviews.envelope(report), reasons=reasons))
    report.state = step.target or report.state
    return report


def revisions(session: Session, report: AnalysisReport) -> list[AnalysisReportRevision]:
    return [AnalysisReportRevision(**submissions.revision_fields(r), content=SubmittedReport.model_validate(r.content))
            for r in submissions.revisions(session, report.submission)]
