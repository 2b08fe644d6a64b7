"""The review's task list row for the agencies' key event analysis reports (see reviews/tasks.py)."""

from typing import Any

from sqlalchemy import Select, func, select

from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.chronologies.tasks import submissions_task
from backend.core.access import Principal
from backend.identity.models import Agency
from backend.reviews.models import Review
from backend.reviews.tasks import Found, ReviewTask, TaskSource


def _records(_principal: Principal | None) -> Select[Any]:
    """Each agency asked for its report, by name, and whether it has submitted."""
    return (select(func.row_number().over(order_by=Agency.name).label("position"), Agency.name.label("name"),
                   (AnalysisReport.state == ReportState.submitted).label("done"))
            .join(AnalysisReport, AnalysisReport.agency_id == Agency.id)
            .where(AnalysisReport.review_id == Review.id))


def _build(review: Review, found: Found) -> list[ReviewTask]:
    return [submissions_task(review, key="analysis_reports_submitted", section="analysis-reports",
                             things="key event analysis reports",
                             states=[(row.name, bool(row.done)) for row in found.records])]


ANALYSIS_REPORT_TASKS = TaskSource("analysis_reports", _build, records=_records)
