"""Referrals: drafting, sign-off, consideration and decision, each step checked against `policy.RULES`."""

import secrets
import string
import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, load_only

from backend.audit import service as audit
from backend.audit.models import AuditEvent
from backend.calendar.service import get_calendar
from backend.cases import service as cases
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version, check_version_if_sent
from backend.core.domain_events import publish
from backend.core.errors import Forbidden, Invalid, InvalidTransition, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity.models import Agency
from backend.referrals import form
from backend.referrals.events import (
    ReferralDecided,
    ReferralReturned,
    ReferralSignOffDeclined,
    ReferralSignOffRequested,
    ReferralSubmitted,
)
from backend.referrals.models import Referral
from backend.referrals.policy import (
    REVIEW_LABELS,
    RULES,
    ReferralAction,
    ReferralState,
    Rule,
    allowed_from,
    refusal,
    visible_clause,
)
from backend.referrals.schemas import (
    DecisionCreate,
    Reasons,
    RecommendationCreate,
    ReferralCreate,
    ReferralUpdate,
    SignOff,
    StartConsideration,
)

ENTITY = "referral"
DECISION_DEADLINE = DeadlineKind.referral_decision
# Until signed off the referral is the agency's own (policy.AGENCY_ONLY_STATES), and so is this deadline.
SIGN_OFF_DEADLINE = deadlines.keep_within_agency(DeadlineKind.referral_sign_off)
DECISION_WORKING_DAYS = 15
SIGN_OFF_WORKING_DAYS = 2

A, S = ReferralAction, ReferralState


def search(
    principal: Principal,
    *,
    state: ReferralState | None = None,
    agency_id: uuid.UUID | None = None,
    overdue: bool | None = None,
) -> Select[Referral]:
    """The referrals the caller may see, most recently changed first."""
    # A list shows the child reference only, so the form's boxes are never even loaded for it.
    summary = load_only(Referral.agency_id, Referral.state, Referral.case_id, Referral.review_type_requested,
                        Referral.submitted_to_business_office_on, Referral.created_at, Referral.updated_at)
    stmt = (select(Referral).options(summary, joinedload(Referral.agency))
            .where(visible_clause(principal, Referral.agency_id, Referral.state)))
    if state is not None:
        stmt = stmt.where(Referral.state == state)
    if agency_id is not None:
        stmt = stmt.where(Referral.agency_id == agency_id)
    if overdue is not None:
        stmt = stmt.where(deadlines.overdue_filter(DECISION_DEADLINE, Referral.id, overdue))
    return stmt.order_by(Referral.updated_at.desc(), Referral.id)


def get(session: Session, principal: Principal, referral_id: uuid.UUID, *, for_update: bool = False) -> Referral:
    """One referral, if the caller may see it (and that read is in the case's access log); otherwise 404, whether
    or not it exists."""
    stmt = select(Referral).where(Referral.id == referral_id,
                                  visible_clause(principal, Referral.agency_id, Referral.state))
    if for_update:
        # Two managers signing off at once must not both succeed.
        stmt = stmt.with_for_update(of=Referral)
    referral = session.scalar(stmt)
    if referral is None:
        raise NotFound("No such referral.")
    note_read(session, principal, referral.case_id, ENTITY, referral.id)
    return referral


def authorize(principal: Principal, referral: Referral, action: ReferralAction) -> Rule:
    """403 when this caller may not take the action at all, 409 when the referral's state forbids it."""
    rule = RULES[action]
    reason = refusal(rule, principal, referral.agency_id, referral.referrer_signed_by_id)
    if reason is not None:
        raise Forbidden(reason)
    if referral.state not in rule.sources:
        allowed = allowed_from(referral.state)
        raise InvalidTransition(
            f"A referral that is {referral.state} cannot take `{action}`; "
            f"from {referral.state} the allowed transitions are: {', '.join(allowed) or 'none'}.",
            current_state=referral.state.value, allowed_transitions=allowed,
        )
    return rule


def create(session: Session, principal: Principal, data: ReferralCreate) -> Referral:
    if principal.agency_id is None:
        raise Forbidden("Referrals are made by an agency; your account does not belong to one.")
    _check_agencies(session, data)
    # Every referral starts a child's case; the business office may join or rename it when it considers it.
    case = cases.open_case(session, principal, data.child_reference or _provisional_reference(session))
    referral = Referral(agency_id=principal.agency_id, state=S.draft, case=case,
                        other_agencies=[], chronology=[], family_members=[])
    form.apply(referral, data)
    session.add(referral)
    session.flush()
    audit.record(session, principal, "create", ENTITY, referral.id,
                 f"Drafted a referral for {referral.child_reference}",
                 form.audit_changes({}, form.audit_view(referral)))
    return referral


def update(session: Session, principal: Principal, referral_id: uuid.UUID, data: ReferralUpdate,
           if_match: str | None) -> Referral:
    """Only an edit of the version the caller read (If-Match) is made: see core/concurrency.py."""
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.edit)
    check_version(referral, if_match)
    _check_agencies(session, data)
    before = form.audit_view(referral)
    if data.child_reference is not None:
        cases.rename(session, principal, referral.case, data.child_reference, field="body.child_reference")
    form.apply(referral, data)
    session.flush()
    audit.record(session, principal, "update", ENTITY, referral.id,
                 f"Edited the referral for {referral.child_reference}",
                 form.audit_changes(before, form.audit_view(referral)))
    return referral


def submit(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """The referrer signs and asks their senior manager to sign off; refused while any box is empty."""
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.submit)
    today = clock.today()
    missing = form.missing_boxes(referral, today)
    if missing:
        raise Invalid(f"Every box of the form must be completed before it is submitted; {len(missing)} "
                      "are empty or inconsistent.", errors=missing)
    resubmission = referral.state == S.returned
    referral.state = S.awaiting_sign_off
    referral.referrer_signed_by_id, referral.referrer_signed_on = principal.id, today
    due = get_calendar(session).add_working_days(today, SIGN_OFF_WORKING_DAYS)
    deadlines.open_deadline(
        session, kind=SIGN_OFF_DEADLINE, subject_type=SubjectType.referral, subject_id=referral.id, due_date=due,
        title=f"Sign off the referral for {deadlines.CHILD}", case_id=referral.case_id,
        link=f"/referrals/{referral.id}", owner_agency_id=referral.agency_id,
    )
    _transition(session, principal, referral, "submit",
                "Resubmitted for sign-off" if resubmission else "Submitted for sign-off by the senior manager",
                {"referrer_signed_on": today})
    publish(session, ReferralSignOffRequested(**_envelope(referral), submitted_by=principal.name,
                                              resubmission=resubmission, due_date=due))
    return referral


def sign_off(session: Session, principal: Principal, referral_id: uuid.UUID, data: SignOff,
             if_match: str | None = None) -> Referral:
    """The senior manager agrees; the request then counts as submitted to the business office.

    With If-Match, only the version the manager read is signed off: an edit since then is a 412.
    """
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.sign_off)
    check_version_if_sent(referral, if_match)
    today = clock.today()
    referral.senior_manager_name = principal.name
    if data.designation:
        referral.senior_manager_designation = data.designation
    if data.contact is not None:
        for name in data.contact.model_fields_set:
            setattr(referral, f"senior_manager_{name}", getattr(data.contact, name))
    referral.senior_manager_agreed = True
    referral.senior_manager_signed_by_id, referral.senior_manager_signed_on = principal.id, today
    referral.submitted_to_business_office_on = today
    referral.state = S.submitted
    deadlines.meet(session, SIGN_OFF_DEADLINE, referral.id)
    due = get_calendar(session).add_working_days(today, DECISION_WORKING_DAYS)
    deadlines.open_deadline(
        session, kind=DECISION_DEADLINE, subject_type=SubjectType.referral, subject_id=referral.id, due_date=due,
        title=f"Decide on the referral for {deadlines.CHILD}", case_id=referral.case_id,
        link=f"/referrals/{referral.id}", owner_role=Role.business_office,
    )
    _transition(session, principal, referral, "sign_off",
                "Signed off by the senior manager for safeguarding and submitted to the business office",
                {"senior_manager_signed_on": today, "decision_due": due})
    publish(session, ReferralSubmitted(**_envelope(referral), review_type_requested=referral.review_type_requested,
                                       submitted_on=today, decision_due=due))
    return referral


def decline_sign_off(session: Session, principal: Principal, referral_id: uuid.UUID, data: Reasons,
                     if_match: str | None = None) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.decline_sign_off)
    check_version_if_sent(referral, if_match)
    referral.state = S.draft
    referral.sign_off_declined_reasons = data.reasons
    deadlines.waive(session, SIGN_OFF_DEADLINE, referral.id, f"Sign-off declined: {data.reasons}")
    _transition(session, principal, referral, "decline_sign_off", "Sign-off declined by the senior manager",
                {"reasons": data.reasons})
    publish(session, ReferralSignOffDeclined(**_envelope(referral), reasons=data.reasons))
    return referral


def start_consideration(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: StartConsideration
) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.start_consideration)
    changes: dict[str, object] = {}
    if data.child_reference:
        # Renamed on the case: its deadlines and every other record of the case show the new reference.
        renamed = cases.rename(session, principal, referral.case, data.child_reference, field="body.child_reference")
        if renamed is not None:
            changes["child_reference"] = renamed
    referral.state = S.under_consideration
    _transition(session, principal, referral, "start_consideration", "Consideration started by the business office",
                changes)
    return referral


def return_to_referrer(session: Session, principal: Principal, referral_id: uuid.UUID, data: Reasons,
                       if_match: str | None = None) -> Referral:
    """Back to the referring agency with reasons; it must be signed off again when resubmitted."""
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.return_to_referrer)
    check_version_if_sent(referral, if_match)
    referral.state = S.returned
    referral.returned_reasons = data.reasons
    referral.senior_manager_agreed = False
    referral.senior_manager_signed_by_id = referral.senior_manager_signed_on = None
    referral.submitted_to_business_office_on = None
    deadlines.waive(session, DECISION_DEADLINE, referral.id, f"Returned to the referrer: {data.reasons}")
    _transition(session, principal, referral, "return", "Returned to the referring agency", {"reasons": data.reasons})
    publish(session, ReferralReturned(**_envelope(referral), reasons=data.reasons,
                                      referrer_user_id=referral.referrer_signed_by_id))
    return referral


def record_recommendation(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: RecommendationCreate,
    if_match: str | None = None,
) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.record_recommendation)
    check_version_if_sent(referral, if_match)
    referral.recommendation_review_recommended = data.review_recommended
    referral.recommendation_review_type = data.review_type
    referral.recommendation_comments = data.comments
    referral.recommendation_reason = data.reason
    referral.recommendation_legal_advice_sought = data.legal_advice_sought
    referral.recommended_on = data.recommended_on or clock.today()
    referral.recommended_by_id = principal.id
    referral.state = S.recommendation_made
    outcome = f"{REVIEW_LABELS[data.review_type]} recommended" if data.review_type else "no review recommended"
    _transition(session, principal, referral, "recommendation", f"Recommendation recorded: {outcome}",
                data.model_dump(exclude_none=True) | {"recommended_on": referral.recommended_on})
    return referral


def decide(session: Session, principal: Principal, referral_id: uuid.UUID, data: DecisionCreate,
           if_match: str | None = None) -> Referral:
    """The strategic partners' decision closes the referral and meets the business office's deadline.

    With If-Match, only on the version (the recommendation) the caller read: a change since then is a 412.
    """
    referral = get(session, principal, referral_id, for_update=True)
    authorize(principal, referral, A.decide)
    check_version_if_sent(referral, if_match)
    review_type = data.review_type or referral.recommendation_review_type
    if data.agreed and review_type is None:
        raise Invalid("Say which review is agreed: none was recommended.",
                      errors=[("body.review_type", "required when agreeing a review that was not recommended")])
    referral.decision_agreed = data.agreed
    referral.decision_review_type = review_type if data.agreed else None
    referral.decision_comments = data.comments
    referral.decided_on = data.decided_on or clock.today()
    referral.decided_by_id = principal.id
    referral.state = S.decided
    deadlines.meet(session, DECISION_DEADLINE, referral.id)
    _transition(session, principal, referral, "decision",
                f"Decision: {REVIEW_LABELS[review_type] + ' agreed' if data.agreed and review_type else 'no review'}",
                {"agreed": data.agreed, "review_type": referral.decision_review_type, "comments": data.comments,
                 "decided_on": referral.decided_on})
    publish(session, ReferralDecided(
        **_envelope(referral), agreed=data.agreed, review_type=referral.decision_review_type,
        recommended=referral.recommendation_review_recommended, comments=data.comments,
        decided_on=referral.decided_on, referrer_user_id=referral.referrer_signed_by_id,
        manager_user_id=referral.senior_manager_signed_by_id,
    ))
    return referral


def record_identifying_read(session: Session, principal: Principal, referral: Referral) -> None:
    audit.record(session, principal, "read_identifying", ENTITY, referral.id,
                 f"Read the identifying details on the referral for {referral.child_reference}")


def timeline(session: Session, principal: Principal, referral_id: uuid.UUID) -> list[AuditEvent]:
    """What happened to the referral; reads of identifying details stay in the access log, not here."""
    referral = get(session, principal, referral_id)
    return [e for e in audit.timeline(session, ENTITY, referral.id) if e.action != "read_identifying"]


def _transition(session: Session, principal: Principal, referral: Referral, action: str, summary: str,
                changes: dict[str, object]) -> None:
    session.flush()
    audit.record(session, principal, action, ENTITY, referral.id, f"{summary} ({referral.child_reference})",
                 {"state": referral.state} | changes)


def _envelope(referral: Referral) -> dict[str, Any]:
    """What every referral event carries: the referral, the child's reference and the referring agency."""
    return {"subject_id": referral.id, "case_id": referral.case_id, "child_reference": referral.child_reference,
            "agency_ids": (referral.agency_id,)}


def _check_agencies(session: Session, data: ReferralCreate | ReferralUpdate) -> None:
    """A row naming a partner agency by id must name one that exists; its name fills an empty box."""
    for index, row in enumerate(data.other_agencies or []):
        if row.agency_id is None:
            continue
        agency = session.get(Agency, row.agency_id)
        if agency is None:
            raise Invalid("No such agency.", errors=[(f"body.other_agencies.{index}.agency_id", "no such agency")])
        if not row.agency:
            row.agency = agency.name


def _provisional_reference(session: Session) -> str:
    """A reference until the business office assigns one: "Child" and letters, not yet used."""
    for length in (2, 2, 2, 3, 3, 3, 4):
        candidate = "Child " + "".join(secrets.choice(string.ascii_uppercase) for _ in range(length))
        if not cases.reference_taken(session, candidate):
            return candidate
    return f"Child {uuid.uuid4().hex[:8].upper()}"
