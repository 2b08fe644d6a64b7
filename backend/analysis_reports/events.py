"""The events a key event analysis report publishes; subscribers import these models (see core/domain_events.py)."""

import datetime as dt
import uuid
from typing import ClassVar

from backend.core.domain_events import DomainEvent


class AnalysisReportEvent(DomainEvent):
    subject_type: ClassVar[str] = "analysis_report"
    review_id: uuid.UUID


class AnalysisReportRequested(AnalysisReportEvent):
    type: ClassVar[str] = "analysis_report.requested"
    due_date: dt.date


class AnalysisReportSubmitted(AnalysisReportEvent):
    """Signed off by an agency manager, so submitted to the review."""

    type: ClassVar[str] = "analysis_report.submitted"
    revision: int


class AnalysisReportReturned(AnalysisReportEvent):
    type: ClassVar[str] = "analysis_report.returned"
    reasons: str
