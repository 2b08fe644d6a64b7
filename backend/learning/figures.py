"""The learning tracker's figures: actions per agency, completion per review, timeliness, themes over time.

Each figure is one aggregate statement (GROUP BY in the database), so the endpoint sends the same handful of
statements whether the partnership has ten actions or a hundred thousand.

On time and late are judged against the deadline registry, whose due dates are already on the working-day
calendar (an action due on a Saturday falls due on the Monday; a notification's 5 working days skip bank
holidays and closure days): an action completed on or before its deadline's due date is on time; a deadline met
on or before its due date (the UTC day of `met_at`) is on time.

Reporting years run from 1 April to 31 March, as partnerships' yearly reports do: `reporting_year(2025)` is
1 April 2025 to 31 March 2026.
"""

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, and_, case, cast, extract, func, select
from sqlalchemy.orm import Session, aliased

from backend.actions.models import ActionStatus, AgencyAction
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.errors import Invalid
from backend.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from backend.identity.models import Agency
from backend.identity.schemas import AgencySummary
from backend.learning.policy import actions_in_scope, reviews_in_scope
from backend.learning.schemas import AgencyFigures, Figures, SourceFigures, ThemeYear, Timeliness
from backend.rapid_reviews.models import ImmediateAction
from backend.recommendations.models import Recommendation, SourceType, recommendation_themes
from backend.recommendations.policy import visible_recommendations
from backend.recommendations.sources import source_key, source_label
from backend.reviews.models import Review
from backend.themes.models import Theme

S = ActionStatus
A = AgencyAction
R = Recommendation
OPEN = [S.not_started, S.in_progress, S.completion_requested]
TIMELINESS = {
    DeadlineKind.incident_notification: "Notifications (5 working days)",
    DeadlineKind.rapid_review: "Rapid reviews (15 working days)",
    DeadlineKind.review_completion: "Reviews (six months)",
}


def reporting_year(year: int) -> tuple[dt.date, dt.date]:
    """The partnership's reporting year starting 1 April `year`."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _count(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


# An action's deadline in the registry: its own, or (for an immediate action's) the immediate action's. Two joins,
# one per kind, rather than one join on either: PostgreSQL hashes each, where the OR probed the registry once per
# action (80 ms of the figures at ten years, issue 13).
OWN_DEADLINE, IMMEDIATE_DEADLINE = aliased(Deadline), aliased(Deadline)


def _with_deadlines(stmt: Any) -> Any:
    return (stmt.outerjoin(OWN_DEADLINE, and_(OWN_DEADLINE.kind == DeadlineKind.agency_action,
                                              OWN_DEADLINE.subject_id == A.id))
            .outerjoin(IMMEDIATE_DEADLINE, and_(IMMEDIATE_DEADLINE.kind == DeadlineKind.immediate_action,
                                                IMMEDIATE_DEADLINE.subject_id == A.immediate_action_id)))


def _between(column: Any, start: dt.date | None, end: dt.date | None) -> Any:
    conditions = [column.is_not(None)]
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return and_(*conditions)


def agency_figures(session: Session, principal: Principal, start: dt.date | None,
                   end: dt.date | None) -> list[AgencyFigures]:
    today = clock.today()
    due = func.coalesce(IMMEDIATE_DEADLINE.due_date, OWN_DEADLINE.due_date, A.due_date)
    completed = and_(A.status == S.complete, _between(A.completed_on, start, end))
    evidence = and_(completed, A.evidence_of_impact.is_not(None), A.evidence_of_impact != "")
    stmt = select(Agency.id, Agency.name, Agency.kind, _count(A.status.in_(OPEN)),
                  _count(and_(A.status.in_(OPEN), due < today)), _count(and_(completed, A.completed_on <= due)),
                  _count(and_(completed, A.completed_on > due)), _count(evidence))
    stmt = (_with_deadlines(stmt.select_from(A).join(Agency, Agency.id == A.agency_id))
            .where(actions_in_scope(principal)).group_by(Agency.id, Agency.name, Agency.kind).order_by(Agency.name))
    result = []
    for agency_id, name, kind, still_open, overdue, on_time, late, with_evidence in session.execute(stmt):
        done = int(on_time or 0) + int(late or 0)
        result.append(AgencyFigures(
            agency=AgencySummary(id=agency_id, name=name, kind=kind), open=int(still_open or 0),
            overdue=int(overdue or 0), completed_on_time=int(on_time or 0), completed_late=int(late or 0),
            completed_with_evidence=int(with_evidence or 0),
            evidence_share=round(100 * int(with_evidence or 0) / done, 1) if done else None))
    return result


def source_figures(session: Session, principal: Principal) -> list[SourceFigures]:
    """Per review, rapid review or other source: the share of its (uncancelled) actions complete."""
    # The actions counted per recommendation, immediate action and case first (narrow keys, hashed), then those
    # few thousand counts joined to their sources' text and summed per source: grouping the 20,000 joined rows by
    # the sources' titles sorted them all, wide (issue 13).
    per_parent = (select(A.recommendation_id, A.immediate_action_id, A.case_id,
                         _count(A.status != S.cancelled).label("counted"), _count(A.status == S.complete).label("done"))
                  .where(actions_in_scope(principal))
                  .group_by(A.recommendation_id, A.immediate_action_id, A.case_id).subquery())
    rapid_review_id = func.coalesce(R.rapid_review_id, ImmediateAction.rapid_review_id)
    source_type = func.coalesce(R.source_type, SourceType.rapid_review.value)
    stmt = (select(source_type, R.review_id, rapid_review_id, R.source_title, Case.reference,
                   func.sum(per_parent.c.counted), func.sum(per_parent.c.done))
            .select_from(per_parent).outerjoin(R, R.id == per_parent.c.recommendation_id)
            .outerjoin(ImmediateAction, ImmediateAction.id == per_parent.c.immediate_action_id)
            .outerjoin(Case, Case.id == per_parent.c.case_id)
            .group_by(source_type, R.review_id, rapid_review_id, R.source_title, Case.reference))
    result = []
    for kind, review_id, rapid_id, title, reference, counted, complete in session.execute(stmt):
        kind = SourceType(kind)
        total, done = int(counted or 0), int(complete or 0)
        result.append(SourceFigures(
            key=source_key(kind, review_id, rapid_id, title), label=source_label(kind, reference, title),
            review_id=review_id, rapid_review_id=rapid_id, actions=total, complete=done,
            percent_complete=round(100 * done / total, 1) if total else 0.0))
    return sorted(result, key=lambda f: (f.percent_complete, f.label))


def timeliness(session: Session, principal: Principal, start: dt.date | None, end: dt.date | None) -> list[Timeliness]:
    """Notifications, rapid reviews and reviews whose deadline fell due in the period: met on time, met late, or
    still open past due. Cross-agency roles see the partnership's; a lead reviewer their reviews'; an agency none
    (these deadlines are the partnership's, not an agency's)."""
    if principal.sees_all_agencies:
        kinds = list(TIMELINESS)
    elif principal.kind == "user" and principal.role == Role.lead_reviewer:
        kinds = [DeadlineKind.review_completion]
    else:
        return []
    today = clock.today()
    met_on = func.date(Deadline.met_at)
    met = Deadline.status == DeadlineStatus.met
    stmt = (select(Deadline.kind, _count(and_(met, met_on <= func.date(Deadline.due_date))),
                   _count(and_(met, met_on > func.date(Deadline.due_date))),
                   _count(and_(Deadline.status == DeadlineStatus.open, Deadline.due_date < today)))
            .where(Deadline.kind.in_(list(TIMELINESS)), _between(Deadline.due_date, start, end))
            .group_by(Deadline.kind))
    if not principal.sees_all_agencies:
        stmt = stmt.where(Deadline.kind == DeadlineKind.review_completion,
                          Deadline.subject_id.in_(select(Review.id).where(reviews_in_scope(principal))))
    found = {kind: (int(a or 0), int(b or 0), int(c or 0)) for kind, a, b, c in session.execute(stmt)}
    result = []
    for kind in kinds:
        on_time, late, overdue = found.get(kind, (0, 0, 0))
        result.append(Timeliness(kind=kind, label=TIMELINESS[kind], on_time=on_time, late=late, overdue_open=overdue,
                                 percent_on_time=round(100 * on_time / (on_time + late), 1) if on_time + late
                                 else None))
    return result


def themes_over_time(session: Session, principal: Principal, start: dt.date | None,
                     end: dt.date | None) -> list[ThemeYear]:
    """Per theme and reporting year (April to March): how many sources raised it."""
    year = cast(extract("year", R.made_on), Integer) - case((cast(extract("month", R.made_on), Integer) < 4, 1),
                                                            else_=0)
    source = func.coalesce(cast(R.review_id, String), cast(R.rapid_review_id, String), R.source_title)
    # Each (theme, year, source) once, hashed, then counted and named: count(DISTINCT ...) sorted every tagged
    # recommendation's row with its title (issue 13).
    raised = (select(recommendation_themes.c.theme_id, year.label("year"), source.label("source"))
              .join(R, R.id == recommendation_themes.c.recommendation_id)
              .where(visible_recommendations(principal), _between(R.made_on, start, end))
              .distinct().subquery())
    stmt = (select(Theme.id, Theme.name, raised.c.year, func.count())
            .select_from(raised).join(Theme, Theme.id == raised.c.theme_id)
            .group_by(Theme.id, Theme.name, raised.c.year).order_by(raised.c.year, Theme.name))
    return [ThemeYear(theme_id=theme_id, name=name, year=int(y), sources=int(n))
            for theme_id, name, y, n in session.execute(stmt)]


def figures(session: Session, principal: Principal, start: dt.date | None = None,
            end: dt.date | None = None) -> Figures:
    if start is not None and end is not None and end < start:
        raise Invalid("The end of the period must be the same as or after its start.",
                      errors=[("query.period_to", "must be on or after the start of the period")])
    return Figures(period_from=start, period_to=end, agencies=agency_figures(session, principal, start, end),
                   sources=source_figures(session, principal), timeliness=timeliness(session, principal, start, end),
                   themes_over_time=themes_over_time(session, principal, start, end))

