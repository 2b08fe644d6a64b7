"""The learning reports: recurrent themes, recommendations that repeat earlier ones, and who the learning reached.

Every report is a bounded number of SQL statements whatever the data size: the counting is done by the database
(GROUP BY), and what comes back is one row per theme and source, or per link, never per action.
"""

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.orm import Session, aliased

from backend.actions.models import ActionStatus, AgencyAction
from backend.audit import service as audit
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import Invalid, NotFound
from backend.core.messages import day_month_year
from backend.identity.schemas import AgencySummary
from backend.incident_notifications.service import agencies_by_id
from backend.learning.models import DisseminatedItem, Dissemination, DisseminationState
from backend.learning.policy import DISSEMINATION, visible_disseminations
from backend.learning.schemas import (
    DisseminationConfirm,
    DisseminationCreate,
    DisseminationRead,
    EarlierRecommendation,
    RecurrentTheme,
    RecurrentThemes,
    RepeatedRecommendation,
    SourceSummary,
)
from backend.rapid_reviews.service import get_rapid_review
from backend.recommendations.models import Recommendation, recommendation_repeats, recommendation_themes
from backend.recommendations.policy import visible_recommendations
from backend.recommendations.sources import source_key, source_label
from backend.reviews.service import get_review
from backend.themes.models import Theme

R = Recommendation
REPORT_LIMIT = 2_000  # links in one repeats report; narrow the dates beyond that


def _made_between(stmt: Any, made_from: dt.date | None, made_to: dt.date | None) -> Any:
    if made_from is not None:
        stmt = stmt.where(R.made_on >= made_from)
    if made_to is not None:
        stmt = stmt.where(R.made_on <= made_to)
    return stmt


def _check_period(made_from: dt.date | None, made_to: dt.date | None) -> None:
    if made_from is not None and made_to is not None and made_to < made_from:
        raise Invalid("The end of the period must be the same as or after its start.",
                      errors=[("query.made_to", "must be on or after the start of the period")])


# Recurrent themes -------------------------------------------------------------------------------------------


def theme_source_rows(session: Session, principal: Principal, made_from: dt.date | None,
                      made_to: dt.date | None) -> list[Any]:
    """One row per (theme, source) among the recommendations the caller may see: how many recommendations (or
    sub-parts) of the source carry the theme, and when the first was made. One statement."""
    stmt = (select(Theme.id, Theme.name, R.source_type, R.review_id, R.rapid_review_id, R.source_title,
                   Case.reference, func.count(distinct(R.id)), func.min(R.made_on))
            .select_from(recommendation_themes)
            .join(R, R.id == recommendation_themes.c.recommendation_id)
            .join(Theme, Theme.id == recommendation_themes.c.theme_id)
            .outerjoin(Case, Case.id == R.case_id)
            .where(visible_recommendations(principal))
            .group_by(Theme.id, Theme.name, R.source_type, R.review_id, R.rapid_review_id, R.source_title,
                      Case.reference))
    return list(session.execute(_made_between(stmt, made_from, made_to)))


def recurrent_themes(session: Session, principal: Principal, made_from: dt.date | None = None,
                     made_to: dt.date | None = None) -> RecurrentThemes:
    """Themes counted across the reviews (and other sources) whose recommendations were made in the period, with
    the sources each appears in: "recurrent themes" in the statutory criteria."""
    _check_period(made_from, made_to)
    names: dict[uuid.UUID, str] = {}
    counts: dict[uuid.UUID, int] = defaultdict(int)
    sources: dict[uuid.UUID, list[SourceSummary]] = defaultdict(list)
    for theme_id, name, source_type, review_id, rapid_review_id, title, reference, count, first in \
            theme_source_rows(session, principal, made_from, made_to):
        names[theme_id] = name
        counts[theme_id] += count
        sources[theme_id].append(SourceSummary(
            key=source_key(source_type, review_id, rapid_review_id, title),
            label=source_label(source_type, reference, title), review_id=review_id,
            rapid_review_id=rapid_review_id, made_on=first))
    themes = [RecurrentTheme(theme_id=theme_id, name=names[theme_id], sources=len(sources[theme_id]),
                             recommendations=counts[theme_id],
                             appears_in=sorted(sources[theme_id], key=lambda s: (s.made_on, s.label)))
              for theme_id in names]
    themes.sort(key=lambda t: (-t.sources, -t.recommendations, t.name))
    return RecurrentThemes(made_from=made_from, made_to=made_to, themes=themes)


# Repeated recommendations -----------------------------------------------------------------------------------


def _action_counts(session: Session, recommendation_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int, int]]:
    """Per whole recommendation (its sub-parts' actions included): actions, complete, open. One statement."""
    if not recommendation_ids:
        return {}
    whole = func.coalesce(R.parent_id, R.id)
    open_states = [ActionStatus.not_started, ActionStatus.in_progress, ActionStatus.completion_requested]
    stmt = (select(whole, func.count(AgencyAction.id),
                   func.sum(case((AgencyAction.status == ActionStatus.complete, 1), else_=0)),
                   func.sum(case((AgencyAction.status.in_(open_states), 1), else_=0)))
            .join(R, R.id == AgencyAction.recommendation_id)
            .where(whole.in_(recommendation_ids)).group_by(whole))
    return {row[0]: (int(row[1]), int(row[2] or 0), int(row[3] or 0)) for row in session.execute(stmt)}


def repeats_report(session: Session, principal: Principal, made_from: dt.date | None = None,
                   made_to: dt.date | None = None) -> list[RepeatedRecommendation]:
    """Recommendations made in the period that repeat earlier ones ("improvements previously identified"), each
    earlier one with whether the actions answering it were completed. Three statements."""
    _check_period(made_from, made_to)
    later, earlier = aliased(R), aliased(R)
    later_case, earlier_case = aliased(Case), aliased(Case)
    seen = select(R.id).where(visible_recommendations(principal))  # the table is joined twice: its rule by id

    def columns(r: Any, c: Any) -> tuple[Any, ...]:
        return (r.id, r.number, r.part, r.text, r.made_on, r.source_type, r.source_title, c.reference)

    stmt = (select(*columns(later, later_case), *columns(earlier, earlier_case))
            .select_from(recommendation_repeats)
            .join(later, later.id == recommendation_repeats.c.recommendation_id)
            .join(earlier, earlier.id == recommendation_repeats.c.earlier_id)
            .outerjoin(later_case, later_case.id == later.case_id)
            .outerjoin(earlier_case, earlier_case.id == earlier.case_id)
            .where(later.id.in_(seen), earlier.id.in_(seen)))
    if made_from is not None:
        stmt = stmt.where(later.made_on >= made_from)
    if made_to is not None:
        stmt = stmt.where(later.made_on <= made_to)
    rows = list(session.execute(stmt.order_by(later.made_on.desc(), later.id, earlier.made_on).limit(REPORT_LIMIT)))
    counts = _action_counts(session, list({row[8] for row in rows}))
    report: dict[uuid.UUID, RepeatedRecommendation] = {}
    for row in rows:
        (lid, lnum, lpart, ltext, lmade, ltype, ltitle, lref, eid, enum, epart, etext, emade, etype, etitle,
         eref) = row
        item = report.setdefault(lid, RepeatedRecommendation(
            id=lid, label=f"{lnum}{lpart or ''}", text=ltext, made_on=lmade, source=source_label(ltype, lref, ltitle),
            repeats=[]))
        total, complete, still_open = counts.get(eid, (0, 0, 0))
        item.repeats.append(EarlierRecommendation(
            id=eid, label=f"{enum}{epart or ''}", text=etext, made_on=emade, source=source_label(etype, eref, etitle),
            actions=total, actions_complete=complete, actions_open=still_open,
            all_complete=total > 0 and complete == total))
    return list(report.values())


# Dissemination ----------------------------------------------------------------------------------------------


def as_read(principal: Principal, record: Dissemination) -> DisseminationRead:
    return DisseminationRead(
        id=record.id, case_id=record.case_id, child_reference=record.child_reference, item=record.item,
        rapid_review_id=record.rapid_review_id, review_id=record.review_id,
        agency=AgencySummary.model_validate(record.agency), teams=record.teams, sent_on=record.sent_on,
        state=record.state, discussed_on=record.discussed_on, confirmation_note=record.confirmation_note,
        confirmed_at=record.confirmed_at, confirmed_by_name=record.confirmed_by_name,
        allowed_actions=DISSEMINATION.allowed_actions(principal, record))


def search_disseminations(principal: Principal, *, rapid_review_id: uuid.UUID | None = None,
                          review_id: uuid.UUID | None = None, agency_id: uuid.UUID | None = None,
                          state: DisseminationState | None = None) -> Select[Dissemination]:
    stmt = select(Dissemination).where(visible_disseminations(principal))
    if rapid_review_id is not None:
        stmt = stmt.where(Dissemination.rapid_review_id == rapid_review_id)
    if review_id is not None:
        stmt = stmt.where(Dissemination.review_id == review_id)
    if agency_id is not None:
        stmt = stmt.where(Dissemination.agency_id == agency_id)
    if state is not None:
        stmt = stmt.where(Dissemination.state == state)
    return stmt.order_by(Dissemination.sent_on.desc(), Dissemination.created_at, Dissemination.id)


def get_dissemination(session: Session, principal: Principal, dissemination_id: uuid.UUID) -> Dissemination:
    record = session.scalar(select(Dissemination).where(Dissemination.id == dissemination_id,
                                                        visible_disseminations(principal)))
    if record is None:
        raise NotFound("No such record of sending.")
    note_read(session, principal, record.case_id, "dissemination", record.id)
    return record


_WHAT = {DisseminatedItem.learning_briefing: "the learning briefing",
         DisseminatedItem.response_document: "the response to the recommendations"}


def record_dissemination(session: Session, actor: Principal, data: DisseminationCreate) -> list[Dissemination]:
    """One record per agency the briefing or response document was sent to (business office)."""
    errors = []
    if (data.rapid_review_id is None) == (data.review_id is None):
        errors.append(("body.review_id", "Choose the rapid review or the review it came from"))
    elif data.item == DisseminatedItem.learning_briefing and data.rapid_review_id is None:
        errors.append(("body.rapid_review_id", "A learning briefing comes from a rapid review"))
    if data.sent_on > clock.today():
        errors.append(("body.sent_on", "Date it was sent must be today or in the past"))
    if errors:
        raise Invalid("Say what was sent, from which review, and when.", errors=errors)
    try:
        source = (get_rapid_review(session, actor, data.rapid_review_id) if data.rapid_review_id is not None
                  else get_review(session, actor, data.review_id))  # type: ignore[arg-type]
    except NotFound as missing:
        raise Invalid("Choose a rapid review or review you can see.",
                      errors=[("body.review_id" if data.review_id else "body.rapid_review_id",
                               "no such rapid review or review")]) from missing
    agencies = agencies_by_id(session, data.agency_ids, "body.agency_ids")
    records = []
    for agency in sorted(agencies, key=lambda a: a.name):
        record = Dissemination(item=data.item, rapid_review_id=data.rapid_review_id, review_id=data.review_id,
                               case_id=source.case_id, agency=agency, teams=data.teams, sent_on=data.sent_on,
                               state=DisseminationState.sent)
        session.add(record)
        records.append(record)
    session.flush()
    for record in records:
        audit.record(session, actor, "create", "dissemination", record.id,
                     f"Recorded {_WHAT[data.item]} as sent to {record.agency.name} on {day_month_year(data.sent_on)}",
                     {"item": data.item, "agency_id": record.agency_id, "teams": data.teams, "sent_on": data.sent_on})
    return records


def confirm(session: Session, actor: Principal, dissemination_id: uuid.UUID,
            data: DisseminationConfirm) -> Dissemination:
    """The receiving agency's lead confirms it was discussed in a team meeting."""
    record = get_dissemination(session, actor, dissemination_id)
    DISSEMINATION.check(actor, record, "confirm")
    if data.discussed_on > clock.today():
        raise Invalid("The team meeting must have happened already.",
                      errors=[("body.discussed_on", "Date of the team meeting must be today or in the past")])
    if data.discussed_on < record.sent_on:
        raise Invalid("The team meeting must be on or after the day it was sent.",
                      errors=[("body.discussed_on", "Date of the team meeting must be on or after "
                                                    f"{record.sent_on.strftime('%-d %B %Y')}")])
    DISSEMINATION.take(session, actor, record, "confirm", checked=True,
                       summary=f"{record.agency.name} confirmed {_WHAT[record.item]} was discussed in a team meeting",
                       apply={"discussed_on": data.discussed_on, "confirmation_note": data.note or None,
                              "confirmed_at": clock.now(), "confirmed_by_name": actor.name},
                       changes={"discussed_on": data.discussed_on, "note": data.note})
    return record


def withdraw(session: Session, actor: Principal, dissemination_id: uuid.UUID) -> None:
    """Remove a record of sending made in error (before the agency confirmed it)."""
    record = get_dissemination(session, actor, dissemination_id)
    DISSEMINATION.check(actor, record, "withdraw")
    audit.record(session, actor, "delete", "dissemination", record.id,
                 f"Removed the record of {_WHAT[record.item]} sent to {record.agency.name}",
                 {"agency_id": record.agency_id, "sent_on": record.sent_on})
    session.delete(record)
    session.flush()
