"""The overview report's drafts, versions and comments: the lead reviewer drafts, shares versions (never changed
afterwards), the review group and the scrutineer comment; any two versions compare word by word."""

import io
import uuid
import zipfile
from typing import NamedTuple

from sqlalchemy import and_, func, literal, select, union_all
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Permission, Principal, Role
from backend.core.concurrency import check_version
from backend.core.errors import Conflict, Forbidden, Invalid, NotFound
from backend.overview_reports import findings
from backend.overview_reports import sign_off as chain
from backend.overview_reports.diff import Change, compare, paragraphs
from backend.overview_reports.models import (
    CommentState,
    FindingAcceptance,
    Publication,
    PublicationState,
    ReportComment,
    ReportDocument,
    ReportDraft,
    ReportVersion,
    VersionSource,
)
from backend.overview_reports.policy import COMMENTS, sees_draft
from backend.overview_reports.schemas import (
    DiffParagraph,
    DiffRead,
    DiffSegment,
    DocumentRead,
    DraftRead,
    OverviewReportRead,
    ReportCommentRead,
    VersionRead,
    VersionShare,
    VersionSummary,
)
from backend.reviews.models import Review

NAMES = {ReportDocument.overview_report: "overview report", ReportDocument.executive_summary: "executive summary"}


def _published(session: Session, review: Review | uuid.UUID) -> bool:
    review_id = review if isinstance(review, uuid.UUID) else review.id
    return session.scalar(select(Publication.state).where(Publication.review_id == review_id)) == \
        PublicationState.published


def find_draft(session: Session, review: Review, document: ReportDocument) -> ReportDraft | None:
    return session.scalar(select(ReportDraft).where(ReportDraft.review_id == review.id,
                                                    ReportDraft.document == document))


def get_draft(session: Session, principal: Principal, review: Review, document: ReportDocument) -> ReportDraft:
    """The lead reviewer's draft: only those who may write the report see it (404 for anyone else)."""
    draft = find_draft(session, review, document) if sees_draft(principal) else None
    if draft is None:
        raise NotFound(f"There is no draft of the {NAMES[document]}.")
    note_read(session, principal, review.case_id, "report_draft", draft.id)
    return draft


def save_draft(session: Session, actor: Principal, review: Review, document: ReportDocument, text: str,
               if_match: str | None, *, source: VersionSource = VersionSource.typed,
               file_name: str | None = None) -> ReportDraft:
    """Save the draft: the first save starts it; every later one names the version read (If-Match)."""
    if _published(session, review):
        raise Conflict("The review is published: its report can no longer change.")
    draft = find_draft(session, review, document)
    action = "update"
    if draft is None:
        draft = ReportDraft(review_id=review.id, case_id=review.case_id, document=document)
        session.add(draft)
        action = "create"
    else:
        check_version(draft, if_match)
    draft.text, draft.source, draft.file_name, draft.updated_by_id = text, source, file_name, actor.id
    session.flush()
    audit.record(session, actor, action, "report_draft", draft.id,
                 f"Saved the draft {NAMES[document]} for {review.child_reference}",
                 {"document": document.value, "source": source.value, "words": len(text.split())})
    return draft


def text_of_docx(data: bytes) -> str:
    """The text of a Word document, a paragraph per paragraph (tables row by row), for checking and comparing."""
    from docx import Document  # python-docx

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Invalid("The file must be a Word document (.docx).",
                      errors=[("body.file", "Choose a Word document (.docx)")]) from exc
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(line for line in lines if line)


def latest_number(session: Session, review: Review, document: ReportDocument) -> int:
    return session.scalar(select(func.coalesce(func.max(ReportVersion.number), 0)).where(
        ReportVersion.review_id == review.id, ReportVersion.document == document)) or 0


def share_version(session: Session, actor: Principal, review: Review, data: VersionShare) -> ReportVersion:
    """Share the draft with the review group as a new, immutable version. Once a step of the sign-off has been
    taken, a new version needs a reason, and restarts the chain."""
    if _published(session, review):
        raise Conflict("The review is published: its report can no longer change.")
    draft = find_draft(session, review, data.document)
    if draft is None or not draft.text.strip():
        raise Invalid(f"Write the {NAMES[data.document]} before sharing it.",
                      errors=[("body.document", f"There is no draft of the {NAMES[data.document]} to share")])
    needs_restart = chain.has_live_steps(session, review)
    if needs_restart and not data.restart_reason:
        raise Invalid("Sign-off has begun on an earlier version: say why a new version is needed.",
                      errors=[("body.restart_reason", "Enter why a new version is needed; it restarts the "
                                                      "sign-off from the review group's agreement")])
    version = ReportVersion(review_id=review.id, case_id=review.case_id, document=data.document,
                            number=latest_number(session, review, data.document) + 1, text=draft.text,
                            words=len(draft.text.split()),
                            source=draft.source, file_name=draft.file_name, note=data.note,
                            shared_at=clock.now(), shared_by_id=actor.id)
    session.add(version)
    session.flush()
    findings.of_versions(session, [version])  # worked out once, kept with the version
    audit.record(session, actor, "share_version", "review", review.id,
                 f"Shared version {version.number} of the {NAMES[data.document]} for {review.child_reference}",
                 {"document": data.document.value, "number": version.number, "note": data.note})
    chain.version_shared(session, actor, review, version, data.restart_reason if needs_restart else None)
    return version


class Counted(NamedTuple):
    """A version with its open comments, and whether the review is published, read in the same statement."""

    version: ReportVersion
    open_comments: int
    published: bool


def _counted(session: Session, *where: ColumnElement[bool], whole: bool = True) -> list[Counted]:
    """Versions with their open comments and the publication's state, in one statement. Without `whole`, neither
    the text nor the findings are read (a 30,000-word version is 200-300 KB with them; a page shows counts), unless
    a version's findings need working out again."""
    open_comments = select(func.count()).where(
        ReportComment.version_id == ReportVersion.id, ReportComment.parent_id.is_(None),
        ReportComment.state != CommentState.resolved).correlate(ReportVersion).scalar_subquery()
    state = select(Publication.state).where(Publication.review_id == ReportVersion.review_id) \
        .correlate(ReportVersion).scalar_subquery()
    statement = select(ReportVersion, open_comments, state).where(*where) \
        .order_by(ReportVersion.document, ReportVersion.number)
    if not whole:
        statement = statement.options(defer(ReportVersion.text), defer(ReportVersion.findings))
    return [Counted(version, comments or 0, published == PublicationState.published)
            for version, comments, published in session.execute(statement).tuples()]


def _versions(session: Session, principal: Principal, review: Review, *version_ids: uuid.UUID) -> list[Counted]:
    """The versions asked for, in the order asked, in one statement; 404 if any is not one of the review's."""
    found = {row.version.id: row for row in _counted(session, ReportVersion.id.in_(version_ids),
                                                     ReportVersion.review_id == review.id)}
    if any(version_id not in found for version_id in version_ids):
        raise NotFound("No such version of the report.")
    for version_id in version_ids:
        note_read(session, principal, review.case_id, "report_version", version_id)
    return [found[version_id] for version_id in version_ids]


def get_version(session: Session, principal: Principal, review: Review, version_id: uuid.UUID) -> ReportVersion:
    return _versions(session, principal, review, version_id)[0].version


def counted_version(session: Session, principal: Principal, review: Review, version_id: uuid.UUID) -> Counted:
    """One version with its open comments and the publication's state, for reading it (`version_read`)."""
    return _versions(session, principal, review, version_id)[0]


def _open_comments(session: Session, version_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not version_ids:
        return {}
    rows = session.execute(select(ReportComment.version_id, func.count()).where(
        ReportComment.version_id.in_(version_ids), ReportComment.parent_id.is_(None),
        ReportComment.state != CommentState.resolved).group_by(ReportComment.version_id)).tuples()
    return dict(rows.all())


def _summary(version: ReportVersion, unresolved_findings: int, open_comments: int) -> VersionSummary:
    if version.words is None:  # shared before word counts were kept (and not counted by the migration): kept now
        version.words = len(version.text.split())
    return VersionSummary.model_validate(version).model_copy(update={
        "unresolved_findings": unresolved_findings, "open_comments": open_comments})


def summaries(session: Session, versions: list[ReportVersion], open_comments: dict[uuid.UUID, int] | None = None,
              accepted: dict[str, FindingAcceptance] | None = None) -> list[VersionSummary]:
    """Versions of one review with their unresolved findings (the kept findings less the acceptances, read once),
    counted from what is kept beside each version: neither its text nor its findings are read."""
    if not versions:
        return []
    versions = findings.up_to_date(session, versions)
    if accepted is None:
        accepted = findings.acceptances(session, versions[0].review_id)
    return [_summary(v, findings.unresolved_keys(v.finding_keys or {}, accepted), (open_comments or {}).get(v.id, 0))
            for v in versions]


def summary_of(session: Session, version: ReportVersion) -> VersionSummary:
    return summaries(session, [version])[0]


def version_actions(session: Session, principal: Principal, version: ReportVersion,
                    published: bool | None = None) -> list[str]:
    if principal.kind != "user":
        return []
    actions = []
    if principal.can(Permission.reports_comment):
        actions.append("comment")
        first_draft = version.document == ReportDocument.overview_report and version.number == 1
        if principal.role == Role.scrutineer and first_draft:
            actions.append("scrutineer_review")
    if published is None and principal.can(Permission.reports_manage):
        published = _published(session, version.review_id)
    if principal.can(Permission.reports_manage) and not published:
        actions.append("accept_finding")
    return actions


def version_read(session: Session, principal: Principal, read: ReportVersion | Counted) -> VersionRead:
    """A version with its findings; given `Counted` (as `read_version` reads it), nothing more is read for its open
    comments and the publication's state."""
    if isinstance(read, Counted):
        version, open_comments, published = read.version, read.open_comments, read.published
    else:
        version, published = read, None
        open_comments = _open_comments(session, [version.id]).get(version.id, 0)
    accepted = findings.acceptances(session, version.review_id)
    found = findings.of_versions(session, [version])[version.id]
    summary = _summary(version, findings.unresolved(found, accepted), open_comments)
    return VersionRead(**summary.model_dump(), text=version.text, paragraphs=paragraphs(version.text),
                       findings=findings.as_reads(found, version.text, accepted),
                       allowed_actions=version_actions(session, principal, version, published))


def draft_read(session: Session, draft: ReportDraft, accepted: dict[str, FindingAcceptance] | None = None
               ) -> DraftRead:
    found = [findings.kept(f) for f in findings.check_text(session, draft.case_id, draft.text)]
    if accepted is None:
        accepted = findings.acceptances(session, draft.review_id)
    return DraftRead.model_validate(draft).model_copy(update={
        "findings": findings.as_reads(found, draft.text, accepted)})


def allowed_actions(session: Session, principal: Principal, review: Review, published: bool | None = None
                    ) -> list[str]:
    if published is None:
        published = _published(session, review)
    if published or principal.kind != "user":
        return []
    actions = []
    if principal.can(Permission.reports_write):
        actions += ["save_draft", "share_version"]
    if principal.can(Permission.reports_manage):
        actions.append("accept_finding")
    return actions


def _drafts_and_acceptances(session: Session, review: Review
                            ) -> tuple[dict[ReportDocument, ReportDraft], dict[str, FindingAcceptance]]:
    """The lead reviewer's drafts and the acceptances (their findings are shown against them) in one statement: two
    rows of one side, each side outer-joined to one table, so neither repeats the other's rows."""
    sides = union_all(select(literal(0).label("side")), select(literal(1).label("side"))).subquery()
    statement = (select(ReportDraft, FindingAcceptance).select_from(sides)
                 .outerjoin(ReportDraft, and_(sides.c.side == 0, ReportDraft.review_id == review.id))
                 .outerjoin(FindingAcceptance, and_(sides.c.side == 1, FindingAcceptance.review_id == review.id)))
    drafts: dict[ReportDocument, ReportDraft] = {}
    accepted: dict[str, FindingAcceptance] = {}
    for draft, acceptance in session.execute(statement).tuples():
        if draft is not None:
            drafts[draft.document] = draft
        if acceptance is not None:
            accepted[acceptance.key] = acceptance
    return drafts, accepted


def as_read(session: Session, principal: Principal, review: Review) -> OverviewReportRead:
    """The page: the versions with their open comments and the publication's state in one statement, the case's
    details (to tell whether each version's kept findings stand) in one, the acceptances in one (with the drafts, for
    the lead reviewer); neither a version's text nor its findings."""
    rows = _counted(session, ReportVersion.review_id == review.id, whole=False)
    if sees_draft(principal):
        drafts, accepted = _drafts_and_acceptances(session, review)
    else:
        drafts, accepted = {}, findings.acceptances(session, review.id) if rows else {}
    summarised = summaries(session, [row.version for row in rows],
                           {row.version.id: row.open_comments for row in rows}, accepted)
    documents = []
    for document in ReportDocument:
        draft = drafts.get(document)
        documents.append(DocumentRead(
            document=document, draft=draft_read(session, draft, accepted) if draft else None,
            versions=[summary for summary in summarised if summary.document == document]))
    return OverviewReportRead(review_id=review.id, child_reference=review.child_reference, documents=documents,
                              allowed_actions=allowed_actions(session, principal, review,
                                                              rows[0].published if rows else None))


def diff(session: Session, principal: Principal, review: Review, left_id: uuid.UUID,
         right_id: uuid.UUID) -> DiffRead:
    counted = _versions(session, principal, review, left_id, right_id)
    left, right = counted[0].version, counted[1].version
    comparison = compare(left.text, right.text)
    left_summary, right_summary = summaries(session, [left, right])  # the diff has always shown no open comments
    return DiffRead(
        left=left_summary, right=right_summary,
        words_inserted=comparison.count(Change.inserted),
        words_deleted=comparison.count(Change.deleted),
        paragraphs=[DiffParagraph(status=p.status, left_number=p.left_number, right_number=p.right_number,
                                  left=[DiffSegment(text=s.text, change=s.change) for s in p.left],
                                  right=[DiffSegment(text=s.text, change=s.change) for s in p.right])
                    for p in comparison.paragraphs])


# Comments ---------------------------------------------------------------------------------------------------------

def add_comment(session: Session, actor: Principal, review: Review, version: ReportVersion, body: str,
                paragraph: int | None, scrutineer_review: bool) -> ReportComment:
    if paragraph is not None and paragraph > len(paragraphs(version.text)):
        raise Invalid("Choose a paragraph of this version.",
                      errors=[("body.paragraph", f"This version has {len(paragraphs(version.text))} paragraphs")])
    if scrutineer_review:
        if actor.role != Role.scrutineer:
            raise Forbidden("Only the scrutineer records the scrutineer's review of the first draft.")
        if version.document != ReportDocument.overview_report or version.number != 1:
            raise Invalid("The scrutineer's review is of the first draft of the overview report.",
                          errors=[("body.scrutineer_review", "Comment on version 1 of the overview report")])
    comment = ReportComment(version_id=version.id, case_id=review.case_id, paragraph=paragraph, body=body,
                            scrutineer_review=scrutineer_review, author_id=actor.id)
    session.add(comment)
    session.flush()
    what = "the scrutineer's review of" if scrutineer_review else "a comment on"
    audit.record(session, actor, "comment", "review", review.id,
                 f"Added {what} version {version.number} of the {NAMES[version.document]} for "
                 f"{review.child_reference}", {"paragraph": paragraph, "version": version.number})
    return comment


def get_comment(session: Session, principal: Principal, review: Review, comment_id: uuid.UUID) -> ReportComment:
    comment = session.scalar(select(ReportComment).join(ReportVersion).where(
        ReportComment.id == comment_id, ReportVersion.review_id == review.id))
    if comment is None:
        raise NotFound("No such comment.")
    note_read(session, principal, review.case_id, "report_comment", comment.id)
    return comment


def answer_comment(session: Session, actor: Principal, review: Review, comment: ReportComment,
                   body: str) -> ReportComment:
    COMMENTS.check(actor, comment, "answer")
    answer = ReportComment(version_id=comment.version_id, case_id=review.case_id, parent_id=comment.id,
                           paragraph=comment.paragraph, body=body, author_id=actor.id)
    session.add(answer)
    COMMENTS.take(session, actor, comment, "answer", checked=True, audited_as=("review", review.id),
                  summary=f"Answered a comment on the report for {review.child_reference}")
    return comment


def resolve_comment(session: Session, actor: Principal, review: Review, comment: ReportComment) -> ReportComment:
    COMMENTS.take(session, actor, comment, "resolve", audited_as=("review", review.id),
                  apply={"resolved_at": clock.now(), "resolved_by_id": actor.id},
                  summary=f"Resolved a comment on the report for {review.child_reference}")
    return comment


def comment_threads(session: Session, principal: Principal, version: ReportVersion) -> list[ReportCommentRead]:
    rows = list(session.scalars(select(ReportComment).where(ReportComment.version_id == version.id)
                                .order_by(ReportComment.created_at, ReportComment.id)))
    answers: dict[uuid.UUID, list[ReportCommentRead]] = {}
    for row in rows:
        if row.parent_id is not None:
            answers.setdefault(row.parent_id, []).append(ReportCommentRead.model_validate(row))
    return [comment_read(principal, row, answers.get(row.id, [])) for row in rows if row.parent_id is None]


def thread_read(session: Session, principal: Principal, comment: ReportComment) -> ReportCommentRead:
    """The comment with its answers, as the threads list shows it."""
    return next(c for c in comment_threads(session, principal, comment.report_version) if c.id == comment.id)


def comment_read(principal: Principal, comment: ReportComment, answers: list[ReportCommentRead] | None = None
                 ) -> ReportCommentRead:
    return ReportCommentRead.model_validate(comment).model_copy(update={
        "answers": answers or [], "allowed_actions": COMMENTS.allowed_actions(principal, comment)})
