"""Whether the agencies' submissions are in: the review moves on to practitioner engagement only once every
chronology and key event analysis report asked for has been submitted (seed 003: the overview report follows
"the submission of agency chronologies and Analysis Reports and Practitioner Event")."""

import uuid
from collections.abc import Sequence

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import object_session

from backend.analysis_reports.models import AnalysisReport, ReportState
from backend.chronologies.models import AgencyChronology
from backend.identity.models import Agency
from backend.reviews.conditions import Fact, FactSelect, PageCondition, no_agency
from backend.reviews.models import Review
from backend.submissions.models import AgencySubmission, SubmissionState


def _not_submitted(review_ids: Sequence[uuid.UUID]) -> FactSelect:
    """(review, -, agency, what) for every chronology or report asked of the reviews' agencies and not yet submitted."""
    chronologies = (select(AgencyChronology.review_id.label("review_id"), Agency.name.label("agency"),
                           literal("chronology").label("what"))
                    .join(AgencyChronology, AgencyChronology.agency_id == Agency.id)
                    .join(AgencySubmission, AgencySubmission.id == AgencyChronology.submission_id)
                    .where(AgencyChronology.review_id.in_(review_ids),
                           AgencySubmission.state != SubmissionState.submitted))
    reports = (select(AnalysisReport.review_id, Agency.name, literal("key event analysis report"))
               .join(AnalysisReport, AnalysisReport.agency_id == Agency.id)
               .where(AnalysisReport.review_id.in_(review_ids), AnalysisReport.state != ReportState.submitted))
    either = union_all(chronologies, reports).subquery()
    return select(either.c.review_id, no_agency(), either.c.agency, either.c.what)


def _listed(facts: list[Fact]) -> list[tuple[str, str]]:
    return sorted((str(agency), str(what)) for _review, _agency_id, agency, what in facts)


def outstanding(review: Review) -> list[tuple[str, str]]:
    """(agency, what) for every chronology or report asked of the review's agencies and not yet submitted."""
    session = object_session(review)
    if session is None:
        return []
    return _listed(list(session.execute(_not_submitted([review.id])).tuples()))


def _rule(_review: Review, facts: list[Fact]) -> str | None:
    """Why the review cannot move on to practitioner engagement yet (a 409), or None."""
    missing = _listed(facts)
    if not missing:
        return None
    listed = "; ".join(f"{agency}'s {what}" for agency, what in missing)
    return f"Wait for every agency's submissions before moving on: not yet submitted: {listed}."


agency_submissions_outstanding = PageCondition("agency_submissions_outstanding", _not_submitted, _rule)
