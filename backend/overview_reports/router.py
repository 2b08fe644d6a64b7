import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Query, Response, status

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.admission import LARGE_ANSWER
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES, Invalid
from backend.core.responses import serialised
from backend.core.visibility import in_scope
from backend.overview_reports import findings, service
from backend.overview_reports import publication as publishing
from backend.overview_reports import sign_off as chain
from backend.overview_reports.models import ReportDocument, VersionSource
from backend.overview_reports.schemas import (
    AcceptanceRead,
    AcceptFinding,
    CommentAnswer,
    DelayNotice,
    DiffRead,
    DocxUpload,
    DraftRead,
    DraftSave,
    OverviewReportRead,
    PublicationPlan,
    PublicationRead,
    ReportCommentCreate,
    ReportCommentRead,
    SignOffRead,
    SignOffStepTake,
    VersionRead,
    VersionShare,
)
from backend.reviews.models import Review
from backend.reviews.service import get_review

router = APIRouter(prefix="/api/v1/reviews/{review_id}", tags=["overview reports"], responses=PROBLEM_RESPONSES)
ReviewOfReport = Annotated[Review, in_scope(get_review, "review_id", P.reports_read)]
Reader = Annotated[Principal, Requires(P.reports_read)]
Writer = Annotated[Principal, Requires(P.reports_write)]
Commenter = Annotated[Principal, Requires(P.reports_comment)]
Manager = Annotated[Principal, Requires(P.reports_manage)]
MAX_DOCX_BYTES = 20 * 1024 * 1024


@router.get("/overview-report", response_model=OverviewReportRead)
def read_overview_report(session: DbSession, principal: Reader, review: ReviewOfReport) -> Response:
    """The overview report and executive summary: every version shared (with its unresolved anonymisation
    findings and open comments), and the draft for the lead reviewer."""
    return serialised(service.as_read(session, principal, review))


@router.get("/overview-report/drafts/{document}", response_model=DraftRead, responses=VERSIONED_READ)
def read_draft(session: DbSession, principal: Writer, review: ReviewOfReport, document: ReportDocument,
               response: Response) -> DraftRead:
    """The lead reviewer's draft with its anonymisation findings; `ETag` for the next save's `If-Match`."""
    draft = service.get_draft(session, principal, review, document)
    set_etag(response, draft)
    return service.draft_read(session, draft)


@router.put("/overview-report/drafts/{document}", response_model=DraftRead, responses=VERSIONED_EDIT)
def save_draft(session: DbSession, principal: Writer, review: ReviewOfReport, document: ReportDocument,
               data: DraftSave, if_match: IfMatch, response: Response) -> DraftRead:
    """Save the draft (lead reviewer). The first save starts it; after that send the `ETag` you read as
    `If-Match` (428 without it, 412 if it changed since)."""
    draft = service.save_draft(session, principal, review, document, data.text, if_match)
    set_etag(response, draft)
    return service.draft_read(session, draft)


@router.post("/overview-report/drafts/{document}/upload", response_model=DraftRead, responses=VERSIONED_EDIT)
def upload_draft(session: DbSession, principal: Writer, review: ReviewOfReport, document: ReportDocument,
                 upload: Annotated[DocxUpload, Form(media_type="multipart/form-data")],
                 if_match: IfMatch, response: Response) -> DraftRead:
    """Replace the draft with the text of a Word document, so it can be checked and compared (If-Match as for
    saving)."""
    file = upload.file
    data = file.file.read(MAX_DOCX_BYTES + 1)
    if len(data) > MAX_DOCX_BYTES:
        raise Invalid("The file must be smaller than 20 MB.", errors=[("body.file", "Choose a smaller file")])
    text = service.text_of_docx(data)
    draft = service.save_draft(session, principal, review, document, text, if_match, source=VersionSource.docx,
                               file_name=(file.filename or "report.docx")[:255])
    set_etag(response, draft)
    return service.draft_read(session, draft)


@router.post("/overview-report/versions", response_model=VersionRead, status_code=status.HTTP_201_CREATED)
def share_version(session: DbSession, principal: Writer, review: ReviewOfReport, data: VersionShare) -> VersionRead:
    """Share the draft with the review group as a new version, never changed afterwards. Once sign-off has
    begun, `restart_reason` is required and the sign-off restarts from the review group's agreement."""
    return service.version_read(session, principal, service.share_version(session, principal, review, data))


@router.get("/overview-report/versions/{version_id}", response_model=VersionRead, dependencies=[LARGE_ANSWER])
def read_version(session: DbSession, principal: Reader, review: ReviewOfReport, version_id: uuid.UUID
                 ) -> Response:
    """One version: its text, paragraphs and anonymisation findings (position, kind, why; and whether the
    business office accepted it)."""
    return serialised(service.version_read(session, principal,
                                           service.counted_version(session, principal, review, version_id)))


@router.get("/overview-report/diff", response_model=DiffRead, dependencies=[LARGE_ANSWER])
def compare_versions(session: DbSession, principal: Reader, review: ReviewOfReport,
                     left: Annotated[uuid.UUID, Query(description="The earlier version")],
                     right: Annotated[uuid.UUID, Query(description="The later version")]) -> Response:
    """Two versions side by side, paragraph by paragraph, with the words deleted from the left and inserted in
    the right marked."""
    return serialised(service.diff(session, principal, review, left, right))


@router.post("/overview-report/findings/accept", response_model=AcceptanceRead, status_code=status.HTTP_201_CREATED)
def accept_finding(session: DbSession, principal: Manager, review: ReviewOfReport,
                   data: AcceptFinding) -> AcceptanceRead:
    """Accept an anonymisation finding with the reason (business office): the same words of the same kind stop
    blocking sign-off and publication in every version. Audited, without the words themselves."""
    return AcceptanceRead.model_validate(findings.accept(session, principal, review, data.key, data.reason))


@router.get("/overview-report/versions/{version_id}/comments", response_model=list[ReportCommentRead])
def list_comments(session: DbSession, principal: Reader, review: ReviewOfReport,
                  version_id: uuid.UUID) -> list[ReportCommentRead]:
    """The comment threads on a version, oldest first, each with its answers."""
    return service.comment_threads(session, principal, service.get_version(session, principal, review, version_id))


@router.post("/overview-report/versions/{version_id}/comments", response_model=ReportCommentRead,
             status_code=status.HTTP_201_CREATED)
def add_comment(session: DbSession, principal: Commenter, review: ReviewOfReport, version_id: uuid.UUID,
                data: ReportCommentCreate) -> ReportCommentRead:
    """Comment on a version, optionally on one paragraph. The scrutineer marks their review of the first draft
    with `scrutineer_review`."""
    version = service.get_version(session, principal, review, version_id)
    comment = service.add_comment(session, principal, review, version, data.body, data.paragraph,
                                  data.scrutineer_review)
    return service.comment_read(principal, comment)


@router.post("/overview-report/comments/{comment_id}/answers", response_model=ReportCommentRead,
             status_code=status.HTTP_201_CREATED)
def answer_comment(session: DbSession, principal: Commenter, review: ReviewOfReport, comment_id: uuid.UUID,
                   data: CommentAnswer) -> ReportCommentRead:
    """Answer a comment; the thread comes back with the answer."""
    comment = service.get_comment(session, principal, review, comment_id)
    service.answer_comment(session, principal, review, comment, data.body)
    return service.thread_read(session, principal, comment)


@router.post("/overview-report/comments/{comment_id}/resolve", response_model=ReportCommentRead)
def resolve_comment(session: DbSession, principal: Commenter, review: ReviewOfReport,
                    comment_id: uuid.UUID) -> ReportCommentRead:
    """Resolve a comment (the lead reviewer or the business office)."""
    comment = service.get_comment(session, principal, review, comment_id)
    service.resolve_comment(session, principal, review, comment)
    return service.thread_read(session, principal, comment)


@router.get("/sign-off", response_model=SignOffRead)
def read_sign_off(session: DbSession, principal: Reader, review: ReviewOfReport) -> SignOffRead:
    """The sign-off chain: every step taken (who, when, on which version; invalidated ones kept with the reason),
    what is awaited next and by when, and what stops it."""
    return chain.as_read(session, principal, review)


@router.post("/sign-off/steps", response_model=SignOffRead)
def take_sign_off_step(session: DbSession, principal: Reader, review: ReviewOfReport,
                       data: SignOffStepTake) -> SignOffRead:
    """Record a step: `review_group` and `sub_group` (business office), `local_authority`,
    `integrated_care_board` and `police` (a lead or delegate of that safeguarding partner's agency), `national_panel`
    (business office). A skipped step or a version other than the one agreed before answers 409; so does any
    unresolved anonymisation finding."""
    chain.take_step(session, principal, review, data)
    return chain.as_read(session, principal, review)


@router.get("/publication", response_model=PublicationRead, responses=VERSIONED_READ)
def read_publication(session: DbSession, principal: Reader, review: ReviewOfReport,
                     response: Response) -> PublicationRead:
    """The publication plan and its checklist: each item done or what is outstanding."""
    publication = publishing.find(session, review)
    if publication is not None:
        set_etag(response, publication)
    return publishing.as_read(session, principal, review)


@router.patch("/publication", response_model=PublicationRead, responses=VERSIONED_EDIT)
def plan_publication(session: DbSession, principal: Manager, review: ReviewOfReport, data: PublicationPlan,
                     if_match: IfMatch, response: Response) -> PublicationRead:
    """Plan the publication (business office): the first plan needs no `If-Match`; later changes do."""
    publication = publishing.plan(session, principal, review, data, if_match)
    set_etag(response, publication)
    return publishing.as_read(session, principal, review)


@router.post("/publication/delay-notice", response_model=PublicationRead)
def record_delay_notice(session: DbSession, principal: Manager, review: ReviewOfReport,
                        data: DelayNotice) -> PublicationRead:
    """Record the day the National Panel was told the review will not be complete within six months (business
    office); until then a review past six months shows on the business office's dashboard."""
    publishing.record_delay_notice(session, principal, review, data.told_on)
    return publishing.as_read(session, principal, review)


@router.post("/publication/publish", response_model=PublicationRead)
def publish(session: DbSession, principal: Manager, review: ReviewOfReport, response: Response) -> PublicationRead:
    """Publish the report now (business office): refused (409) while anything on the checklist is outstanding.
    Moves the review to published (`review.published`)."""
    publication = publishing.publish(session, principal, review)
    set_etag(response, publication)
    return publishing.as_read(session, principal, review)


@router.get("/publication/documents/{document}.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}, "description": "The published version as a PDF"}})
def published_pdf(session: DbSession, principal: Reader, review: ReviewOfReport, document: ReportDocument
                  ) -> Response:
    """The published version of the overview report (or executive summary) as a PDF."""
    content, filename = publishing.published_pdf(session, principal, review, document)
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
