"""Whether the agencies' submissions are in: the review moves on to practitioner engagement only once every
chronology and key event analysis report asked for has been submitted (seed 003: the overview report follows
"the submission of agency chronologies and Analysis Reports and Practitioner Event")."""

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import object_session

from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.chronologies.models import AgencyChronology
from backend.identity.models import Agency
from backend.reviews.models import Review
from backend.submissions.models import AgencySubmission, SubmissionState


def outstanding(review: Review) -> list[tuple[str, str]]:
    """(agency, what) for every chronology or report asked of the review's agencies and not yet submitted."""
    session = object_session(review)
    if session is None:
        return []
    chronologies = (select(Agency.name, literal("chronology"))
                    .join(AgencyChronology, AgencyChronology.agency_id == Agency.id)
                    .join(AgencySubmission, AgencySubmission.id == AgencyChronology.submission_id)
                    .where(AgencyChronology.review_id == review.id,
                           AgencySubmission.state != SubmissionState.submitted))
    reports = (select(Agency.name, literal("key event analysis report"))
               .join(AnalysisReport, AnalysisReport.agency_id == Agency.id)
               .where(AnalysisReport.review_id == review.id, AnalysisReport.state != ReportState.submitted))
    return sorted((name, what) for name, what in session.execute(union_all(chronologies, reports)))


def agency_submissions_outstanding(review: Review) -> str | None:
    """Why the review cannot move on to practitioner engagement yet (a 409), or None."""
    missing = outstanding(review)
    if not missing:
        return None
    listed = "; ".join(f"{agency}'s {what}" for agency, what in missing)
    return f"Wait for every agency's submissions before moving on: not yet submitted: {listed}."
