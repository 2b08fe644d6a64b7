import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy.orm import Session

from backend.audit import service as audit
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
from backend.core.documents import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE, attachment
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, page_response, paginate
from backend.core.visibility import in_scope
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, Due
from backend.deadlines.schemas import DueDate
from backend.rapid_reviews import briefing, meeting, report, service
from backend.rapid_reviews.models import ImmediateAction, RapidReview, RapidReviewState
from backend.rapid_reviews.policy import IMMEDIATE_ACTION, RAPID_REVIEW
from backend.rapid_reviews.schemas import (
    CommentCreate,
    CommentRead,
    ImmediateActionComplete,
    ImmediateActionCreate,
    ImmediateActionRead,
    LearningBriefingRead,
    LearningBriefingUpdate,
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
    PanelResponse,
    PanelSubmission,
    RapidReviewPartnerPosition,
    RapidReviewRead,
    RapidReviewRecommendationCreate,
    RapidReviewReportRead,
    RapidReviewSummary,
)

router = APIRouter(prefix="/api/v1/rapid-reviews", tags=["rapid reviews"], responses=PROBLEM_RESPONSES)
Id = uuid.UUID
# Every route under /{rapid_review_id} reaches the rapid review through this: one the caller may not see is a 404.
RapidReviewInScope = Annotated[RapidReview, in_scope(service.get_rapid_review, "rapid_review_id",
                                                     P.rapid_reviews_read)]


def _step(name: str) -> Any:
    """The caller, checked at the edge for the permission the table gives the step (its state is checked after)."""
    return Requires(RAPID_REVIEW.steps[name].permission)


def _action(principal: Principal, action: ImmediateAction, due: Deadline | Due | None,
            today: dt.date) -> ImmediateActionRead:
    return ImmediateActionRead.model_validate(action).model_copy(update={
        "due": DueDate.of(due, today), "allowed_actions": meeting.allowed_actions(principal, action)})


def _read(session: Session, principal: Principal, rapid_review: RapidReview, response: Response) -> RapidReviewRead:
    """The rapid review with its meeting and actions; `ETag` is its version (the meeting's changes count)."""
    set_etag(response, rapid_review)
    today = clock.today()
    held = meeting.meeting_of(session, rapid_review.id)
    actions = meeting.actions_of(session, rapid_review.id)
    action_due = deadlines.for_subjects(session, meeting.ACTION_DEADLINE, [a.id for a in actions])
    panel = deadlines.find(session, service.PANEL_DEADLINE, rapid_review.id)
    timeliness = service.panel_timeliness(session, [rapid_review], {rapid_review.id: panel} if panel else {}, today)
    partner_positions, outstanding = service.positions(session, rapid_review)
    return RapidReviewRead(
        **RapidReviewSummary.model_validate(rapid_review).model_dump(exclude={"due", "panel_timeliness"}),
        due=DueDate.of(panel, today), panel_timeliness=timeliness[rapid_review.id],
        meeting=MeetingRead.model_validate(held) if held else None,
        immediate_actions=[_action(principal, a, action_due.get(a.id), today) for a in actions],
        recommendation_rationale=rapid_review.recommendation_rationale,
        learning_mechanisms=list(rapid_review.learning_mechanisms or []),
        decision_comments=rapid_review.decision_comments, decided_on=rapid_review.decided_on,
        decided_by_name=rapid_review.decided_by_name, sent_to_panel_on=rapid_review.sent_to_panel_on,
        panel_agrees=rapid_review.panel_agrees, panel_responded_on=rapid_review.panel_responded_on,
        panel_comments=rapid_review.panel_comments,
        comments=[CommentRead.model_validate(c) for c in service.comments_of(session, rapid_review.id)],
        partner_positions=partner_positions, decision_outstanding_from=outstanding,
        allowed_actions=service.allowed_actions(principal, rapid_review),
    )


@router.get("", response_model=Page[RapidReviewSummary])
def list_rapid_reviews(
    session: DbSession,
    principal: Annotated[Principal, Requires(P.rapid_reviews_read)],
    page: Annotated[PageParams, Depends(page_params)],
    state: RapidReviewState | None = None,
    agency_id: uuid.UUID | None = None,
    overdue: Annotated[bool | None, Query(description="Report to the Panel past its 15 working days")] = None,
    source_id: Annotated[uuid.UUID | None, Query(
        description="Only the rapid review opened by this referral or serious incident notification")] = None,
) -> Response:
    """Rapid reviews the caller may see (an agency sees those it is involved in), most recent first."""
    rows, total = paginate(session, service.list_rapid_reviews(principal, state=state, agency_id=agency_id,
                                                               overdue=overdue, source_id=source_id), page)
    due = deadlines.for_subjects(session, service.PANEL_DEADLINE, [r.id for r in rows])
    today = clock.today()
    timeliness = service.panel_timeliness(session, rows, due, today)
    items = [RapidReviewSummary.model_validate(r).model_copy(update={
        "due": DueDate.of(due.get(r.id), today), "panel_timeliness": timeliness[r.id]}) for r in rows]
    return page_response(RapidReviewSummary, items, total, page)


@router.get("/{rapid_review_id}", response_model=RapidReviewRead, responses=VERSIONED_READ)
def read_rapid_review(session: DbSession, principal: Annotated[Principal, Requires(P.rapid_reviews_read)],
                      rapid_review: RapidReviewInScope, response: Response) -> RapidReviewRead:
    """One rapid review with its meeting, immediate actions, the three safeguarding partners' positions and their
    decision, the Panel's response and comments.
    `allowed_actions` names every step you may take on it now."""
    return _read(session, principal, rapid_review, response)


@router.get("/{rapid_review_id}/timeline", response_model=list[TimelineEntry])
def rapid_review_timeline(session: DbSession, principal: CurrentPrincipal,
                          rapid_review: RapidReviewInScope) -> list[TimelineEntry]:
    """What happened to this rapid review, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e)
            for e in audit.timeline(session, "rapid_review", rapid_review.id, principal)]


@router.post("/{rapid_review_id}/meeting", response_model=RapidReviewRead, status_code=status.HTTP_201_CREATED,
             responses=VERSIONED_CREATE)
def record_meeting(
    session: DbSession, principal: Annotated[Principal, _step("record_meeting")],
    rapid_review: RapidReviewInScope, data: MeetingCreate, response: Response,
) -> RapidReviewRead:
    """Record the rapid review meeting (business office): facts reviewed, whether immediate action is needed
    for children's safety (each action becomes a deadline for its agency) and the immediate learning."""
    return _read(session, principal, meeting.record_meeting(session, principal, rapid_review, data), response)


@router.patch("/{rapid_review_id}/meeting", response_model=RapidReviewRead,
              responses=VERSIONED_EDIT)
def update_meeting(session: DbSession, principal: Annotated[Principal, _step("correct_meeting")],
                   rapid_review: RapidReviewInScope,
                   data: MeetingUpdate, if_match: IfMatch, response: Response) -> RapidReviewRead:
    """Correct the meeting record until the recommendation is made (`correct_meeting`). Send the rapid review's
    `ETag` as `If-Match`: without it 428; if the rapid review has changed since you read it, 412."""
    return _read(session, principal, meeting.update_meeting(session, principal, rapid_review, data, if_match),
                 response)


@router.post("/{rapid_review_id}/immediate-actions", response_model=ImmediateActionRead,
             status_code=status.HTTP_201_CREATED)
def add_immediate_action(session: DbSession, principal: Annotated[Principal, _step("add_immediate_action")],
                         rapid_review: RapidReviewInScope,
                         data: ImmediateActionCreate) -> ImmediateActionRead:
    """Add an immediate action for children's safety, owned by one agency, with its due date."""
    action = meeting.add_immediate_action(session, principal, rapid_review, data)
    return _action(principal, action, deadlines.find(session, meeting.ACTION_DEADLINE, action.id), clock.today())


@router.post("/{rapid_review_id}/immediate-actions/{action_id}/complete", response_model=ImmediateActionRead)
def complete_immediate_action(
    session: DbSession, principal: Annotated[Principal, Requires(IMMEDIATE_ACTION.steps["complete"].permission)],
    rapid_review: RapidReviewInScope, action_id: Id, data: ImmediateActionComplete,
) -> ImmediateActionRead:
    """The owning agency (or the business office) records the action done; its deadline is met. An action of
    another rapid review is not found here."""
    action = meeting.complete_immediate_action(session, principal, rapid_review, action_id, data)
    return _action(principal, action, deadlines.find(session, meeting.ACTION_DEADLINE, action.id), clock.today())


@router.post("/{rapid_review_id}/recommendation", response_model=RapidReviewRead, responses=VERSIONED_STEP)
def make_recommendation(
    session: DbSession, principal: Annotated[Principal, _step("make_recommendation")],
    rapid_review: RapidReviewInScope, data: RapidReviewRecommendationCreate, if_match: OptionalIfMatch,
    response: Response,
) -> RapidReviewRead:
    """The meeting's recommendation: a local review, none (naming how the learning is taken forward),
    or a referral for a national review. Send the rapid review's `ETag` as `If-Match` so the recommendation is
    made on the meeting record you read: if it has been corrected since, 412 and nothing changes."""
    return _read(session, principal,
                 service.make_recommendation(session, principal, rapid_review, data, if_match), response)


@router.post("/{rapid_review_id}/partner-positions", response_model=RapidReviewRead, responses=VERSIONED_STEP)
def record_partner_position(
    session: DbSession, principal: Annotated[Principal, _step("record_partner_position")],
    rapid_review: RapidReviewInScope, data: RapidReviewPartnerPosition, if_match: OptionalIfMatch,
    response: Response,
) -> RapidReviewRead:
    """Record (or change) your safeguarding partner's position on the meeting's recommendation: a lead or delegated
    safeguarding partner of the local authority, the integrated care board or the police only (anyone else 403). A
    position other than the recommendation needs `reasons` (422). The decision stands when all three partners have
    recorded theirs: the majority of the three; a decision to hold a review opens the review and its six months.
    Until then each partner may change its own. Send the rapid review's `ETag` as `If-Match` so the position is on
    the recommendation you read: if the rapid review has changed since, 412 and nothing changes."""
    return _read(session, principal,
                 service.record_partner_position(session, principal, rapid_review, data, if_match), response)


@router.post("/{rapid_review_id}/panel-submission", response_model=RapidReviewRead, responses=VERSIONED_READ)
def send_to_panel(
    session: DbSession, principal: Annotated[Principal, _step("send_to_panel")],
    rapid_review: RapidReviewInScope, data: PanelSubmission, response: Response,
) -> RapidReviewRead:
    """Record the day the rapid review report went to the National Panel (meets the 15 working day deadline)."""
    return _read(session, principal, service.send_to_panel(session, principal, rapid_review, data), response)


@router.post("/{rapid_review_id}/panel-response", response_model=RapidReviewRead, responses=VERSIONED_READ)
def record_panel_response(
    session: DbSession, principal: Annotated[Principal, _step("record_panel_response")],
    rapid_review: RapidReviewInScope, data: PanelResponse, response: Response,
) -> RapidReviewRead:
    """Record whether the National Panel agrees with the partnership's decision."""
    return _read(session, principal, service.record_panel_response(session, principal, rapid_review, data), response)


@router.post("/{rapid_review_id}/comments", response_model=CommentRead, status_code=status.HTTP_201_CREATED)
def add_comment(session: DbSession, principal: Annotated[Principal, _step("comment")],
                rapid_review: RapidReviewInScope, data: CommentCreate) -> CommentRead:
    """The independent scrutineer's comment on the rapid review and its decision."""
    return CommentRead.model_validate(service.add_comment(session, principal, rapid_review, data))


@router.get("/{rapid_review_id}/learning-briefing", response_model=LearningBriefingRead, responses=VERSIONED_READ)
def read_learning_briefing(session: DbSession, rapid_review: RapidReviewInScope,
                           response: Response) -> LearningBriefingRead:
    """The 6 step learning briefing written for every rapid review, whichever way it is decided."""
    document = briefing.briefing_of(session, rapid_review)
    set_etag(response, document)
    return briefing.read(rapid_review, document)


@router.put("/{rapid_review_id}/learning-briefing", response_model=LearningBriefingRead,
            responses=VERSIONED_EDIT)
def update_learning_briefing(session: DbSession, principal: Annotated[Principal, _step("edit_briefing")],
                             rapid_review: RapidReviewInScope,
                             data: LearningBriefingUpdate, if_match: IfMatch, response: Response
                             ) -> LearningBriefingRead:
    """Edit the briefing's sections (`edit_briefing`). It is anonymised: text naming a notified child or their
    address is refused. Send the briefing's `ETag` as `If-Match`: without it 428; if someone saved it since you
    read it, 412."""
    document = briefing.update_briefing(session, principal, rapid_review, data, if_match)
    set_etag(response, document)
    return briefing.read(rapid_review, document)


@router.get("/{rapid_review_id}/learning-briefing.md", response_class=Response,
            responses={200: {"content": {"text/markdown": {}}, "description": "The briefing as Markdown"}})
def download_learning_briefing_markdown(session: DbSession, rapid_review: RapidReviewInScope) -> Response:
    """Download the learning briefing as Markdown for the partnership's website or newsletter."""
    document = briefing.briefing_of(session, rapid_review)
    return Response(briefing.render_markdown(rapid_review, document), media_type="text/markdown; charset=utf-8",
                    headers=attachment("learning-briefing", rapid_review.child_reference, "md"))


@router.get("/{rapid_review_id}/learning-briefing.docx", response_class=Response,
            responses={200: {"content": {briefing.DOCX_MEDIA_TYPE: {}}, "description": "The briefing as Word"}})
def download_learning_briefing_docx(session: DbSession, rapid_review: RapidReviewInScope) -> Response:
    """Download the learning briefing as a Word document for team meetings."""
    document = briefing.briefing_of(session, rapid_review)
    return Response(briefing.render_docx(rapid_review, document), media_type=briefing.DOCX_MEDIA_TYPE,
                    headers=attachment("learning-briefing", rapid_review.child_reference, "docx"))


@router.get("/{rapid_review_id}/report", response_model=RapidReviewReportRead)
def preview_report(session: DbSession, principal: Annotated[Principal, Requires(P.rapid_reviews_report)],
                   rapid_review: RapidReviewInScope) -> RapidReviewReportRead:
    """The rapid review report to the National Panel as it would be generated now, section by section in the
    Panel's structure: what is still to be completed, and the anonymisation check's findings (an identifying one
    refuses the download until the record it comes from is corrected)."""
    return report.as_read(session, principal, rapid_review)


_REFUSED: dict[int | str, dict[str, Any]] = {409: {
    "description": "The report identifies the child: the problem names each section and what was found there"}}


@router.get("/{rapid_review_id}/report.docx", response_class=Response,
            responses={200: {"content": {DOCX_MEDIA_TYPE: {}}, "description": "The report as Word"}, **_REFUSED})
def download_report_docx(session: DbSession, principal: Annotated[Principal, Requires(P.rapid_reviews_report)],
                         rapid_review: RapidReviewInScope) -> Response:
    """Generate the rapid review report for the National Panel as a Word document (audited). Refused (409) while the
    anonymisation check finds anything in it that identifies the child."""
    return Response(report.download(session, principal, rapid_review, report.ReportFormat.docx),
                    media_type=DOCX_MEDIA_TYPE,
                    headers=attachment("rapid-review-report", rapid_review.child_reference, "docx"))


@router.get("/{rapid_review_id}/report.pdf", response_class=Response,
            responses={200: {"content": {PDF_MEDIA_TYPE: {}}, "description": "The report as PDF"}, **_REFUSED})
def download_report_pdf(session: DbSession, principal: Annotated[Principal, Requires(P.rapid_reviews_report)],
                        rapid_review: RapidReviewInScope) -> Response:
    """The same report as PDF (audited); refused (409) while it identifies the child."""
    return Response(report.download(session, principal, rapid_review, report.ReportFormat.pdf),
                    media_type=PDF_MEDIA_TYPE,
                    headers=attachment("rapid-review-report", rapid_review.child_reference, "pdf"))
