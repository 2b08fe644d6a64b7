"""The sign-off chain (seed 003, "Sign off process"): the review group agrees the report, the local learning
review sub group agrees it, each of the three lead safeguarding partners signs it off, and it is sent to the
National Panel. Every step is on the version agreed at the step before; a new version restarts the chain. The
step awaited next is a deadline with reminders."""

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.errors import Conflict, Invalid
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity import partners as safeguarding_partners
from backend.overview_reports import findings
from backend.overview_reports.models import (
    ReportDocument,
    ReportVersion,
    SignOff,
    SignOffRecord,
    SignOffState,
    SignOffStepName,
)
from backend.overview_reports.policy import PARTNERS, SIGN_OFF, step_label
from backend.overview_reports.schemas import PendingStep, SignOffRead, SignOffStepRead, SignOffStepTake
from backend.reviews.models import Review

DEADLINE = DeadlineKind.report_sign_off
WORKING_DAYS_PER_STEP = 10
St = SignOffStepName
S = SignOffState

# What each state awaits, for the deadline and the screen.
_AWAITED: dict[SignOffState, tuple[str, Role]] = {
    S.awaiting_review_group: ("The review group to agree the overview report for {child}", Role.business_office),
    S.awaiting_sub_group: ("The local learning review sub group to agree the overview report for {child}",
                           Role.business_office),
    S.awaiting_partners: ("The lead safeguarding partners to sign off the overview report for {child}",
                          Role.strategic_lead),
    S.awaiting_panel: ("Send the overview report for {child} to the National Panel", Role.business_office),
}


def find(session: Session, review: Review) -> SignOff | None:
    return session.scalar(select(SignOff).where(SignOff.review_id == review.id))


def live_steps(sign_off: SignOff | None) -> list[SignOffRecord]:
    return [r for r in sign_off.steps if r.invalidated_at is None] if sign_off else []


def has_live_steps(session: Session, review: Review) -> bool:
    return bool(live_steps(find(session, review)))


def _open_deadline(session: Session, review: Review, sign_off: SignOff) -> None:
    if sign_off.state == S.sent_to_panel:
        deadlines.meet(session, DEADLINE, review.id)
        return
    title, role = _AWAITED[sign_off.state]
    deadlines.open_deadline(
        session, kind=DEADLINE, subject_type=SubjectType.review, subject_id=review.id,
        due_date=get_calendar(session).add_working_days(clock.today(), WORKING_DAYS_PER_STEP),
        title=title.replace("{child}", deadlines.CHILD), case_id=review.case_id,
        link=f"/reviews/{review.id}/sign-off", owner_role=role)


def version_shared(session: Session, actor: Principal, review: Review, version: ReportVersion,
                   restart_reason: str | None) -> None:
    """A new version: the chain starts (first version) or, once steps were taken, restarts with the reason."""
    sign_off = find(session, review)
    if sign_off is None:
        sign_off = SignOff(review_id=review.id, case_id=review.case_id)
        session.add(sign_off)
        session.flush()
        _open_deadline(session, review, sign_off)
        return
    if restart_reason is None:
        return
    now = clock.now()
    invalidated = live_steps(sign_off)
    for record in invalidated:
        record.invalidated_at, record.invalidated_reason = now, restart_reason
    previous = sign_off.state
    sign_off.state, sign_off.version_id, sign_off.summary_version_id = S.awaiting_review_group, None, None
    sign_off.sent_to_panel_on = None
    session.flush()
    audit.record(session, actor, "restart_sign_off", "review", review.id,
                 f"Sign-off restarted from the review group's agreement: version {version.number} of the "
                 f"{version.document.value.replace('_', ' ')} was shared for {review.child_reference}",
                 {"state": {"from": previous.value, "to": sign_off.state.value}, "reason": restart_reason,
                  "invalidated": [r.step.value for r in invalidated]})
    _open_deadline(session, review, sign_off)


def _expected_version(session: Session, review: Review, sign_off: SignOff, step: St) -> ReportVersion | None:
    if step == St.review_group:
        return findings.latest(session, review.id, ReportDocument.overview_report)
    return session.get(ReportVersion, sign_off.version_id) if sign_off.version_id else None


def take_step(session: Session, actor: Principal, review: Review, data: SignOffStepTake) -> SignOff:
    """Record one step of the chain, as SIGN_OFF allows, on the version agreed at the step before."""
    sign_off = find(session, review)
    if sign_off is None:
        raise Conflict("Share a version of the overview report before it can be agreed.")
    SIGN_OFF.check(actor, sign_off, data.step.value)
    expected = _expected_version(session, review, sign_off, data.step)
    if expected is None or expected.id != data.version_id:
        which = (f"version {expected.number}, the latest shared" if data.step == St.review_group and expected
                 else f"version {expected.number}, the one agreed at the step before" if expected else "a version")
        raise Conflict(f"This step must be on {which}.",
                       errors=[("body.version_id", f"Choose {which}")])
    decided_on = data.decided_on or clock.today()
    if decided_on > clock.today():
        raise Invalid("The date cannot be in the future.",
                      errors=[("body.decided_on", "Enter a date that is today or in the past")])
    apply: dict[str, object] = {}
    if data.step == St.review_group:
        summary = findings.latest(session, review.id, ReportDocument.executive_summary)
        apply |= {"version_id": expected.id, "summary_version_id": summary.id if summary else None}
    signed = {r.step for r in live_steps(sign_off)} | {data.step}
    if data.step in PARTNERS and all(step in signed for step in PARTNERS):
        apply["state"] = S.awaiting_panel
    if data.step == St.national_panel:
        apply["sent_to_panel_on"] = decided_on
    session.add(SignOffRecord(
        sign_off=sign_off, step=data.step, version_id=expected.id,
        summary_version_id=apply.get("summary_version_id", sign_off.summary_version_id), decided_on=decided_on,
        note=data.note, recorded_at=clock.now(), recorded_by_id=actor.id, agency_id=actor.agency_id))
    SIGN_OFF.take(session, actor, sign_off, data.step.value, checked=True, apply=apply,
                  audited_as=("review", review.id),
                  changes={"version": expected.number, "decided_on": decided_on, "step": data.step.value},
                  summary=f"{step_label(data.step)} (version {expected.number}) for {review.child_reference}")
    session.expire(sign_off, ["steps"])
    _open_deadline(session, review, sign_off)
    if data.step == St.national_panel:
        deadlines.meet(session, DeadlineKind.publication_notice, review.id)
    return sign_off


def awaited(state: S, signed: Collection[St]) -> list[tuple[St, str]]:
    """The steps the chain awaits in `state`, each with what it is for people; `signed` the partners' steps taken."""
    if state == S.awaiting_review_group:
        return [(St.review_group, "The review group to agree the report")]
    if state == S.awaiting_sub_group:
        return [(St.sub_group, "The local learning review sub group to agree the report")]
    if state == S.awaiting_partners:
        return [(name, f"Sign-off for {safeguarding_partners.label(partner)}")
                for name, partner in PARTNERS.items() if name not in signed]
    if state == S.awaiting_panel:
        return [(St.national_panel, "Send the report to the National Panel")]
    return []


def pending(session: Session, review: Review, sign_off: SignOff | None) -> list[PendingStep]:
    state = sign_off.state if sign_off else S.awaiting_review_group
    due = deadlines.find(session, DEADLINE, review.id)
    due_date = due.due_date if due and sign_off else None
    return [PendingStep(step=name, label=label, due_date=due_date)
            for name, label in awaited(state, {r.step for r in live_steps(sign_off)})]


def as_read(session: Session, principal: Principal, review: Review) -> SignOffRead:
    sign_off = find(session, review)
    numbers = dict(session.execute(select(ReportVersion.id, ReportVersion.number).where(
        ReportVersion.review_id == review.id)).tuples().all())
    steps = [SignOffStepRead.model_validate(r).model_copy(update={
        "label": step_label(r.step), "version_number": numbers.get(r.version_id, 0)})
        for r in (sign_off.steps if sign_off else [])]
    blocked = (findings.blocking_reason(session, review.id, sign_off.version_id, sign_off.summary_version_id)
               if sign_off and sign_off.state != S.sent_to_panel else
               None if sign_off else "Share a version of the overview report first.")
    latest = findings.latest(session, review.id, ReportDocument.overview_report)
    return SignOffRead(
        latest_version_id=latest.id if latest else None, latest_version_number=latest.number if latest else None,
        review_id=review.id, state=sign_off.state if sign_off else S.awaiting_review_group,
        version_id=sign_off.version_id if sign_off else None,
        version_number=numbers.get(sign_off.version_id) if sign_off and sign_off.version_id else None,
        summary_version_id=sign_off.summary_version_id if sign_off else None,
        sent_to_panel_on=sign_off.sent_to_panel_on if sign_off else None, steps=steps,
        pending=pending(session, review, sign_off), blocked_by=blocked,
        allowed_actions=SIGN_OFF.allowed_actions(principal, sign_off) if sign_off else [])


def sent_to_panel_on(session: Session, review: Review) -> dt.date | None:
    sign_off = find(session, review)
    return sign_off.sent_to_panel_on if sign_off and sign_off.state == S.sent_to_panel else None
