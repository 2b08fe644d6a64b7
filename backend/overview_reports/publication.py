"""Publication (seed 003, "Publication"): the plan, the checklist of what must be true first, and publishing.

Each check is a small named function of the review and its plan, so the screen shows what blocks publication
and `publish` is refused (409) naming the first thing outstanding.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, null, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version
from backend.core.config import get_settings
from backend.core.errors import Conflict, Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.events.models import Event, EventKind, EventStatus
from backend.family_engagement.models import FamilyContact, FamilyContactKind
from backend.overview_reports import findings
from backend.overview_reports import sign_off as chain
from backend.overview_reports.models import (
    Publication,
    PublicationState,
    ReportDocument,
    ReportVersion,
    SignOff,
    SignOffState,
)
from backend.overview_reports.pdf import render
from backend.overview_reports.policy import PUBLICATION
from backend.overview_reports.schemas import ChecklistItem, PublicationPlan, PublicationRead
from backend.overview_reports.service import get_version, summary_of
from backend.parallel_processes.models import ParallelProcess, ParallelProcessStatus
from backend.parallel_processes.policy import sees
from backend.parallel_processes.service import holding_publication
from backend.reviews import service as reviews
from backend.reviews.models import Review, ReviewStage
from backend.reviews.schemas import ReviewStageChange, ReviewStep

LONDON = ZoneInfo("Europe/London")
DEFAULT_TIME = dt.time(10, 0)
PRESS_STATEMENT_WORKING_DAYS_BEFORE = 2
DEBRIEF_WORKING_DAYS_BEFORE = 3


def find(session: Session, review: Review) -> Publication | None:
    return session.scalar(select(Publication).where(Publication.review_id == review.id))


def planned_on(publication: Publication | None) -> dt.date | None:
    return publication.planned_at.astimezone(LONDON).date() if publication and publication.planned_at else None


def _day(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


@dataclass(frozen=True)
class Facts:
    """What the checklist's rules read, from one statement (`facts`): the sign-off, the latest versions, the
    family's offer, how many processes hold publication back, and each de-brief's latest scheduled day on or before
    the planned date. The rules are pure functions of these, the review and its plan, save where an item needs what
    no scalar can give (the kept anonymisation findings; the working-day calendar; the names of holding processes)."""

    sign_off_state: SignOffState | None
    version_id: uuid.UUID | None
    summary_version_id: uuid.UUID | None
    sent_to_panel_on: dt.date | None
    latest_id: uuid.UUID | None
    latest_number: int | None
    latest_summary_id: uuid.UUID | None
    offered_on: dt.date | None
    holding: int
    debriefs: dict[EventKind, dt.date | None]

    @property
    def sent_on(self) -> dt.date | None:
        """As `sign_off.sent_to_panel_on`: only once the chain sent it."""
        return self.sent_to_panel_on if self.sign_off_state == SignOffState.sent_to_panel else None


_WANTED_DEBRIEFS = ((EventKind.involved_practitioner_debrief, "the involved practitioners' de-brief"),
                    (EventKind.open_debrief, "the open de-brief"))


def facts(session: Session, review: Review, publication: Publication | None) -> Facts:
    """The checklist's facts in one `SELECT (…), (…), … FROM reviews WHERE id = :review`."""
    ours = SignOff.review_id == Review.id

    def latest(document: ReportDocument, column: Any) -> Any:
        return (select(column).where(ReportVersion.review_id == Review.id, ReportVersion.document == document)
                .order_by(ReportVersion.number.desc()).limit(1).scalar_subquery())

    planned = planned_on(publication)
    debriefs = {kind: (select(func.max(Event.date)).where(
        Event.review_id == Review.id, Event.kind == kind, Event.status == EventStatus.scheduled,
        Event.date <= planned).scalar_subquery() if planned is not None else null()) for kind, _ in _WANTED_DEBRIEFS}
    row = session.execute(select(
        select(SignOff.state).where(ours).scalar_subquery(),
        select(SignOff.version_id).where(ours).scalar_subquery(),
        select(SignOff.summary_version_id).where(ours).scalar_subquery(),
        select(SignOff.sent_to_panel_on).where(ours).scalar_subquery(),
        latest(ReportDocument.overview_report, ReportVersion.id),
        latest(ReportDocument.overview_report, ReportVersion.number),
        latest(ReportDocument.executive_summary, ReportVersion.id),
        select(FamilyContact.occurred_on).where(FamilyContact.review_id == Review.id,
                                                FamilyContact.kind == FamilyContactKind.findings_offer)
        .order_by(FamilyContact.occurred_on.desc()).limit(1).scalar_subquery(),
        select(func.count()).select_from(ParallelProcess).where(
            ParallelProcess.review_id == Review.id, ParallelProcess.holds_publication.is_(True),
            ParallelProcess.status != ParallelProcessStatus.concluded).scalar_subquery(),
        *debriefs.values(),
    ).where(Review.id == review.id)).one()
    (state, version_id, summary_version_id, sent_to_panel_on, latest_id, latest_number, latest_summary_id,
     offered_on, holding, *latest_debriefs) = row
    return Facts(state, version_id, summary_version_id, sent_to_panel_on, latest_id, latest_number, latest_summary_id,
                 offered_on, holding, dict(zip(debriefs, latest_debriefs, strict=True)))


Check = Callable[[Session, Review, Publication | None, Facts], ChecklistItem]


def final_version_sent_to_panel(session: Session, review: Review, publication: Publication | None,
                                facts: Facts) -> ChecklistItem:
    done = bool(facts.sign_off_state == SignOffState.sent_to_panel and facts.latest_id is not None
                and facts.version_id == facts.latest_id)
    hint = (f"Sent on {_day(facts.sent_to_panel_on)} (version {facts.latest_number})"
            if done and facts.sent_to_panel_on
            else "Complete the sign-off: the final version must be signed off and sent to the National Panel")
    return ChecklistItem(key="final_version_sent_to_panel", label="The final version signed off and sent to the "
                         "National Panel", done=done, hint=hint)


def panel_copy_in_time(session: Session, review: Review, publication: Publication | None,
                       facts: Facts) -> ChecklistItem:
    days = get_settings().publication_notice_days
    sent, planned = facts.sent_on, planned_on(publication)
    label = f"The National Panel had the final report at least {days} days before publication"
    if sent is None or planned is None:
        return ChecklistItem(key="panel_copy_in_time", label=label, done=False,
                             hint="Plan the publication date and send the final report to the National Panel")
    gap = (planned - sent).days
    if gap < days:
        earliest = sent + dt.timedelta(days=days)
        return ChecklistItem(key="panel_copy_in_time", label=label, done=False,
                             hint=f"The Panel had it {gap} days before the planned date: publish on "
                                  f"{_day(earliest)} or later")
    return ChecklistItem(key="panel_copy_in_time", label=label, done=True, hint=f"{gap} days before publication")


def no_unresolved_findings(session: Session, review: Review, publication: Publication | None,
                           facts: Facts) -> ChecklistItem:
    # As findings.blocking_reason reads them: the sign-off's versions, else the latest of each document; both
    # loaded in one statement.
    version_id, summary_id = (facts.version_id or facts.latest_id,
                              facts.summary_version_id or facts.latest_summary_id)
    wanted = [v for v in (version_id, summary_id) if v is not None]
    loaded = ({v.id: v for v in session.scalars(select(ReportVersion).where(ReportVersion.id.in_(wanted)))}
              if wanted else {})
    reason = findings.reason_of(session, review.id, loaded.get(version_id) if version_id else None,
                                loaded.get(summary_id) if summary_id else None)
    return ChecklistItem(key="no_unresolved_findings", label="No anonymisation finding left unresolved",
                         done=reason is None, hint=reason)


def publication_planned(session: Session, review: Review, publication: Publication | None,
                        facts: Facts) -> ChecklistItem:
    when = publication.planned_at.astimezone(LONDON) if publication and publication.planned_at else None
    return ChecklistItem(key="publication_planned", label="The publication date and time planned", done=bool(when),
                         hint=f"{_day(when.date())} at {when:%H:%M}" if when else "Plan the date and time")


def members_briefed(session: Session, review: Review, publication: Publication | None,
                    facts: Facts) -> ChecklistItem:
    day, planned = (publication.members_briefing_on if publication else None), planned_on(publication)
    done = bool(day and planned and day <= planned)
    return ChecklistItem(key="members_briefed", label="Elected members' briefing arranged before publication",
                         done=done, hint=_day(day) if day else "Enter the date elected members are briefed")


def press_statement_planned(session: Session, review: Review, publication: Publication | None,
                            facts: Facts) -> ChecklistItem:
    day, planned = (publication.press_statement_on if publication else None), planned_on(publication)
    done = bool(day and planned and day <= planned)
    return ChecklistItem(key="press_statement_planned", label="The press statement planned before publication",
                         done=done, hint=_day(day) if day else "Plan the publication date first")


def debriefs_arranged(session: Session, review: Review, publication: Publication | None,
                      facts: Facts) -> ChecklistItem:
    planned = planned_on(publication)
    label = "Both practitioner de-briefs (involved practitioners; open) scheduled in the days before publication"
    if planned is None:
        return ChecklistItem(key="debriefs_arranged", label=label, done=False, hint="Plan the publication date first")
    earliest = get_calendar(session).add_working_days(planned, -DEBRIEF_WORKING_DAYS_BEFORE)
    # One scheduled between `earliest` and `planned` exactly when the latest on or before `planned` is not earlier.
    missing = [name for kind, name in _WANTED_DEBRIEFS
               if (latest := facts.debriefs.get(kind)) is None or latest < earliest]
    hint = (f"Schedule {' and '.join(missing)} between {_day(earliest)} and {_day(planned)} (Events)" if missing
            else "Both scheduled")
    return ChecklistItem(key="debriefs_arranged", label=label, done=not missing, hint=hint)


def review_at_publication_stage(session: Session, review: Review, publication: Publication | None,
                                facts: Facts) -> ChecklistItem:
    done = review.stage in (ReviewStage.publication, ReviewStage.published)
    return ChecklistItem(key="review_at_publication_stage", label="The review moved on to publication", done=done,
                         hint=None if done else "Move the review on to publication on the review's page")


def family_offered_findings(session: Session, review: Review, publication: Publication | None,
                            facts: Facts) -> ChecklistItem:
    """Seed 003: the family are offered the chance to hear the findings before the report is published."""
    offered, planned = facts.offered_on, planned_on(publication)
    done = bool(offered and (planned is None or offered <= planned))
    hint = (f"Offered {_day(offered)}" if offered else
            "Record the offer to the family on the review's family engagement page")
    return ChecklistItem(key="family_offered_findings", label="The family offered to hear the findings first",
                         done=done, hint=hint)


def not_held_by_parallel_process(session: Session, review: Review, publication: Publication | None,
                                 facts: Facts) -> ChecklistItem:
    """A criminal prosecution (or another process marked so) holds publication back until it concludes: named
    (read) only when one does."""
    holding = holding_publication(session, review) if facts.holding else []
    return ChecklistItem(key=HELD_BY_PARALLEL_PROCESS, label="No parallel process holds publication back",
                         done=not holding, hint=_held_hint(holding))


HELD_BY_PARALLEL_PROCESS = "not_held_by_parallel_process"


def _held_hint(holding: list[ParallelProcess], hidden: int = 0) -> str:
    if not holding and not hidden:
        return "Nothing holds it back"
    named = [p.title + (f" (until {p.publication_held_until})" if p.publication_held_until else "") for p in holding]
    if hidden:  # another agency's process the caller may not see: that something holds it, never what
        named.append("a parallel process" if hidden == 1 else f"{hidden} parallel processes")
    return "Held by " + "; ".join(named)


def checklist_for(session: Session, principal: Principal, review: Review,
                  publication: Publication | None) -> list[ChecklistItem]:
    """The checklist as `principal` reads it: a parallel process it may not see (parallel_processes/policy.py) holds
    publication back unnamed."""
    items = checklist(session, review, publication)
    holding = holding_publication(session, review)
    seen = [p for p in holding if sees(principal, p)]
    return [item.model_copy(update={"hint": _held_hint(seen, len(holding) - len(seen))})
            if item.key == HELD_BY_PARALLEL_PROCESS else item for item in items]


# What must be true before publishing, in the order the screen lists it.
CHECKS: tuple[Check, ...] = (
    final_version_sent_to_panel, no_unresolved_findings, not_held_by_parallel_process, family_offered_findings,
    publication_planned, panel_copy_in_time, members_briefed, press_statement_planned, debriefs_arranged,
    review_at_publication_stage,
)


def checklist(session: Session, review: Review, publication: Publication | None) -> list[ChecklistItem]:
    known = facts(session, review, publication)
    return [check(session, review, publication, known) for check in CHECKS]


def blocking_reason(session: Session, publication: Publication) -> str | None:
    review = session.get(Review, publication.review_id)
    if review is None:
        return "No such review."
    for item in checklist(session, review, publication):
        if not item.done:
            return f"{item.label}: {item.hint}" if item.hint else item.label
    return None


def _open_deadlines(session: Session, review: Review, publication: Publication) -> None:
    planned = planned_on(publication)
    if planned is None:
        return
    open_deadline = partial(deadlines.open_deadline, session, subject_type=SubjectType.review, subject_id=review.id,
                            case_id=review.case_id, link=f"/reviews/{review.id}/publication",
                            owner_role=Role.business_office)
    open_deadline(kind=DeadlineKind.publication, due_date=planned, title=f"Publish the review of {deadlines.CHILD}")
    if chain.sent_to_panel_on(session, review) is None:
        open_deadline(kind=DeadlineKind.publication_notice,
                      due_date=planned - dt.timedelta(days=get_settings().publication_notice_days),
                      title=f"Send the final report for {deadlines.CHILD} to the National Panel")
    for kind, day, title in ((DeadlineKind.members_briefing, publication.members_briefing_on, "Brief elected members"),
                             (DeadlineKind.press_statement, publication.press_statement_on,
                              "Issue the press statement")):
        if day is not None:
            open_deadline(kind=kind, due_date=day, title=f"{title} on the review of {deadlines.CHILD}")


def plan(session: Session, actor: Principal, review: Review, data: PublicationPlan,
         if_match: str | None) -> Publication:
    """Plan (or change) the publication: date and time (10:00 unless said), elected members' briefing and the
    press statement (two working days before unless said)."""
    publication = find(session, review)
    if publication is None:
        publication = Publication(review_id=review.id, case_id=review.case_id)
        session.add(publication)
    else:
        PUBLICATION.check(actor, publication, "plan")
        check_version(publication, if_match)
    changes = data.model_dump(exclude_unset=True)
    current = publication.planned_at.astimezone(LONDON) if publication.planned_at else None
    day = changes.get("planned_on") or (current.date() if current else None)
    time = changes.get("planned_time") or (current.time() if current else DEFAULT_TIME)
    if day is None:
        raise Invalid("Enter the publication date.", errors=[("body.planned_on", "Enter the publication date")])
    errors = []
    if "planned_on" in changes and day < clock.today():
        errors.append(("body.planned_on", "The publication date must be today or in the future"))
    for name in ("members_briefing_on", "press_statement_on"):
        value = changes.get(name)
        if value is not None and value > day:
            errors.append((f"body.{name}", "Must be on or before the publication date"))
    if errors:
        raise Invalid("The publication plan needs correcting.", errors=errors)
    publication.planned_at = dt.datetime.combine(day, time, LONDON).astimezone(dt.UTC)
    if "members_briefing_on" in changes:
        publication.members_briefing_on = changes["members_briefing_on"]
    if changes.get("press_statement_on") is not None:
        publication.press_statement_on = changes["press_statement_on"]
    elif "press_statement_on" in changes or publication.press_statement_on is None or "planned_on" in changes:
        publication.press_statement_on = get_calendar(session).add_working_days(
            day, -PRESS_STATEMENT_WORKING_DAYS_BEFORE)
    session.flush()
    audit.record(session, actor, "plan_publication", "review", review.id,
                 f"Planned publication of the review of {review.child_reference} for {_day(day)} at {time:%H:%M}",
                 {"planned_at": publication.planned_at, "members_briefing_on": publication.members_briefing_on,
                  "press_statement_on": publication.press_statement_on})
    _open_deadlines(session, review, publication)
    return publication


def record_delay_notice(session: Session, actor: Principal, review: Review, told_on: dt.date) -> Publication:
    """The National Panel was told the review will not be complete within six months: the dashboard stops
    showing it as owed."""
    if told_on > clock.today():
        raise Invalid("The date cannot be in the future.",
                      errors=[("body.told_on", "Enter a date that is today or in the past")])
    publication = find(session, review)
    if publication is None:
        publication = Publication(review_id=review.id, case_id=review.case_id)
        session.add(publication)
        session.flush()
    PUBLICATION.take(session, actor, publication, "record_delay_notice", audited_as=("review", review.id),
                     apply={"panel_told_of_delay_on": told_on}, changes={"panel_told_of_delay_on": told_on},
                     summary=f"Recorded that the National Panel was told on {_day(told_on)} that the review of "
                             f"{review.child_reference} will not be complete within six months")
    deadlines.meet(session, DeadlineKind.panel_delay_notice, review.id)
    return publication


def publish(session: Session, actor: Principal, review: Review) -> Publication:
    """Publish: refused (409) while anything on the checklist is outstanding; records the time, the versions
    published, and moves the review to published through its own stage workflow (`review.published`)."""
    publication = find(session, review)
    if publication is None:
        raise Invalid("Plan the publication first.", errors=[("body.planned_on", "Enter the publication date")])
    PUBLICATION.check(actor, publication, "publish")
    sign_off = chain.find(session, review)
    now = clock.now()
    PUBLICATION.take(session, actor, publication, "publish", checked=True, audited_as=("review", review.id),
                     apply={"published_at": now, "published_version_id": sign_off.version_id if sign_off else None,
                            "published_summary_version_id": sign_off.summary_version_id if sign_off else None},
                     summary=f"Published the report of the review of {review.child_reference}")
    reviews.change_stage(session, actor, review.id, ReviewStageChange(
        step=ReviewStep.publish, published_on=now.astimezone(LONDON).date()))
    for kind in (DeadlineKind.publication, DeadlineKind.members_briefing, DeadlineKind.press_statement):
        deadlines.meet(session, kind, review.id)
    return publication


def published_pdf(session: Session, principal: Principal, review: Review, document: ReportDocument
                  ) -> tuple[bytes, str]:
    """The published version of the document as a PDF, and its file name (the child's reference only)."""
    publication = find(session, review)
    if publication is None or publication.state != PublicationState.published:
        raise Conflict("The report is not published yet.")
    version_id = (publication.published_version_id if document == ReportDocument.overview_report
                  else publication.published_summary_version_id)
    if version_id is None:
        raise NotFound("No executive summary was published.")
    version = get_version(session, principal, review, version_id)
    filename = f"{review.child_reference.replace(' ', '-')}-{document.value.replace('_', '-')}.pdf"
    return render(version, review.child_reference, publication.published_at), filename


def as_read(session: Session, principal: Principal, review: Review) -> PublicationRead:
    publication = find(session, review)
    published = [session.get(ReportVersion, vid) if vid else None
                 for vid in ((publication.published_version_id, publication.published_summary_version_id)
                             if publication else (None, None))]
    return PublicationRead(
        review_id=review.id, state=publication.state if publication else PublicationState.planning,
        planned_at=publication.planned_at if publication else None,
        members_briefing_on=publication.members_briefing_on if publication else None,
        press_statement_on=publication.press_statement_on if publication else None,
        published_at=publication.published_at if publication else None,
        panel_told_of_delay_on=publication.panel_told_of_delay_on if publication else None,
        published_version=summary_of(session, published[0]) if published[0] else None,
        published_summary_version=summary_of(session, published[1]) if published[1] else None,
        checklist=checklist_for(session, principal, review, publication),
        version=publication.version if publication else 0,
        allowed_actions=(PUBLICATION.allowed_actions(principal, publication) if publication
                         else ["plan", "record_delay_notice"] if principal.can(PUBLICATION.steps["plan"].permission)
                         and principal.kind == "user" else []))
