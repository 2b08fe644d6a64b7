"""The review's task list row for the agencies' key event analysis reports (see reviews/tasks.py)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.chronologies.tasks import submissions_task
from backend.identity.models import Agency
from backend.reviews.models import Review
from backend.reviews.tasks import ReviewTask


def analysis_report_tasks(session: Session, review: Review) -> list[ReviewTask]:
    rows = session.execute(select(Agency.name, AnalysisReport.state)
                           .join(AnalysisReport, AnalysisReport.agency_id == Agency.id)
                           .where(AnalysisReport.review_id == review.id).order_by(Agency.name))
    return [submissions_task(review, key="analysis_reports_submitted", section="analysis-reports",
                             things="key event analysis reports",
                             states=[(name, state == ReportState.submitted) for name, state in rows])]
