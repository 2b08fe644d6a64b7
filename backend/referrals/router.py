import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit.schemas import TimelineEntry
from backend.core import clock
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.concurrency import (
    VERSIONED_CREATE,
    VERSIONED_EDIT,
    VERSIONED_READ,
    VERSIONED_STEP,
    IfMatch,
    OptionalIfMatch,
    set_etag,
)
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, page_response, paginate
from backend.core.visibility import in_scope
from backend.deadlines import service as deadlines
from backend.deadlines.schemas import DueDate
from backend.identity.models import Agency, User
from backend.identity.schemas import AgencySummary
from backend.referrals import form, service
from backend.referrals.models import Referral
from backend.referrals.policy import ReferralState, sees_identifying_details
from backend.referrals.schemas import (
    ChildDetails,
    DecisionRead,
    PersonBlock,
    Reasons,
    ReferralCreate,
    ReferralPartnerPosition,
    ReferralRead,
    ReferralRecommendationCreate,
    ReferralRecommendationRead,
    ReferralSummary,
    ReferralUpdate,
    ReferrerRead,
    SeniorManagerRead,
    SignatureRead,
    SignOff,
    StartConsideration,
    Themes,
)

ReferralInScope = Annotated[Referral, in_scope(service.get, "referral_id", P.referrals_read)]

router = APIRouter(prefix="/api/v1/referrals", tags=["referrals"], responses=PROBLEM_RESPONSES)


def present(session: Session, principal: Principal, referral: Referral, response: Response) -> ReferralRead:
    """The whole form for this caller: identifying details only if they may see them, and that read logged.

    The `ETag` header names the version shown, for the next edit's `If-Match`.
    """
    set_etag(response, referral)
    shown = sees_identifying_details(principal, referral.agency_id)
    boxes = form.read(referral)
    if shown:
        service.record_identifying_read(session, principal, referral)
    else:
        boxes = form.redacted(boxes)
    people = {referral.referrer_signed_by_id, referral.senior_manager_signed_by_id,
              referral.recommended_by_id, referral.decided_by_id} - {None}
    names: dict[uuid.UUID | None, str] = dict(
        session.execute(select(User.id, User.name).where(User.id.in_(people))).tuples().all()) if people else {}
    agency = session.get(Agency, referral.agency_id)
    deadline = deadlines.find(session, service.DECISION_DEADLINE, referral.id)
    partner_positions, outstanding = service.positions(session, referral)
    referrer, manager = boxes.referrer or PersonBlock(), boxes.senior_manager or PersonBlock()
    return ReferralRead(
        id=referral.id, case_id=referral.case_id, child_reference=referral.child_reference, state=referral.state,
        referrer=ReferrerRead(
            **referrer.model_dump(), agency=AgencySummary.model_validate(agency),
            signature=SignatureRead(signed_by_id=referral.referrer_signed_by_id,
                                    signed_by_name=names.get(referral.referrer_signed_by_id),
                                    signed_on=referral.referrer_signed_on)),
        senior_manager=SeniorManagerRead(
            **manager.model_dump(), agreed=referral.senior_manager_agreed,
            signature=SignatureRead(signed_by_id=referral.senior_manager_signed_by_id,
                                    signed_by_name=names.get(referral.senior_manager_signed_by_id),
                                    signed_on=referral.senior_manager_signed_on)),
        submitted_to_business_office_on=referral.submitted_to_business_office_on,
        review_type_requested=referral.review_type_requested, rationale=referral.rationale,
        other_agencies=boxes.other_agencies or [], chronology=boxes.chronology or [],
        child=boxes.child or ChildDetails(),
        family_members=boxes.family_members or [], background=referral.background,
        areas_of_learning=referral.areas_of_learning, themes=boxes.themes or Themes(),
        identifying_details_shown=shown,
        sign_off_declined_reasons=referral.sign_off_declined_reasons, returned_reasons=referral.returned_reasons,
        recommendation=ReferralRecommendationRead(
            review_recommended=referral.recommendation_review_recommended,
            review_type=referral.recommendation_review_type, comments=referral.recommendation_comments or "",
            reason=referral.recommendation_reason or "",
            legal_advice_sought=bool(referral.recommendation_legal_advice_sought),
            recommended_on=referral.recommended_on, recommended_by_name=names.get(referral.recommended_by_id),
        ) if referral.recommended_on is not None and referral.recommendation_review_recommended is not None
        else None,
        decision=DecisionRead(
            agreed=referral.decision_agreed, review_type=referral.decision_review_type,
            comments=referral.decision_comments or "", decided_on=referral.decided_on,
            decided_by_name=names.get(referral.decided_by_id) if referral.decided_by_id else service.DECIDED_BY,
        ) if referral.decided_on is not None and referral.decision_agreed is not None else None,
        partner_positions=partner_positions,
        decision_outstanding_from=outstanding,
        due=DueDate.of(deadline, clock.today()),
        allowed_actions=service.allowed_actions(principal, referral),
        created_at=referral.created_at, updated_at=referral.updated_at,
    )


@router.post("", response_model=ReferralRead, status_code=201, responses=VERSIONED_CREATE)
def create_referral(session: DbSession, principal: Annotated[Principal, Requires(P.referrals_draft)],
                    data: ReferralCreate,
                    response: Response) -> ReferralRead:
    """Start a request for consideration of a review (Appendix 1) as a draft of the caller's agency.

    Boxes may be completed over several edits; a child reference is assigned when none is given.
    """
    return present(session, principal, service.create(session, principal, data), response)


@router.get("", response_model=Page[ReferralSummary])
def list_referrals(
    session: DbSession,
    principal: Annotated[Principal, Requires(P.referrals_read)],
    page: Annotated[PageParams, Depends(page_params)],
    state: ReferralState | None = None,
    agency_id: uuid.UUID | None = None,
    overdue: Annotated[bool | None, Query(description="Only referrals whose decision is past its due date")] = None,
) -> Response:
    """Referrals the caller may see, by child reference only (no identifying details in lists).

    Agencies see their own in every state; the business office, safeguarding partners and the scrutineer see
    every agency's once signed off.
    """
    rows, total = paginate(session, service.search(principal, state=state, agency_id=agency_id, overdue=overdue), page)
    due = deadlines.for_subjects(session, service.DECISION_DEADLINE, [r.id for r in rows])
    today = clock.today()
    items = [ReferralSummary(
        id=r.id, case_id=r.case_id, child_reference=r.child_reference, state=r.state,
        agency=AgencySummary.model_validate(r.agency),
        review_type_requested=r.review_type_requested,
        submitted_to_business_office_on=r.submitted_to_business_office_on,
        due=DueDate.of(due.get(r.id), today), created_at=r.created_at, updated_at=r.updated_at,
    ) for r in rows]
    return page_response(ReferralSummary, items, total, page)


@router.get("/{referral_id}", response_model=ReferralRead, responses=VERSIONED_READ)
def read_referral(session: DbSession, principal: Annotated[Principal, Requires(P.referrals_read)],
                  referral: ReferralInScope, response: Response) -> ReferralRead:
    """One referral: the whole form, its outcome (the written response) and its decision due date.

    The child's and family's identifying details are null unless the caller is the business office, a
    safeguarding partner or the referring agency; each read that shows them is written to the audit log.
    """
    return present(session, principal, referral, response)


@router.patch("/{referral_id}", response_model=ReferralRead, responses=VERSIONED_EDIT)
def update_referral(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_draft)],
    referral_id: uuid.UUID, data: ReferralUpdate,
    if_match: IfMatch, response: Response,
) -> ReferralRead:
    """Complete or correct the form while it is a draft or has been returned: only the fields sent change.

    Nested blocks (`referrer`, `child`, ...) merge; a table (`chronology`, ...) is replaced as a whole.
    Send the `ETag` you read as `If-Match`: without it 428, if the referral has changed since (an edit, or a
    step such as submit), 412; either way nothing changes.
    """
    return present(session, principal, service.update(session, principal, referral_id, data, if_match), response)


@router.delete("/{referral_id}", status_code=204, responses=VERSIONED_EDIT)
def delete_draft_referral(session: DbSession, principal: Annotated[Principal, Requires(P.referrals_draft)],
                          referral_id: uuid.UUID, if_match: IfMatch) -> Response:
    """Delete a draft your agency no longer wants (its people only), as long as the business office has never
    received it; its case goes too when nothing else is in it. The audit log records the deletion. Send the `ETag`
    you read as `If-Match`: without it 428; if the draft has changed since, 412."""
    service.delete_draft(session, principal, referral_id, if_match)
    return Response(status_code=204)


@router.post("/{referral_id}/submit", response_model=ReferralRead, responses=VERSIONED_READ)
def submit_referral(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_submit)],
    referral_id: uuid.UUID, response: Response,
) -> ReferralRead:
    """Sign as referrer and send to the agency's senior manager for safeguarding for sign-off.

    Refused (422) while any box is empty, listing every missing field path; nothing changes.
    """
    return present(session, principal, service.submit(session, principal, referral_id), response)


@router.post("/{referral_id}/sign-off", response_model=ReferralRead, responses=VERSIONED_STEP)
def sign_off_referral(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_sign_off)],
    referral_id: uuid.UUID, data: SignOff,
    if_match: OptionalIfMatch, response: Response,
) -> ReferralRead:
    """"I agree with this request": a senior manager of the same agency, not the referrer, signs and dates it.

    The referral is then submitted to the business office, whose decision is due in 15 working days.
    Send the `ETag` of the referral you read as `If-Match` so that you sign off what you read: if it has changed
    since (say the referrer edited and resubmitted it), 412 and nothing changes. Without `If-Match` the sign-off
    is made on the referral as it now is.
    """
    return present(session, principal, service.sign_off(session, principal, referral_id, data, if_match), response)


@router.post("/{referral_id}/decline-sign-off", response_model=ReferralRead, responses=VERSIONED_STEP)
def decline_sign_off(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_sign_off)],
    referral_id: uuid.UUID, data: Reasons,
    if_match: OptionalIfMatch, response: Response,
) -> ReferralRead:
    """The senior manager does not agree: the referral goes back to draft with the reasons recorded.

    With `If-Match` (the `ETag` you read), the reasons are recorded only against that version: 412 if the
    referral has changed since, and nothing changes.
    """
    return present(session, principal, service.decline_sign_off(session, principal, referral_id, data, if_match),
                   response)


@router.post("/{referral_id}/start-consideration", response_model=ReferralRead, responses=VERSIONED_READ)
def start_consideration(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_consider)], referral_id: uuid.UUID,
    response: Response, data: StartConsideration | None = None,
) -> ReferralRead:
    """The business office starts considering a submitted referral, optionally assigning the child reference."""
    return present(session, principal, service.start_consideration(
        session, principal, referral_id, data or StartConsideration()), response)


@router.post("/{referral_id}/return", response_model=ReferralRead, responses=VERSIONED_STEP)
def return_referral(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_consider)],
    referral_id: uuid.UUID, data: Reasons,
    if_match: OptionalIfMatch, response: Response,
) -> ReferralRead:
    """Return a submitted referral to the referring agency with reasons, e.g. boxes left incomplete.

    The agency edits and resubmits it, and it is signed off again; its history is kept.
    With `If-Match` (the `ETag` you read), only that version is returned: 412 if it has changed since.
    """
    return present(session, principal, service.return_to_referrer(session, principal, referral_id, data, if_match),
                   response)


@router.post("/{referral_id}/recommendation", response_model=ReferralRead, responses=VERSIONED_STEP)
def record_recommendation(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_consider)], referral_id: uuid.UUID,
    data: ReferralRecommendationCreate, if_match: OptionalIfMatch, response: Response,
) -> ReferralRead:
    """The business office records whether a review is recommended, which type, why, and if legal advice was sought.

    Send the `ETag` of the referral you read as `If-Match` so the recommendation is on what you read: 412 if it
    has changed since, and nothing changes.
    """
    return present(session, principal,
                   service.record_recommendation(session, principal, referral_id, data, if_match), response)


@router.post("/{referral_id}/partner-positions", response_model=ReferralRead, responses=VERSIONED_STEP)
def record_partner_position(
    session: DbSession, principal: Annotated[Principal, Requires(P.referrals_decide)],
    referral_id: uuid.UUID, data: ReferralPartnerPosition,
    if_match: OptionalIfMatch, response: Response,
) -> ReferralRead:
    """Record (or change) your safeguarding partner's position: is a review agreed, and which. A lead or delegated
    safeguarding partner of the local authority, the integrated care board or the police only (anyone else 403). A
    position other than the business office's recommendation needs `reasons` (422). The decision stands when all
    three partners have recorded theirs (the majority); the referrer then sees the outcome on the referral. Until
    then each partner may change its own.

    Send the `ETag` of the referral you read as `If-Match` so the position is on the recommendation you read:
    412 if the referral has changed since, and nothing changes.
    """
    return present(session, principal,
                   service.record_partner_position(session, principal, referral_id, data, if_match), response)


@router.get("/{referral_id}/timeline", response_model=list[TimelineEntry])
def referral_timeline(session: DbSession, principal: CurrentPrincipal,
                      referral: ReferralInScope) -> list[TimelineEntry]:
    """What happened to the referral and who did it, oldest first (child reference only); who read the
    child's identifying details only for the business office."""
    return [TimelineEntry.model_validate(e) for e in service.timeline(session, principal, referral)]
