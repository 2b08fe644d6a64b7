"""Referrals: drafting, sign-off, consideration and the three safeguarding partners' decision, each step checked and
taken through `policy.WORKFLOW`."""

import secrets
import string
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, load_only

from backend.audit import service as audit
from backend.audit.models import AuditEvent
from backend.calendar.service import get_calendar
from backend.cases import service as cases
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version, check_version_if_sent
from backend.core.domain_events import envelope
from backend.core.errors import Forbidden, Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity import partners
from backend.identity.models import Agency, SafeguardingPartner, User
from backend.partner_decisions import service as partner_decisions
from backend.partner_decisions.models import DecisionSubject
from backend.partner_decisions.schemas import PartnerPositionRead
from backend.referrals import form
from backend.referrals.events import (
    ReferralDecided,
    ReferralReturned,
    ReferralSignOffDeclined,
    ReferralSignOffRequested,
    ReferralSubmitted,
)
from backend.referrals.models import Referral
from backend.referrals.policy import REVIEW_LABELS, WORKFLOW, ReferralAction, ReferralState, ReviewType, visible_clause
from backend.referrals.schemas import (
    Reasons,
    ReferralCreate,
    ReferralPartnerPosition,
    ReferralRecommendationCreate,
    ReferralUpdate,
    SignOff,
    StartConsideration,
)

ENTITY = "referral"
DECISION_DEADLINE = DeadlineKind.referral_decision
# Until signed off the referral is the agency's own (policy.AGENCY_ONLY_STATES), and so is this deadline
# (deadlines/models.py AGENCY_DRAFT_KINDS).
SIGN_OFF_DEADLINE = DeadlineKind.referral_sign_off
DECISION_WORKING_DAYS = 15
SIGN_OFF_WORKING_DAYS = 2
SUBJECT = DecisionSubject.referral
POSITION_WORDS = {True: "a review agreed", False: "no review"}
DECIDED_BY = "The three safeguarding partners"

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


def create(session: Session, principal: Principal, data: ReferralCreate) -> Referral:
    if principal.agency_id is None:
        raise Forbidden("Referrals are made by an agency; your account does not belong to one.")
    _check_agencies(session, data)
    # Every referral starts a child's case; the business office may join or rename it when it considers it.
    case = (cases.open_case(session, principal, data.child_reference) if data.child_reference
            else _open_provisional_case(session, principal))
    referral = Referral(agency_id=principal.agency_id, state=S.draft, case=case,
                        other_agencies=[], chronology=[], family_members=[])
    form.apply(referral, data)
    session.add(referral)
    session.flush()
    audit.record(session, principal, "create", ENTITY, referral.id,
                 f"Drafted a referral for {referral.child_reference}",
                 form.audit_changes({}, form.audit_view(referral)))
    return referral


def delete_draft(session: Session, principal: Principal, referral_id: uuid.UUID, if_match: str | None) -> None:
    """Delete a draft the agency no longer wants: never one the business office has received. The audit log keeps
    that it existed and who deleted it; its case goes too when nothing else hangs off it."""
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.delete)
    check_version(referral, if_match)
    case = referral.case
    reference = referral.child_reference
    audit.record(session, principal, "delete", ENTITY, referral.id, f"Deleted the draft referral for {reference}",
                 {"state": referral.state})
    deadlines.remove_all_for(session, referral.id)
    session.delete(referral)
    session.flush()
    cases.close_if_empty(session, principal, case)


def update(session: Session, principal: Principal, referral_id: uuid.UUID, data: ReferralUpdate,
           if_match: str | None) -> Referral:
    """Only an edit of the version the caller read (If-Match) is made: see core/concurrency.py."""
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.edit)
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
    WORKFLOW.check(principal, referral, A.submit)
    today = clock.today()
    missing = form.missing_boxes(referral, today)
    if missing:
        raise Invalid(f"Every box of the form must be completed before it is submitted; {len(missing)} "
                      "are empty or inconsistent.", errors=missing)
    resubmission = referral.state == S.returned
    due = get_calendar(session).add_working_days(today, SIGN_OFF_WORKING_DAYS)
    deadlines.open_deadline(
        session, kind=SIGN_OFF_DEADLINE, subject_type=SubjectType.referral, subject_id=referral.id, due_date=due,
        title=f"Sign off the referral for {deadlines.CHILD}", case_id=referral.case_id,
        link=f"/referrals/{referral.id}", owner_agency_id=referral.agency_id,
    )
    WORKFLOW.take(
        session, principal, referral, A.submit, checked=True,
        summary=_summary(referral, "Resubmitted for sign-off" if resubmission
                         else "Submitted for sign-off by the senior manager"),
        apply={"referrer_signed_by_id": principal.id, "referrer_signed_on": today},
        changes={"referrer_signed_on": today},
        event=lambda: ReferralSignOffRequested(**envelope(referral, referral.agency_id), submitted_by=principal.name,
                                               resubmission=resubmission, due_date=due),
    )
    return referral


def _signing_manager_block(session: Session, principal: Principal, referral: Referral,
                           data: SignOff) -> dict[str, Any]:
    """The senior manager block as the person signing: their name always. When the form named someone else, that
    person's designation and contact details are not the signer's, so they give way to the signer's own (what the
    sign-off gives, and the e-mail address of their account)."""
    named = (referral.senior_manager_name or "").strip()
    block: dict[str, Any] = {"senior_manager_name": principal.name}
    if named and named.casefold() != principal.name.strip().casefold():
        block |= {"senior_manager_designation": None, "senior_manager_phone": None, "senior_manager_address": None,
                  "senior_manager_email": session.scalar(select(User.email).where(User.id == principal.id))}
    if data.designation:
        block["senior_manager_designation"] = data.designation
    if data.contact is not None:
        block |= {f"senior_manager_{name}": getattr(data.contact, name) for name in data.contact.model_fields_set}
    return block


def sign_off(session: Session, principal: Principal, referral_id: uuid.UUID, data: SignOff,
             if_match: str | None = None) -> Referral:
    """The senior manager agrees; the request then counts as submitted to the business office.

    With If-Match, only the version the manager read is signed off: an edit since then is a 412.
    """
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.sign_off)
    check_version_if_sent(referral, if_match)
    today = clock.today()
    signature = _signing_manager_block(session, principal, referral, data)
    named = (referral.senior_manager_name or "").strip()
    someone_else = named and named.casefold() != principal.name.strip().casefold()
    deadlines.meet(session, SIGN_OFF_DEADLINE, referral.id)
    due = get_calendar(session).add_working_days(today, DECISION_WORKING_DAYS)
    deadlines.open_deadline(
        session, kind=DECISION_DEADLINE, subject_type=SubjectType.referral, subject_id=referral.id, due_date=due,
        title=f"The safeguarding partners' decision on the referral for {deadlines.CHILD}", case_id=referral.case_id,
        link=f"/referrals/{referral.id}", owner_role=Role.business_office,
    )
    WORKFLOW.take(
        session, principal, referral, A.sign_off, checked=True,
        summary=_summary(referral, "Signed off by the senior manager for safeguarding and submitted to the "
                                   "business office" + (f" ({principal.name} signed; the form had named {named})"
                                                        if someone_else else "")),
        apply=signature | {"senior_manager_agreed": True, "senior_manager_signed_by_id": principal.id,
                           "senior_manager_signed_on": today, "submitted_to_business_office_on": today},
        changes={"senior_manager_signed_on": today, "decision_due": due}
        | ({"senior_manager_named_on_form": named} if someone_else else {}),
        event=lambda: ReferralSubmitted(**envelope(referral, referral.agency_id),
                                        review_type_requested=referral.review_type_requested,
                                        submitted_on=today, decision_due=due),
    )
    return referral


def decline_sign_off(session: Session, principal: Principal, referral_id: uuid.UUID, data: Reasons,
                     if_match: str | None = None) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.decline_sign_off)
    check_version_if_sent(referral, if_match)
    deadlines.waive(session, SIGN_OFF_DEADLINE, referral.id, f"Sign-off declined: {data.reasons}")
    WORKFLOW.take(
        session, principal, referral, A.decline_sign_off, checked=True,
        summary=_summary(referral, "Sign-off declined by the senior manager"),
        apply={"sign_off_declined_reasons": data.reasons}, changes={"reasons": data.reasons},
        event=lambda: ReferralSignOffDeclined(**envelope(referral, referral.agency_id), reasons=data.reasons),
    )
    return referral


def start_consideration(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: StartConsideration
) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.start_consideration)
    changes: dict[str, object] = {}
    if data.child_reference:
        # Renamed on the case: its deadlines and every other record of the case show the new reference.
        renamed = cases.rename(session, principal, referral.case, data.child_reference, field="body.child_reference")
        if renamed is not None:
            changes["child_reference"] = renamed
    WORKFLOW.take(session, principal, referral, A.start_consideration, checked=True,
                  summary=f"Consideration started by the business office ({referral.child_reference})",
                  changes=changes)
    return referral


def return_to_referrer(session: Session, principal: Principal, referral_id: uuid.UUID, data: Reasons,
                       if_match: str | None = None) -> Referral:
    """Back to the referring agency with reasons; it must be signed off again when resubmitted."""
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.return_to_referrer)
    check_version_if_sent(referral, if_match)
    deadlines.waive(session, DECISION_DEADLINE, referral.id, f"Returned to the referrer: {data.reasons}")
    WORKFLOW.take(
        session, principal, referral, A.return_to_referrer, checked=True,
        summary=_summary(referral, "Returned to the referring agency"),
        apply={"returned_reasons": data.reasons, "senior_manager_agreed": False, "senior_manager_signed_by_id": None,
               "senior_manager_signed_on": None, "submitted_to_business_office_on": None},
        changes={"reasons": data.reasons},
        event=lambda: ReferralReturned(**envelope(referral, referral.agency_id), reasons=data.reasons,
                                       referrer_user_id=referral.referrer_signed_by_id),
    )
    return referral


def record_recommendation(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: ReferralRecommendationCreate,
    if_match: str | None = None,
) -> Referral:
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.record_recommendation)
    check_version_if_sent(referral, if_match)
    recommended_on = data.recommended_on or clock.today()
    outcome = f"{REVIEW_LABELS[data.review_type]} recommended" if data.review_type else "no review recommended"
    WORKFLOW.take(
        session, principal, referral, A.record_recommendation, checked=True,
        summary=_summary(referral, f"Recommendation recorded: {outcome}"),
        apply={"recommendation_review_recommended": data.review_recommended,
               "recommendation_review_type": data.review_type, "recommendation_comments": data.comments,
               "recommendation_reason": data.reason, "recommendation_legal_advice_sought": data.legal_advice_sought,
               "recommended_on": recommended_on, "recommended_by_id": principal.id},
        changes=data.model_dump(exclude_none=True) | {"recommended_on": recommended_on},
    )
    # Each safeguarding partner's position is due by the business office's decision deadline, on its dashboard.
    decision_due = deadlines.find(session, DECISION_DEADLINE, referral.id)
    partner_decisions.open_deadlines(
        session, SUBJECT, referral.id, referral.case_id,
        due_date=decision_due.due_date if decision_due else get_calendar(session).add_working_days(
            clock.today(), DECISION_WORKING_DAYS),
        what=f"the referral for {deadlines.CHILD}", link=f"/referrals/{referral.id}")
    return referral


def record_partner_position(session: Session, principal: Principal, referral_id: uuid.UUID,
                            data: ReferralPartnerPosition, if_match: str | None = None) -> Referral:
    """The caller's safeguarding partner's position: is a review agreed, and which (partner_decisions/service.py).

    A position other than the business office's recommendation (review or not, and the type) needs reasons. When the
    third partner's is recorded the decision stands: agreed if most partners agree, the review type the one most of
    the agreeing partners named (the recommended type on a tie), decided on the day the last position was reached;
    the business office's decision deadline is met and `ReferralDecided` published, once. With If-Match, only on the
    version (the recommendation) the caller read: a change since then is a 412.
    """
    referral = get(session, principal, referral_id, for_update=True)
    WORKFLOW.check(principal, referral, A.record_partner_position)
    check_version_if_sent(referral, if_match)
    recommended_type = referral.recommendation_review_type
    review_type = (data.review_type or recommended_type) if data.agreed else None
    if data.agreed and review_type is None:
        raise Invalid("Say which review is agreed: none was recommended.",
                      errors=[("body.review_type", "required when agreeing a review that was not recommended")])
    agrees = (data.agreed == bool(referral.recommendation_review_recommended)
              and (not data.agreed or review_type == recommended_type))
    position, changes, tally = partner_decisions.record(
        session, principal, SUBJECT, referral.id, referral.case_id, partner_decisions.Proposed(
            for_review=data.agreed, review_type=review_type, agrees_with_recommendation=agrees, reasons=data.reasons,
            recorded_on=data.recorded_on, partner=data.partner))
    stance = "agreeing with" if agrees else "disagreeing with"
    what = f"{REVIEW_LABELS[review_type]} agreed" if review_type else "no review"
    summary = _summary(referral, f"{principal.name} recorded {partners.label(position.partner)}'s position: {what}, "
                                 f"{stance} the business office's recommendation")
    if not tally.stands:
        WORKFLOW.take(session, principal, referral, A.record_partner_position, checked=True, summary=summary,
                      changes=changes)
        return referral
    agreed, decided_on, comments = tally.for_review, tally.decided_on, tally.summary(POSITION_WORDS)
    agreed_type = (_agreed_type([p.review_type for p in tally.positions if p.for_review], recommended_type)
                   if agreed else None)
    outcome = f"{REVIEW_LABELS[agreed_type]} agreed" if agreed_type else "no review"
    deadlines.meet(session, DECISION_DEADLINE, referral.id)
    WORKFLOW.take(
        session, principal, referral, A.record_partner_position, checked=True,
        summary=f"{summary}. All three safeguarding partners have recorded theirs. Decision: {outcome}",
        complete=True, apply={"decision_agreed": agreed, "decision_review_type": agreed_type,
               "decision_comments": comments, "decided_on": decided_on, "decided_by_id": None},
        changes=changes | {"decision": {"agreed": agreed, "review_type": agreed_type, "decided_on": decided_on}},
        event=lambda: ReferralDecided(
            **envelope(referral, referral.agency_id), agreed=agreed, review_type=referral.decision_review_type,
            recommended=referral.recommendation_review_recommended, comments=comments,
            decided_on=decided_on, referrer_user_id=referral.referrer_signed_by_id,
            manager_user_id=referral.senior_manager_signed_by_id,
        ),
    )
    return referral


def _agreed_type(named: list[str | None], recommended: ReviewType | None) -> ReviewType:
    """The review most of the agreeing partners named; on a tie the recommended one (else the fuller review)."""
    counts = Counter(ReviewType(t) for t in named if t)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return recommended or ReviewType.cspr
    return ranked[0][0] if ranked else (recommended or ReviewType.cspr)


def positions(session: Session, referral: Referral) -> tuple[list[PartnerPositionRead], list[SafeguardingPartner]]:
    """Each partner's position (or null) and the partners still to record, for a read."""
    return partner_decisions.read(session, SUBJECT, referral.id, awaiting=referral.state == S.recommendation_made)


def allowed_actions(principal: Principal, referral: Referral) -> list[str]:
    """The steps this caller may take on this referral now: the buttons a screen shows."""
    return WORKFLOW.allowed_actions(principal, referral)


def record_identifying_read(session: Session, principal: Principal, referral: Referral) -> None:
    audit.record_identifying_read(session, principal, ENTITY, referral.id,
                 f"Read the identifying details on the referral for {referral.child_reference}")


def timeline(session: Session, viewer: Principal, referral: Referral) -> list[AuditEvent]:
    """What happened to the referral; reads of identifying details for the business office only."""
    return audit.timeline(session, ENTITY, referral.id, viewer)


def _summary(referral: Referral, what: str) -> str:
    return f"{what} ({referral.child_reference})"


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


def _open_provisional_case(session: Session, principal: Principal) -> Case:
    """A case under a provisional reference. Two drafts started at the same moment can still draw the same letters
    (each checked them free before either wrote): the second's insert then fails on the unique reference, inside a
    savepoint, and it draws again instead of answering 500."""
    for _ in range(3):
        try:
            with session.begin_nested():
                return cases.open_case(session, principal, _provisional_reference(session))
        except IntegrityError:
            continue
    return cases.open_case(session, principal, _provisional_reference(session))  # a fourth failure is not a race


def _provisional_reference(session: Session) -> str:
    """A reference until the business office assigns one: "Child" and letters, not yet used. Four letters at least:
    with two, drafts made at the same moment by several agencies drew the same one (a unique violation, 500)."""
    for length in (4, 4, 4, 5, 5, 6):
        candidate = "Child " + "".join(secrets.choice(string.ascii_uppercase) for _ in range(length))
        if not cases.reference_taken(session, candidate):
            return candidate
    return f"Child {uuid.uuid4().hex[:8].upper()}"
